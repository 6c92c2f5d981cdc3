from rest_framework.routers import DefaultRouter

app_name = "api-supervision"
router = DefaultRouter()
urlpatterns = router.urls
