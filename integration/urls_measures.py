"""URLs of measures 3.1, 3.5 and 3.6 (included by ``integration.urls``)."""

from django.urls import path

from integration import views_measures as v

urlpatterns = [
    path("operating-models/", v.OperatingModelListView.as_view(), name="operating-model-list"),
    path("operating-models/new/", v.OperatingModelEditView.as_view(), name="operating-model-create"),
    path("operating-models/<int:pk>/", v.OperatingModelDetailView.as_view(), name="operating-model-detail"),
    path("operating-models/<int:pk>/edit/", v.OperatingModelEditView.as_view(), name="operating-model-edit"),
    path("operating-models/<int:pk>/delete/", v.OperatingModelDeleteView.as_view(), name="operating-model-delete"),
    path("flows/", v.FlowMapView.as_view(), name="flow-map"),
    path("flows/new/", v.FlowEditView.as_view(), name="flow-create"),
    path("flows/<int:pk>/", v.FlowDetailView.as_view(), name="flow-detail"),
    path("flows/<int:pk>/edit/", v.FlowEditView.as_view(), name="flow-edit"),
    path("flows/<int:pk>/delete/", v.FlowDeleteView.as_view(), name="flow-delete"),
    path("training/", v.TrainingListView.as_view(), name="training-list"),
    path("training/<int:pk>/", v.TrainingDetailView.as_view(), name="training-detail"),
    path("classifications/", v.ClassificationListView.as_view(), name="classification-list"),
    path("classifications/new/", v.ClassificationEditView.as_view(), name="classification-create"),
    path("classifications/<int:pk>/", v.ClassificationDetailView.as_view(), name="classification-detail"),
    path("classifications/<int:pk>/edit/", v.ClassificationEditView.as_view(), name="classification-edit"),
    path(
        "classifications/<int:classification_pk>/versions/new/",
        v.ClassificationVersionEditView.as_view(),
        name="classification-version-create",
    ),
    path(
        "classifications/versions/<int:pk>/edit/",
        v.ClassificationVersionEditView.as_view(),
        name="classification-version-edit",
    ),
    path("documentation/", v.DocumentationFiguresView.as_view(), name="documentation"),
    path("documentation/matrix.xlsx", v.DocumentationMatrixXlsxView.as_view(), name="documentation-matrix"),
    path("documentation/pdf/", v.ReportPdfView.as_view(), name="documentation-pdf"),
    path("documentation/figures/", v.ReportListView.as_view(), name="report-list"),
    path("documentation/figures/new/", v.ReportCreateView.as_view(), name="report-create"),
    path("documentation/figures/upload/", v.ReportUploadView.as_view(), name="report-upload"),
    path("documentation/figures/<int:pk>/correct/", v.ReportCorrectView.as_view(), name="report-edit"),
    path("kanta-readiness/", v.ReadinessListView.as_view(), name="readiness"),
    path("una/", v.UnaView.as_view(), name="una"),
    path("una/rollouts/", v.RolloutListView.as_view(), name="una-rollouts"),
    path("una/availability/", v.AvailabilityView.as_view(), name="availability"),
]
