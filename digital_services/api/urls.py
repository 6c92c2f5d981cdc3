from rest_framework.routers import DefaultRouter

from digital_services.api import views

app_name = "api-digital_services"
router = DefaultRouter()
router.register("services", views.DigitalServiceViewSet, basename="service")
router.register("rollouts", views.RolloutViewSet, basename="rollout")
router.register("monthly-figures", views.MonthlyFigureViewSet, basename="monthly-figure")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("paths", views.ServicePathViewSet, basename="path")
router.register("pilots", views.PilotViewSet, basename="pilot")
router.register("chat-statistics", views.ChatStatisticsViewSet, basename="chat-statistic")
urlpatterns = router.urls
