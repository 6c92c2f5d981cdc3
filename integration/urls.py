from django.urls import path

from integration import views, views_publication

app_name = "integration"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("uploads/", views.UploadListView.as_view(), name="upload-list"),
    path("uploads/new/", views.UploadCreateView.as_view(), name="upload-create"),
    path("mappings/", views.MappingListView.as_view(), name="mapping-list"),
    path("mappings/<str:code>/new/", views.mapping_new_version, name="mapping-new-version"),
    path("mappings/<str:code>/import/", views.MappingImportView.as_view(), name="mapping-import"),
    path("mappings/<str:code>/coverage/", views.CoverageView.as_view(), name="coverage"),
    path("mappings/<str:code>/<int:number>/", views.MappingDetailView.as_view(), name="mapping-detail"),
    path("mappings/<str:code>/<int:number>/export/", views.mapping_export, name="mapping-export"),
    path("mappings/<str:code>/<int:number>/<str:kind>/add/", views.mapping_add_rule, name="mapping-add-rule"),
    path(
        "mappings/<str:code>/<int:number>/<str:kind>/<int:pk>/delete/",
        views.mapping_delete_rule,
        name="mapping-delete-rule",
    ),
    path("settings/<str:code>/", views.SettingsView.as_view(), name="settings"),
    path("code-lists/", views.CodeListListView.as_view(), name="codelist-list"),
    path("code-lists/<slug:code>/", views.CodeListDetailView.as_view(), name="codelist-detail"),
    path("package-definitions/<slug:code>/", views.PackageDefinitionView.as_view(), name="definition-detail"),
    path("results/", views.ResultListView.as_view(), name="result-list"),
    path("results/<str:code>/<int:year>/", views.ResultDetailView.as_view(), name="result-detail"),
    path("results/<str:code>/<int:year>/rows/", views.DrillDownView.as_view(), name="drill"),
    path("comparison/", views.ComparisonView.as_view(), name="comparison"),
    path("drafts/", views_publication.DraftListView.as_view(), name="draft-list"),
    path("drafts/<int:pk>/", views_publication.DraftDetailView.as_view(), name="draft-detail"),
    path("drafts/<int:pk>/publish/", views_publication.DraftPublishView.as_view(), name="draft-publish"),
    path("drafts/<int:pk>/discard/", views_publication.DraftDiscardView.as_view(), name="draft-discard"),
    path(
        "drafts/<int:pk>/start-mapping/", views_publication.DraftStartMappingView.as_view(), name="draft-start-mapping"
    ),
]

# Measures 3.1, 3.5 and 3.6.
from integration.urls_measures import urlpatterns as _measure_urls  # noqa: E402

urlpatterns += _measure_urls
