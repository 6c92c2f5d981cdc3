from rest_framework.routers import DefaultRouter

app_name = "api-ot_centre"
router = DefaultRouter()
urlpatterns = router.urls
