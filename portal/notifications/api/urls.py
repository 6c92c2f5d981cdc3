from rest_framework.routers import SimpleRouter

from portal.notifications.api.views import NotificationViewSet

# No root view of its own: included without a namespace, DefaultRouter's root took the name
# "api-root" from the portal's /api/ (reverse("api-root") gave /api/notifications/).
router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")
urlpatterns = router.urls
