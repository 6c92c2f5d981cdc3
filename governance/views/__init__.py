"""Governance pages, split by topic (this package re-exports the views that urls.py names)."""

from governance.views.base import (  # noqa: F401
    Column,
    GovernanceFormView,
    GovernanceListView,
)
from governance.views.communications import (  # noqa: F401
    CommunicationFormView,
    CommunicationListView,
    EventFormView,
    EventListView,
    NewsDetailView,
    NewsFeed,
    NewsFormView,
    NewsListView,
)
from governance.views.leadership import (  # noqa: F401
    LeadershipView,
    ParticipationFormView,
    PrinciplesFormView,
    StudyStatusFormView,
    TrainingFormView,
)
from governance.views.material import (  # noqa: F401
    LegacyDetailView,
    LegacyFormView,
    LegacyListView,
    LegacyVersionDownloadView,
    LegacyVersionView,
)
from governance.views.meetings import (  # noqa: F401
    AgendaItemFormView,
    ApproveMinutesView,
    AttachmentDownloadView,
    AttachmentFormView,
    DecisionCorrectView,
    DecisionCreateView,
    DecisionDetailView,
    DecisionEditView,
    DecisionListView,
    FollowUpView,
    MeetingChildFormView,
    MeetingDetailView,
    MeetingFormView,
    MeetingListView,
    MeetingRecordView,
)
from governance.views.network import (  # noqa: F401
    ServiceEntityFormView,
    ServiceMatrixView,
    matrix_table,
)
from governance.views.organisation import (  # noqa: F401
    BodyDetailView,
    BodyFormView,
    BodyListView,
    MembershipFormView,
    RepresentationView,
)
from governance.views.reports import (  # noqa: F401
    SearchView,
    StatusReportDownloadView,
    StatusReportListView,
)
from governance.views.tracking import (  # noqa: F401
    BaselineFormView,
    BaselineListView,
    IndexView,
    MilestoneFormView,
    MilestoneListView,
    ProgressReportView,
    TimelineView,
)
