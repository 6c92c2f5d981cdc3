from django.urls import path
from rest_framework.routers import DefaultRouter

from integration.api import views

app_name = "api-integration"
router = DefaultRouter()
router.register("code-lists", views.CodeListViewSet, basename="code-list")
router.register("codes", views.CodeViewSet, basename="code")
router.register("package-definitions", views.PackageDefinitionViewSet, basename="package-definition")
router.register("mapping-versions", views.MappingVersionViewSet, basename="mapping-version")
router.register("cost-centre-mappings", views.CostCentreMappingViewSet, basename="cost-centre-mapping")
router.register("account-mappings", views.AccountMappingViewSet, basename="account-mapping")
router.register("uploads", views.UploadViewSet, basename="upload")
router.register("package-rows", views.PackageRowViewSet, basename="package-row")
router.register("drafts", views.ConversionDraftViewSet, basename="conversion-draft")
urlpatterns = [
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    *router.urls,
]

# Measures 3.1, 3.5 and 3.6.
from integration.api import views_measures as _m  # noqa: E402

_measures = DefaultRouter()
_measures.include_root_view = False
_measures.register("operating-models", _m.OperatingModelViewSet, basename="operating-model")
_measures.register("operating-model-adoptions", _m.AdoptionViewSet, basename="operating-model-adoption")
_measures.register("flows", _m.FlowViewSet, basename="flow")
_measures.register("training-courses", _m.TrainingCourseViewSet, basename="training-course")
_measures.register("classifications", _m.ClassificationViewSet, basename="classification")
_measures.register("documentation-reports", _m.DocumentationReportViewSet, basename="documentation-report")
_measures.register("documentation-figures", _m.RegionFigureViewSet, basename="documentation-figure")
_measures.register("kanta-readiness", _m.ReadinessViewSet, basename="kanta-readiness")
_measures.register("una-modules", _m.UnaModuleViewSet, basename="una-module")
_measures.register("una-rollouts", _m.UnaRolloutViewSet, basename="una-rollout")
_measures.register("client-data-access", _m.ClientDataAccessViewSet, basename="client-data-access")
urlpatterns += _measures.urls
