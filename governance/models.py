# Over 600 lines: the area's 20 models share one vocabulary of constraints and querysets; split by topic when it grows further.
"""Governance of the preparation programme (measures 1.1-1.3 and 2.1 of the seed document).

- Programme organisation (ohjelmaorganisaatio): bodies (toimielimet) and their memberships.
- Meetings (kokoukset) with agenda items, attendance, minutes and attachments; decisions (päätökset)
  that become append-only once the minutes are approved.
- Measure tracking: milestones (välitavoitteet), the baseline plan and the risks of progress reports.
  Progress reports extend the core's journal (portal.MeasureProgress): a report is a journal entry
  written through ``portal.services.record_progress`` plus its ``ProgressRisk`` rows here, so the
  core keeps one journal and the measure's progress/status/version move with it.
- Communications (viestintä), legacy material of 2017 (vuoden 2017 valmisteluaineisto), the service
  network and production mode (palveluverkko ja tuotantotapa), leadership (johtaminen) and the
  programme status report (tilannekatsaus).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance import choices
from governance.validators import validate_upload
from portal import roles
from portal.models.base import LocalizedNameMixin
from portal.querysets import ProgrammeContentQuerySet


class GovernanceQuerySet(ProgrammeContentQuerySet):
    """Internal programme material: signed-in users read, programme staff and administrators edit."""

    def visible_to(self, user):
        return self.all() if roles.is_signed_in(user) else self.none()


class NewsQuerySet(ProgrammeContentQuerySet):
    """Published news is public; drafts are seen by those who edit them."""

    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def visible_to(self, user):
        if roles.is_programme_staff(user) or roles.is_administrator(user):
            return self.all()
        return self.published()


def _end_after_start(start_field: str, end_field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end_field}__isnull": True})
        | Q(**{f"{start_field}__isnull": True})
        | Q(**{f"{end_field}__gte": models.F(start_field)}),
        name=name,
    )


def _check_dates(start, end, end_field: str) -> None:
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date is before the start date.")})


# --- Programme organisation -------------------------------------------------------------------


class Body(LocalizedNameMixin, models.Model):
    """A body of the programme organisation: ohjausryhmä, valmisteluryhmä or työryhmä of a measure."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=choices.BodyKind.choices)
    measure = models.ForeignKey(
        "portal.Measure",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="governance_bodies",
        help_text=_("The measure a working group serves."),
    )
    task = models.TextField(_("task"), blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name_fi"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [_end_after_start("valid_from", "valid_to", "gov_body_valid_to_after_from")]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        _check_dates(self.valid_from, self.valid_to, "valid_to")
        if self.kind == choices.BodyKind.WORKING_GROUP and not self.measure_id:
            raise ValidationError({"measure": _("A working group serves a measure: choose it.")})

    def covers(self, start: dt.date | None, end: dt.date | None) -> bool:
        if start is None or start < self.valid_from:
            return False
        if self.valid_to is None:
            return True
        return start <= self.valid_to and end is not None and end <= self.valid_to


class Membership(models.Model):
    """A person in a body, representing an organisation (usually a municipality), with a role and term."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    person_name = models.CharField(_("person"), max_length=200)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("represented organisation"),
        on_delete=models.PROTECT,
        related_name="governance_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=choices.MemberRole.choices)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["body__name_fi", "role", "person_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [_end_after_start("term_start", "term_end", "gov_membership_term_end_after_start")]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()}, {self.body})"

    def clean(self) -> None:
        _check_dates(self.term_start, self.term_end, "term_end")
        if self.body_id and self.term_start:
            body = self.body
            message = _("The term must fall within the body's validity (%(start)s – %(end)s).") % {
                "start": body.valid_from.isoformat(),
                "end": body.valid_to.isoformat() if body.valid_to else "…",
            }
            if self.term_start < body.valid_from or (body.valid_to and self.term_start > body.valid_to):
                raise ValidationError({"term_start": message})
            if body.valid_to and (self.term_end is None or self.term_end > body.valid_to):
                raise ValidationError({"term_end": message})

    def is_active_on(self, day: dt.date) -> bool:
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)


# --- Meetings and decisions -------------------------------------------------------------------


class Meeting(models.Model):
    """A meeting of a body. Its decisions are append-only once its minutes are approved."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(_("meeting number"), max_length=20, help_text=_("For example 3/2026."))
    date = models.DateField(_("date"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(
        _("minutes status"), max_length=10, choices=choices.MinutesStatus.choices, default=choices.MinutesStatus.DRAFT
    )
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    attendees = models.ManyToManyField(
        Membership, verbose_name=_("present"), blank=True, related_name="meetings_attended"
    )

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "body__name_fi"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="gov_meeting_unique_number")]

    def __str__(self) -> str:
        return f"{self.body} {self.number} ({self.date.isoformat()})"

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_status == choices.MinutesStatus.APPROVED

    def clean(self) -> None:
        if self.body_id and self.date and not self.body.covers(self.date, self.date):
            raise ValidationError({"date": _("The meeting date is outside the body's validity.")})


class AgendaItem(models.Model):
    """An item (pykälä) on a meeting's agenda."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    measure = models.ForeignKey(
        "portal.Measure", verbose_name=_("measure"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="gov_agenda_unique_position")]

    def __str__(self) -> str:
        return f"§ {self.position} {self.title}"


def attachment_path(instance, filename: str) -> str:
    return f"governance/meetings/{instance.meeting_id}/{filename}"


class MeetingAttachment(models.Model):
    """A file of a meeting (agenda, minutes, appendix, presentation), checked for type and size."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("type"), max_length=20, choices=choices.AttachmentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, validators=[validate_upload])
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "kind", "title"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A decision (päätös) of a body. After the minutes are approved it is not edited: a correction
    is a new decision that refers to the old one (``corrects``). Only the implementation follow-up
    (status and notes) changes afterwards."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.CharField(_("decision number"), max_length=30)
    date = models.DateField(_("date"))
    text = models.TextField(_("decision"))
    measures = models.ManyToManyField(
        "portal.Measure", verbose_name=_("measures concerned"), blank=True, related_name="+"
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    follow_up_status = models.CharField(
        _("implementation status"),
        max_length=20,
        choices=choices.FollowUpStatus.choices,
        default=choices.FollowUpStatus.NOT_STARTED,
    )
    follow_up_notes = models.TextField(_("implementation notes"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="gov_decision_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.body}"

    @property
    def is_locked(self) -> bool:
        return bool(self.meeting_id and self.meeting.minutes_approved)

    def clean(self) -> None:
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            raise ValidationError({"meeting": _("The meeting belongs to another body.")})
        if self.corrects_id and self.corrects_id == self.pk:
            raise ValidationError({"corrects": _("A decision cannot correct itself.")})


# --- Measure tracking -------------------------------------------------------------------------


class MeasureBaseline(models.Model):
    """The approved baseline plan of a measure (perussuunnitelma); the current plan is the measure's
    own start and end dates. The timeline shows both."""

    measure = models.OneToOneField(
        "portal.Measure", verbose_name=_("measure"), on_delete=models.CASCADE, related_name="governance_baseline"
    )
    start_date = models.DateField(_("baseline start"))
    end_date = models.DateField(_("baseline end"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["measure__sub_area", "measure__number"]
        verbose_name = _("baseline plan")
        verbose_name_plural = _("baseline plans")
        constraints = [_end_after_start("start_date", "end_date", "gov_baseline_end_after_start")]

    def __str__(self) -> str:
        return f"{self.measure.number} {self.start_date.isoformat()} – {self.end_date.isoformat()}"

    def clean(self) -> None:
        _check_dates(self.start_date, self.end_date, "end_date")


class Milestone(models.Model):
    """A milestone (välitavoite) of a measure with its baseline, planned and actual dates."""

    measure = models.ForeignKey(
        "portal.Measure", verbose_name=_("measure"), on_delete=models.CASCADE, related_name="governance_milestones"
    )
    title = models.CharField(_("title"), max_length=300)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    planned_date = models.DateField(_("planned date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    responsible_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["measure__sub_area", "measure__number", "planned_date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.measure.number}: {self.title}"

    @property
    def is_late(self) -> bool:
        return self.actual_date is None and self.planned_date < timezone.localdate()


class ProgressRisk(models.Model):
    """A risk and its mitigation reported with a progress journal entry of the core."""

    progress = models.ForeignKey(
        "portal.MeasureProgress",
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="governance_risks",
    )
    description = models.TextField(_("risk"))
    level = models.CharField(
        _("level"), max_length=10, choices=choices.RiskLevel.choices, default=choices.RiskLevel.MEDIUM
    )
    mitigation = models.TextField(_("mitigation"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["progress", "-level", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return self.description[:80]


# --- Communications ---------------------------------------------------------------------------


class CommunicationItem(models.Model):
    """A row of the communications plan (viestintäsuunnitelma)."""

    target_group = models.CharField(_("target group"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, choices=choices.Channel.choices)
    message = models.TextField(_("message"))
    planned_date = models.DateField(_("planned date"))
    owner = models.CharField(_("owner"), max_length=200)
    measure = models.ForeignKey(
        "portal.Measure", verbose_name=_("measure"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done = models.BooleanField(_("done"), default=False)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["planned_date", "pk"]
        verbose_name = _("communications plan item")
        verbose_name_plural = _("communications plan")

    def __str__(self) -> str:
        return f"{self.planned_date.isoformat()} {self.target_group}"


class NewsItem(models.Model):
    """A news item (uutinen) of the programme; public once published."""

    slug = models.SlugField(_("address"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="fi")
    published_at = models.DateTimeField(_("published"), null=True, blank=True, help_text=_("Empty: a draft."))
    author = models.CharField(_("author"), max_length=200, blank=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()


class StakeholderEvent(models.Model):
    """A stakeholder event (sidosryhmätilaisuus) with participation and feedback."""

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    feedback_responses = models.PositiveIntegerField(_("feedback responses"), default=0)
    feedback_score = models.DecimalField(
        _("average feedback (1-5)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feedback = models.TextField(_("feedback summary"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("stakeholder event")
        verbose_name_plural = _("stakeholder events")
        constraints = [
            models.CheckConstraint(
                condition=Q(feedback_responses__lte=models.F("participants")), name="gov_event_feedback_le_participants"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (self.feedback_responses or 0) > (self.participants or 0):
            raise ValidationError(
                {"feedback_responses": _("There cannot be more feedback responses than participants.")}
            )


# --- Legacy material --------------------------------------------------------------------------


class LegacyDocument(models.Model):
    """A document of the 2017 preparation (vuoden 2017 valmisteluaineisto) under review."""

    title = models.CharField(_("title"), max_length=300)
    origin = models.CharField(_("origin"), max_length=200, help_text=_("Who produced it, e.g. a 2017 working group."))
    topic = models.CharField(_("topic"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), default=2017)
    measure = models.ForeignKey(
        "portal.Measure",
        verbose_name=_("measure served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_status = models.CharField(
        _("review status"), max_length=20, choices=choices.ReviewStatus.choices, default=choices.ReviewStatus.TO_REVIEW
    )
    reviewer = models.CharField(_("reviewer"), max_length=200, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["review_status", "title"]
        verbose_name = _("legacy document")
        verbose_name_plural = _("legacy documents")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.review_status != choices.ReviewStatus.TO_REVIEW and not self.reviewer:
            raise ValidationError({"reviewer": _("A reviewed document names its reviewer.")})


def legacy_path(instance, filename: str) -> str:
    return f"governance/legacy/{instance.document_id}/v{instance.version}/{filename}"


class LegacyDocumentVersion(models.Model):
    """A stored file version of a legacy document: the 2017 original is version 1; updates add versions."""

    document = models.ForeignKey(
        LegacyDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=legacy_path, validators=[validate_upload])
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    note = models.CharField(_("change note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-version"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [models.UniqueConstraint(fields=["document", "version"], name="gov_legacy_unique_version")]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"


# --- Service network and production mode --------------------------------------------------------


class ServiceEntity(LocalizedNameMixin, models.Model):
    """A service entity (palvelukokonaisuus) by client group, with where it is provided and how."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    client_group = models.CharField(_("client group"), max_length=30, choices=choices.ClientGroup.choices)
    production_mode = models.CharField(_("production mode"), max_length=20, choices=choices.ProductionMode.choices)
    municipalities = models.ManyToManyField(
        "portal.Organisation", verbose_name=_("provided in"), blank=True, related_name="+"
    )
    network_centres = models.ManyToManyField(
        "portal.ServiceNetworkCentre", verbose_name=_("network poles"), blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["client_group", "name_fi"]
        verbose_name = _("service entity")
        verbose_name_plural = _("service entities")

    def __str__(self) -> str:
        return self.name_fi


# --- Leadership -------------------------------------------------------------------------------


class TrainingEvent(models.Model):
    """A leadership training event (johtamiskoulutus)."""

    topic = models.CharField(_("topic"), max_length=200)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "topic"]
        verbose_name = _("training event")
        verbose_name_plural = _("training events")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.topic}"

    @property
    def participant_total(self) -> int:
        return sum(p.participants for p in self.participations.all())


class TrainingParticipation(models.Model):
    """How many participants an organisation sent to a training event."""

    training = models.ForeignKey(
        TrainingEvent, verbose_name=_("training event"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    participants = models.PositiveIntegerField(_("participants"))

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["training", "organisation__name_fi"]
        verbose_name = _("training participation")
        verbose_name_plural = _("training participations")
        constraints = [
            models.UniqueConstraint(fields=["training", "organisation"], name="gov_training_unique_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.participants}"


class PrinciplesVersion(models.Model):
    """A version of the remote-leadership principles (etäjohtamisen periaatteet). Versions are kept."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("principles"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    change_note = models.CharField(_("change note"), max_length=300, blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("principles version")
        verbose_name_plural = _("remote-leadership principles")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class StudyStatusEntry(models.Model):
    """A status entry of the SavoGrow suitability study (SavoGrow-soveltuvuusselvitys)."""

    study = models.CharField(_("study"), max_length=100, default="SavoGrow")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=choices.StudyStatus.choices)
    summary = models.TextField(_("summary"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("study status")
        verbose_name_plural = _("study status entries")

    def __str__(self) -> str:
        return f"{self.study} {self.date.isoformat()} {self.get_status_display()}"


# --- Programme status report ------------------------------------------------------------------


def report_path(instance, filename: str) -> str:
    return f"governance/reports/{filename}"


class StatusReport(models.Model):
    """A generated programme status report (tilannekatsaus) PDF, kept as a dated record."""

    language = models.CharField(_("language"), max_length=2, choices=choices.ReportLanguage.choices)
    report_date = models.DateField(_("report date"))
    job = models.OneToOneField(
        "portal.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("file"), upload_to=report_path)
    measure_count = models.PositiveSmallIntegerField(_("measures"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")

    def __str__(self) -> str:
        return f"{self.report_date.isoformat()} ({self.language})"
