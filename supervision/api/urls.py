from rest_framework.routers import DefaultRouter

from supervision.api import views

app_name = "api-supervision"
router = DefaultRouter()
router.register("producers", views.ProducerViewSet, basename="producer")
router.register("units", views.ServiceUnitViewSet, basename="unit")
router.register("contracts", views.ContractViewSet, basename="contract")
router.register("thresholds", views.StaffingThresholdViewSet, basename="threshold")
router.register("person-day-rules", views.PersonDayRuleViewSet, basename="person-day-rule")
router.register("professional-groups", views.ProfessionalGroupViewSet, basename="professional-group")
router.register("staffing-days", views.StaffingDayViewSet, basename="staffing-day")
router.register("deviation-reports", views.DeviationReportViewSet, basename="deviation-report")
router.register("visits", views.SupervisionVisitViewSet, basename="visit")
urlpatterns = router.urls
