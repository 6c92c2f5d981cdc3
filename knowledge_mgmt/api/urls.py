from rest_framework.routers import DefaultRouter

app_name = "api-knowledge_mgmt"
router = DefaultRouter()
urlpatterns = router.urls
