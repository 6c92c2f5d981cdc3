from django.urls import path

from knowledge_mgmt import views, views_concepts

app_name = "knowledge_mgmt"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("dashboards/", views.DashboardListView.as_view(), name="dashboard-list"),
    path("dashboards/<slug:code>/", views.DashboardView.as_view(), name="dashboard"),
    path("municipalities/", views.MunicipalityListView.as_view(), name="municipality-list"),
    path("municipalities/reports/", views.municipality_report_batch, name="municipality-report-batch"),
    path("municipalities/<str:code>/", views.MunicipalityView.as_view(), name="municipality"),
    path("municipalities/<str:code>/report/", views.municipality_report, name="municipality-report"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/drafts/<int:pk>/publish/", views.import_publish, name="import-publish"),
    path("import/drafts/<int:pk>/discard/", views.import_discard, name="import-discard"),
    path("import/template.<str:fmt>", views.import_template, name="import-template"),
    path("values/new/", views.ValueEntryView.as_view(), name="value-entry"),
    path("targets/new/", views.TargetEntryView.as_view(), name="target-entry"),
    path("computed/recompute/", views.recompute_packages, name="recompute-packages"),
    path("computed/digital-exclusion/", views.recompute_digital_exclusion, name="recompute-digital-exclusion"),
    path(
        "computed/structured-documentation/",
        views.recompute_structured_documentation,
        name="recompute-structured-documentation",
    ),
    path("concepts/", views_concepts.ConceptLinksView.as_view(), name="concept-links"),
    path(
        "data-models/<slug:code>/export.<str:fmt>",
        views_concepts.datamodel_export,
        name="datamodel-export",
    ),
    path("maturity/", views.SurveyListView.as_view(), name="survey-list"),
    path("maturity/<slug:code>/", views.SurveyResultsView.as_view(), name="survey-results"),
    path("maturity/<slug:code>/import/", views.SurveyImportView.as_view(), name="survey-import"),
    path("maturity/<slug:code>/answer/", views.SurveyAnswerView.as_view(), name="survey-answer"),
]
