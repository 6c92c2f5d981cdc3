from __future__ import annotations

import django_filters

from governance import choices
from governance.models import (
    AgendaItem,
    Body,
    CommunicationItem,
    Decision,
    LegacyDocument,
    MeasureBaseline,
    Meeting,
    MeetingAttachment,
    Membership,
    Milestone,
    NewsItem,
    PrinciplesVersion,
    ServiceEntity,
    StakeholderEvent,
    StatusReport,
    StudyStatusEntry,
    TrainingEvent,
)
from portal.models import MeasureProgress


class BodyFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=choices.BodyKind.choices)
    measure = django_filters.CharFilter(field_name="measure__number")
    valid_on = django_filters.DateFilter(method="filter_valid_on", label="Valid on (YYYY-MM-DD)")

    class Meta:
        model = Body
        fields = ["kind", "measure", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(valid_from__lte=value).exclude(valid_to__lt=value)


class MembershipFilterSet(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__code")
    organisation = django_filters.CharFilter(field_name="organisation__code")
    role = django_filters.MultipleChoiceFilter(choices=choices.MemberRole.choices)
    active_on = django_filters.DateFilter(method="filter_active_on", label="Term in force on (YYYY-MM-DD)")

    class Meta:
        model = Membership
        fields = ["body", "organisation", "role", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(term_start__lte=value).exclude(term_end__lt=value)


class MeetingFilterSet(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__code")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    minutes_status = django_filters.ChoiceFilter(choices=choices.MinutesStatus.choices)

    class Meta:
        model = Meeting
        fields = ["body", "date_from", "date_to", "minutes_status"]


class AgendaItemFilterSet(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__number")

    class Meta:
        model = AgendaItem
        fields = ["meeting", "measure"]


class AttachmentFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=choices.AttachmentKind.choices)

    class Meta:
        model = MeetingAttachment
        fields = ["meeting", "kind"]


class DecisionFilterSet(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__code")
    measure = django_filters.CharFilter(field_name="measures__number", distinct=True)
    follow_up_status = django_filters.MultipleChoiceFilter(choices=choices.FollowUpStatus.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Decision
        fields = ["body", "meeting", "measure", "follow_up_status", "date_from", "date_to"]


class MilestoneFilterSet(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__number")
    reached = django_filters.BooleanFilter(field_name="actual_date", lookup_expr="isnull", exclude=True)
    planned_before = django_filters.DateFilter(field_name="planned_date", lookup_expr="lte")

    class Meta:
        model = Milestone
        fields = ["measure", "reached", "planned_before"]


class BaselineFilterSet(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__number")

    class Meta:
        model = MeasureBaseline
        fields = ["measure"]


class ProgressReportFilterSet(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__number")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")

    class Meta:
        model = MeasureProgress
        fields = ["measure", "status", "date_from"]


class CommunicationFilterSet(django_filters.FilterSet):
    channel = django_filters.MultipleChoiceFilter(choices=choices.Channel.choices)
    date_from = django_filters.DateFilter(field_name="planned_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="planned_date", lookup_expr="lte")

    class Meta:
        model = CommunicationItem
        fields = ["channel", "done", "date_from", "date_to"]


class NewsFilterSet(django_filters.FilterSet):
    class Meta:
        model = NewsItem
        fields = ["language"]


class EventFilterSet(django_filters.FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = StakeholderEvent
        fields = ["date_from", "date_to"]


class LegacyDocumentFilterSet(django_filters.FilterSet):
    review_status = django_filters.MultipleChoiceFilter(choices=choices.ReviewStatus.choices)
    measure = django_filters.CharFilter(field_name="measure__number")

    class Meta:
        model = LegacyDocument
        fields = ["review_status", "measure", "year"]


class ServiceEntityFilterSet(django_filters.FilterSet):
    client_group = django_filters.MultipleChoiceFilter(choices=choices.ClientGroup.choices)
    production_mode = django_filters.MultipleChoiceFilter(choices=choices.ProductionMode.choices)
    municipality = django_filters.CharFilter(field_name="municipalities__code", distinct=True)

    class Meta:
        model = ServiceEntity
        fields = ["client_group", "production_mode", "municipality"]


class TrainingFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="participations__organisation__code", distinct=True)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")

    class Meta:
        model = TrainingEvent
        fields = ["organisation", "date_from"]


class PrinciplesFilterSet(django_filters.FilterSet):
    class Meta:
        model = PrinciplesVersion
        fields = ["version"]


class StudyStatusFilterSet(django_filters.FilterSet):
    study_status = django_filters.ChoiceFilter(field_name="status", choices=choices.StudyStatus.choices)

    class Meta:
        model = StudyStatusEntry
        fields = ["study", "study_status"]


class StatusReportFilterSet(django_filters.FilterSet):
    report_language = django_filters.ChoiceFilter(field_name="language", choices=choices.ReportLanguage.choices)

    class Meta:
        model = StatusReport
        fields = ["report_language", "report_date"]
