from django.urls import path, re_path

from supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # public (no login)
    path("report/", views.DeviationReportCreateView.as_view(), name="report-create"),
    path("report/received/", views.DeviationReceivedView.as_view(), name="report-received"),
    path("report/status/", views.StatusLookupView.as_view(), name="report-status"),
    path("thresholds/", views.ThresholdListView.as_view(), name="threshold-list"),
    path("thresholds/new/", views.ThresholdEditView.as_view(), name="threshold-create"),
    path("thresholds/<int:pk>/edit/", views.ThresholdEditView.as_view(), name="threshold-edit"),
    path("producers/", views.ProducerListView.as_view(), name="producer-list"),
    path("producers/new/", views.ProducerEditView.as_view(), name="producer-create"),
    path("producers/<int:pk>/edit/", views.ProducerEditView.as_view(), name="producer-edit"),
    # signed-in
    path("deviations/", views.DeviationQueueView.as_view(), name="deviation-list"),
    path("deviations/<str:code>/", views.DeviationDetailView.as_view(), name="deviation-detail"),
    path("compliance/", views.ComplianceDashboardView.as_view(), name="dashboard"),
    re_path(r"^compliance/export\.(?P<fmt>csv|xlsx)$", views.ComplianceExportView.as_view(), name="compliance-export"),
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/new/", views.ServiceUnitEditView.as_view(), name="unit-create"),
    path("units/<slug:code>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<slug:code>/edit/", views.ServiceUnitEditView.as_view(), name="unit-edit"),
    re_path(
        r"^units/(?P<code>[-a-zA-Z0-9_]+)/staffing\.(?P<fmt>csv|xlsx)$",
        views.UnitStaffingExportView.as_view(),
        name="unit-export",
    ),
    path("units/<slug:code>/report/", views.UnitReportView.as_view(), name="unit-report"),
    path("units/<slug:code>/staffing/add/", views.StaffingDayEntryView.as_view(), name="staffing-day-add"),
    path("staffing/import/", views.StaffingImportView.as_view(), name="staffing-import"),
    path("contracts/", views.ContractListView.as_view(), name="contract-list"),
    path("contracts/new/", views.ContractEditView.as_view(), name="contract-create"),
    path("contracts/<int:pk>/edit/", views.ContractEditView.as_view(), name="contract-edit"),
    path("visits/", views.VisitListView.as_view(), name="visit-list"),
    path("visits/new/", views.VisitEditView.as_view(), name="visit-create"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit-detail"),
    path("visits/<int:pk>/edit/", views.VisitEditView.as_view(), name="visit-edit"),
]
