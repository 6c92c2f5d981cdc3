from django.urls import path
from rest_framework.routers import DefaultRouter

from knowledge_mgmt.api import views

app_name = "api-knowledge_mgmt"
router = DefaultRouter()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("targets", views.TargetViewSet, basename="target")
urlpatterns = [
    path("data/", views.DataView.as_view(), name="data"),
    path("reports/", views.MunicipalityReportView.as_view(), name="report"),
    *router.urls,
]
