from django.urls import path

from digital_services import views as v

app_name = "digital_services"


def crud(prefix: str, edit, delete=None, *, create: bool = True) -> list:
    """create / edit / delete routes of one model."""
    routes = [path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{prefix}-edit")]
    if create:
        routes.append(path(f"{prefix}/new/", edit.as_view(), name=f"{prefix}-create"))
    if delete is not None:
        routes.append(path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{prefix}-delete"))
    return routes


urlpatterns = [
    path("", v.IndexView.as_view(), name="index"),
    # catalogue (public)
    path("catalogue/", v.ServiceListView.as_view(), name="service-list"),
    path("catalogue/<int:pk>/", v.ServiceDetailView.as_view(), name="service-detail"),
    *crud("service", v.ServiceEditView, v.ServiceDeleteView),
    *crud("feature", v.FeatureEditView, v.FeatureDeleteView),
    *crud("service-channel", v.ServiceChannelEditView, v.ServiceChannelDeleteView),
    # rollouts
    path("rollouts/", v.RolloutListView.as_view(), name="rollout-list"),
    path("rollouts/<int:pk>/", v.RolloutDetailView.as_view(), name="rollout-detail"),
    *crud("rollout", v.RolloutEditView, v.RolloutDeleteView),
    path("matrix/", v.MatrixView.as_view(), name="matrix"),
    # monthly figures
    path("figures/", v.FigureListView.as_view(), name="figure-list"),
    path("figures/<int:pk>/", v.FigureDetailView.as_view(), name="figure-detail"),
    path("figures/upload/", v.FigureUploadView.as_view(), name="figure-upload"),
    *crud("figure", v.FigureEditView, v.FigureDeleteView),
    path("indicators/", v.IndicatorsView.as_view(), name="indicators"),
    # inclusion
    path("inclusion/", v.InclusionView.as_view(), name="inclusion"),
    *crud("offline-rate", v.OfflineRateEditView),
    *crud("age-structure", v.AgeStructureEditView),
    # paths
    path("paths/", v.PathListView.as_view(), name="path-list"),
    path("paths/<int:pk>/", v.PathDetailView.as_view(), name="path-detail"),
    *crud("path", v.PathEditView, v.PathDeleteView),
    *crud("step", v.StepEditView),
    *crud("step-change", v.StepChangeEditView),
    # pilots
    path("pilots/", v.PilotListView.as_view(), name="pilot-list"),
    path("pilots/<int:pk>/", v.PilotDetailView.as_view(), name="pilot-detail"),
    *crud("pilot", v.PilotEditView, v.PilotDeleteView),
    # chat
    path("chat/", v.ChatView.as_view(), name="chat"),
    path("chat/intents/", v.IntentListView.as_view(), name="intent-list"),
    *crud("intent", v.IntentEditView),
    path("chat/contacts/", v.ContactListView.as_view(), name="contact-list"),
    *crud("contact", v.ContactEditView),
    path("chat/statistics/", v.ChatStatListView.as_view(), name="chat-stats"),
    # counselling model
    path("counselling/", v.CounsellingView.as_view(), name="counselling"),
    path("counselling/segments/<int:pk>/", v.SegmentDetailView.as_view(), name="segment-detail"),
    path(
        "counselling/segments/<int:pk>/history/indicator-bank/",
        v.SegmentBankImportView.as_view(),
        name="segment-bank-import",
    ),
    *crud("segment", v.SegmentEditView),
    *crud("segment-history", v.SegmentHistoryEditView),
    path("counselling/history/upload/", v.HistoryUploadView.as_view(), name="history-upload"),
    *crud("channel", v.CounsellingChannelEditView),
    path("counselling/requirements/", v.RequirementListView.as_view(), name="requirement-list"),
    *crud("requirement", v.RequirementEditView),
    # reports
    path("report/", v.ReportView.as_view(), name="report"),
]
