from rest_framework.routers import DefaultRouter

app_name = "api-archiving"
router = DefaultRouter()
urlpatterns = router.urls
