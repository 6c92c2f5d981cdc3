from django.urls import path

from governance import views

app_name = "governance"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # Programme organisation
    path("bodies/", views.BodyListView.as_view(), name="body-list"),
    path("bodies/new/", views.BodyFormView.as_view(), name="body-create"),
    path("bodies/<int:pk>/", views.BodyDetailView.as_view(), name="body-detail"),
    path("bodies/<int:pk>/edit/", views.BodyFormView.as_view(), name="body-edit"),
    path("bodies/<int:body_pk>/members/new/", views.MembershipFormView.as_view(), name="membership-create"),
    path("members/<int:pk>/edit/", views.MembershipFormView.as_view(), name="membership-edit"),
    path("representation/", views.RepresentationView.as_view(), name="representation"),
    # Meetings and decisions
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/new/", views.MeetingFormView.as_view(), name="meeting-create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/edit/", views.MeetingFormView.as_view(), name="meeting-edit"),
    path("meetings/<int:pk>/record/", views.MeetingRecordView.as_view(), name="meeting-record"),
    path("meetings/<int:pk>/approve/", views.ApproveMinutesView.as_view(), name="meeting-approve"),
    path("meetings/<int:meeting_pk>/agenda/new/", views.AgendaItemFormView.as_view(), name="agenda-create"),
    path("agenda/<int:pk>/edit/", views.AgendaItemFormView.as_view(), name="agenda-edit"),
    path("meetings/<int:meeting_pk>/attachments/new/", views.AttachmentFormView.as_view(), name="attachment-create"),
    path("attachments/<int:pk>/download/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
    path("meetings/<int:meeting_pk>/decisions/new/", views.DecisionCreateView.as_view(), name="decision-create"),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("decisions/<int:pk>/edit/", views.DecisionEditView.as_view(), name="decision-edit"),
    path("decisions/<int:pk>/follow-up/", views.FollowUpView.as_view(), name="decision-follow-up"),
    path("decisions/<int:decision_pk>/correct/", views.DecisionCorrectView.as_view(), name="decision-correct"),
    # Measure tracking
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("measures/<str:number>/report/", views.ProgressReportView.as_view(), name="progress-report"),
    path("milestones/", views.MilestoneListView.as_view(), name="milestone-list"),
    path("milestones/new/", views.MilestoneFormView.as_view(), name="milestone-create"),
    path("milestones/<int:pk>/edit/", views.MilestoneFormView.as_view(), name="milestone-edit"),
    path("baselines/", views.BaselineListView.as_view(), name="baseline-list"),
    path("baselines/new/", views.BaselineFormView.as_view(), name="baseline-create"),
    path("baselines/<int:pk>/edit/", views.BaselineFormView.as_view(), name="baseline-edit"),
    # Communications
    path("communications/", views.CommunicationListView.as_view(), name="communication-list"),
    path("communications/new/", views.CommunicationFormView.as_view(), name="communication-create"),
    path("communications/<int:pk>/edit/", views.CommunicationFormView.as_view(), name="communication-edit"),
    path("news/", views.NewsListView.as_view(), name="news-list"),
    path("news/feed/", views.NewsFeed(), name="news-feed"),
    path("news/new/", views.NewsFormView.as_view(), name="news-create"),
    path("news/<int:pk>/edit/", views.NewsFormView.as_view(), name="news-edit"),
    path("news/<slug:slug>/", views.NewsDetailView.as_view(), name="news-detail"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/new/", views.EventFormView.as_view(), name="event-create"),
    path("events/<int:pk>/edit/", views.EventFormView.as_view(), name="event-edit"),
    # Legacy material
    path("legacy/", views.LegacyListView.as_view(), name="legacy-list"),
    path("legacy/new/", views.LegacyFormView.as_view(), name="legacy-create"),
    path("legacy/<int:pk>/", views.LegacyDetailView.as_view(), name="legacy-detail"),
    path("legacy/<int:pk>/edit/", views.LegacyFormView.as_view(), name="legacy-edit"),
    path("legacy/<int:pk>/versions/new/", views.LegacyVersionView.as_view(), name="legacy-version-create"),
    path(
        "legacy/versions/<int:pk>/download/", views.LegacyVersionDownloadView.as_view(), name="legacy-version-download"
    ),
    # Service network
    path("service-network/", views.ServiceMatrixView.as_view(), name="service-matrix"),
    path("service-network/new/", views.ServiceEntityFormView.as_view(), name="service-create"),
    path("service-network/<int:pk>/edit/", views.ServiceEntityFormView.as_view(), name="service-edit"),
    # Leadership
    path("leadership/", views.LeadershipView.as_view(), name="leadership"),
    path("leadership/trainings/new/", views.TrainingFormView.as_view(), name="training-create"),
    path("leadership/trainings/<int:pk>/edit/", views.TrainingFormView.as_view(), name="training-edit"),
    path(
        "leadership/trainings/<int:training_pk>/participants/new/",
        views.ParticipationFormView.as_view(),
        name="participation-create",
    ),
    path("leadership/principles/new/", views.PrinciplesFormView.as_view(), name="principles-create"),
    path("leadership/study/new/", views.StudyStatusFormView.as_view(), name="study-create"),
    # Status reports and search
    path("reports/", views.StatusReportListView.as_view(), name="report-list"),
    path("reports/<int:pk>/download/", views.StatusReportDownloadView.as_view(), name="report-download"),
    path("search/", views.SearchView.as_view(), name="search"),
]
