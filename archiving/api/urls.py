from rest_framework.routers import DefaultRouter

from archiving.api import views

app_name = "api-archiving"
router = DefaultRouter()
router.register("data-contents", views.DataContentViewSet, basename="data-content")
router.register("rules", views.RetentionRuleViewSet, basename="rule")
router.register("plans", views.ArchivingPlanViewSet, basename="plan")
router.register("simulations", views.RetentionSimulationViewSet, basename="simulation")
router.register("requirements", views.RequirementViewSet, basename="requirement")
router.register("access-requests", views.AccessRequestViewSet, basename="access-request")
urlpatterns = router.urls
