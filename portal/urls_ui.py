from django.urls import path

from portal import views, views_systems

app_name = "portal"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/export/", views.organisation_export, name="organisation-export"),
    path("organisations/<str:code>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("organisations/<str:code>/edit/", views.OrganisationEditView.as_view(), name="organisation-edit"),
    path("measures/", views.MeasureListView.as_view(), name="measure-list"),
    path("measures/<str:number>/", views.MeasureDetailView.as_view(), name="measure-detail"),
    path("measures/<str:number>/edit/", views.MeasureEditView.as_view(), name="measure-edit"),
    path("measures/<str:number>/progress/", views.MeasureProgressView.as_view(), name="measure-progress"),
    path("data-models/", views.DataModelListView.as_view(), name="datamodel-list"),
    path("data-models/new/", views.DataModelEditView.as_view(), name="datamodel-create"),
    path("data-models/<slug:code>/", views.DataModelDetailView.as_view(), name="datamodel-detail"),
    path("data-models/<slug:code>/edit/", views.DataModelEditView.as_view(), name="datamodel-edit"),
    path("data-models/<slug:code>/concepts/new/", views.ConceptEditView.as_view(), name="concept-create"),
    path("data-models/<slug:code>/concepts/<slug:concept_code>/", views.ConceptEditView.as_view(), name="concept-edit"),
    path(
        "data-models/<slug:code>/concepts/<slug:concept_code>/delete/",
        views.ConceptDeleteView.as_view(),
        name="concept-delete",
    ),
    path(
        "data-models/<slug:code>/concepts/<slug:concept_code>/relations/",
        views.ConceptRelationView.as_view(),
        name="concept-relation-add",
    ),
    path(
        "data-models/<slug:code>/concepts/<slug:concept_code>/relations/<int:pk>/delete/",
        views.ConceptRelationDeleteView.as_view(),
        name="concept-relation-delete",
    ),
    path("information-systems/", views_systems.InformationSystemListView.as_view(), name="information-system-list"),
    path(
        "information-systems/new/",
        views_systems.InformationSystemEditView.as_view(),
        name="information-system-create",
    ),
    path(
        "information-systems/<int:pk>/",
        views_systems.InformationSystemDetailView.as_view(),
        name="information-system-detail",
    ),
    path(
        "information-systems/<int:pk>/edit/",
        views_systems.InformationSystemEditView.as_view(),
        name="information-system-edit",
    ),
    path(
        "information-systems/<int:pk>/delete/",
        views_systems.InformationSystemDeleteView.as_view(),
        name="information-system-delete",
    ),
    path("history/<str:kind>/<str:key>/", views.HistoryView.as_view(), name="history"),
    path("jobs/", views.JobListView.as_view(), name="job-list"),
    path("jobs/<int:pk>/", views.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<int:pk>/download/", views.job_download, name="job-download"),
    path("jobs/<int:pk>/rerun/", views.job_rerun, name="job-rerun"),
    path("jobs/<int:pk>/errors/", views.job_errors, name="job-errors"),
]
