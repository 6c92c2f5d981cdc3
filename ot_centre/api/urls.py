from rest_framework.routers import APIRootView, DefaultRouter

from ot_centre.api import views


class SignedInRootView(views.SignedInMixin, APIRootView):
    """The area's API root also answers 401 to anonymous callers."""


app_name = "api-ot_centre"
router = DefaultRouter()
router.APIRootView = SignedInRootView
router.register("areas", views.CooperationAreaViewSet, basename="area")
router.register("expertise-areas", views.ExpertiseAreaViewSet, basename="expertise-area")
router.register("experts", views.ExpertViewSet, basename="expert")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("requests", views.ConsultationRequestViewSet, basename="request")
router.register("statistics", views.StatisticsViewSet, basename="statistics")
urlpatterns = router.urls
