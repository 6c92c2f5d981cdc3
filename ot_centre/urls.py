from django.urls import path

from ot_centre import views

app_name = "ot_centre"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("requests/", views.RequestListView.as_view(), name="request-list"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request-create"),
    path("requests/<str:code>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("experts/", views.ExpertListView.as_view(), name="expert-list"),
    path("experts/new/", views.ExpertEditView.as_view(), name="expert-create"),
    path("experts/<int:pk>/", views.ExpertDetailView.as_view(), name="expert-detail"),
    path("experts/<int:pk>/edit/", views.ExpertEditView.as_view(), name="expert-edit"),
    path("network-map/", views.NetworkMapView.as_view(), name="network-map"),
    path("expertise-areas/", views.ExpertiseAreaListView.as_view(), name="expertise-area-list"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/new/", views.AgreementEditView.as_view(), name="agreement-create"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
    path("agreements/<int:pk>/edit/", views.AgreementEditView.as_view(), name="agreement-edit"),
    path("working-groups/", views.WorkingGroupListView.as_view(), name="working-group-list"),
    path("areas/<slug:key>/", views.AreaDetailView.as_view(), name="area-detail"),
    path("deadline-rules/", views.DeadlineRuleListView.as_view(), name="rule-list"),
    path("deadline-rules/<int:pk>/edit/", views.DeadlineRuleEditView.as_view(), name="rule-edit"),
    path("pilots/<int:pk>/", views.PilotDetailView.as_view(), name="pilot-detail"),
    path("pilots/<int:pk>/experience/", views.ExperienceCreateView.as_view(), name="experience-create"),
    path("use-cases/", views.UseCaseListView.as_view(), name="usecase-list"),
    path("use-cases/new/", views.UseCaseEditView.as_view(), name="usecase-create"),
    path("regional-picture/", views.RegionalPictureView.as_view(), name="regional-picture"),
    path("demand-estimates/", views.DemandEstimateListView.as_view(), name="demand-list"),
    path("demand-estimates/new/", views.DemandEstimateEditView.as_view(), name="demand-create"),
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/<int:pk>/download/", views.ReportDownloadView.as_view(), name="report-download"),
]
