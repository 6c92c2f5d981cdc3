from django.urls import path
from rest_framework.routers import DefaultRouter

from governance.api import views

app_name = "api-governance"
router = DefaultRouter()
router.register("bodies", views.BodyViewSet, basename="body")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agendaitem")
router.register("attachments", views.AttachmentViewSet, basename="attachment")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("baselines", views.BaselineViewSet, basename="baseline")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("progress-reports", views.ProgressReportViewSet, basename="progressreport")
router.register("communications", views.CommunicationItemViewSet, basename="communication")
router.register("news", views.NewsItemViewSet, basename="news")
router.register("events", views.StakeholderEventViewSet, basename="event")
router.register("legacy-documents", views.LegacyDocumentViewSet, basename="legacydocument")
router.register("service-entities", views.ServiceEntityViewSet, basename="serviceentity")
router.register("trainings", views.TrainingEventViewSet, basename="training")
router.register("training-participations", views.ParticipationViewSet, basename="participation")
router.register("principles", views.PrinciplesVersionViewSet, basename="principles")
router.register("study-status", views.StudyStatusViewSet, basename="studystatus")
router.register("status-reports", views.StatusReportViewSet, basename="statusreport")
urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("representation/", views.RepresentationView.as_view(), name="representation"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    *router.urls,
]
