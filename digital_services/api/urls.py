from rest_framework.routers import DefaultRouter

app_name = "api-digital_services"
router = DefaultRouter()
urlpatterns = router.urls
