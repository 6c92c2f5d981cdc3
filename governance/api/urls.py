from rest_framework.routers import DefaultRouter

app_name = "api-governance"
router = DefaultRouter()
urlpatterns = router.urls
