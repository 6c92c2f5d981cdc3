from rest_framework.routers import DefaultRouter

app_name = "api-integration"
router = DefaultRouter()
urlpatterns = router.urls
