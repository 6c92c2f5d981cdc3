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
