from rest_framework.routers import DefaultRouter

from portal.api import views

app_name = "api-portal"
router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("data-models", views.DataModelViewSet, basename="data-model")
router.register("concepts", views.ConceptViewSet, basename="concept")
router.register("concept-relations", views.ConceptRelationViewSet, basename="concept-relation")
router.register("information-systems", views.InformationSystemViewSet, basename="information-system")
router.register("jobs", views.JobViewSet, basename="job")
urlpatterns = router.urls
