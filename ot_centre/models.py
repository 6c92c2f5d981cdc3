"""The OT-centre consultation network (measures 4.1-4.3).

Network data (co-operation area, expertise areas, experts, agreements, working groups, pilot) is
ordinary programme data under the change log. Consultation cases (request, messages, conference,
close-out survey) are confidential: they stay out of the change log, every read writes the access
log, and only the requester, the assigned expert and the OT-centre coordinator reach them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ot_centre.choices import (
    AgeBand,
    AgreementKind,
    ConsultationMode,
    DeadlineKind,
    PeriodUnit,
    Profession,
    RequestStatus,
    RuleUrgency,
    Urgency,
)
from portal import roles
from portal.models.base import LocalizedNameMixin, TimeValidModel
from portal.querysets import InternalQuerySet, PortalQuerySet, ValidityQuerySetMixin

QUESTION_MAX_LENGTH = 4000


def is_coordinator(user) -> bool:
    return roles.has_role(user, roles.OT_COORDINATOR)


def can_see_aggregates(user) -> bool:
    """Aggregates (regional picture, reports) are for signed-in users; small numbers are suppressed."""
    return roles.is_signed_in(user)


class NetworkQuerySet(ValidityQuerySetMixin, InternalQuerySet):
    """Network data: signed-in users read; the coordinator and administrators keep it."""

    def editable_by(self, user):
        if is_coordinator(user) or roles.is_administrator(user):
            return self.all()
        return self.none()

    def can_create(self, user) -> bool:
        return is_coordinator(user) or roles.is_administrator(user)

    def valid_on(self, day):
        # Models without validity fields (expertise areas) are always valid.
        if not hasattr(self.model, "valid_from"):
            return self.all()
        return super().valid_on(day)


class CooperationArea(LocalizedNameMixin, models.Model):
    """A co-operation area (yhteistyöalue) whose members change over time (the 2023 reform)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("co-operation area")
        verbose_name_plural = _("co-operation areas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ot_centre:area-detail", args=[self.key])


class AreaMembership(TimeValidModel):
    """An organisation's membership of a co-operation area for a period, under the era's name."""

    area = models.ForeignKey(
        CooperationArea, verbose_name=_("co-operation area"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    era_name_fi = models.CharField(_("name of the area in this period (Finnish)"), max_length=200, blank=True)
    era_name_sv = models.CharField(_("name of the area in this period (Swedish)"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["area__key", "organisation__code", "valid_from"]
        verbose_name = _("co-operation area membership")
        verbose_name_plural = _("co-operation area memberships")
        constraints = [
            *TimeValidModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["area", "organisation", "valid_from"], name="ot_centre_areamembership_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area.key}: {self.organisation.code}"


class ExpertiseArea(LocalizedNameMixin, models.Model):
    """A field of special expertise of the network (seeded from the pilot's six areas)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")

    def __str__(self) -> str:
        return self.name


class Expert(TimeValidModel):
    """A member of the multi-professional expert network, with the capacity they offer per month."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="ot_experts"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("professional title"), max_length=200)
    expertise_areas = models.ManyToManyField(ExpertiseArea, verbose_name=_("expertise areas"), related_name="experts")
    capacity_per_month = models.PositiveIntegerField(
        _("capacity (consultations per month)"), default=4, validators=[MaxValueValidator(200)]
    )
    key_person = models.BooleanField(_("key person"), default=False)
    key_role = models.CharField(_("key role"), max_length=200, blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code", "user__last_name", "user__username"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints = [
            *TimeValidModel.Meta.constraints,
            models.UniqueConstraint(fields=["user", "organisation"], name="ot_centre_expert_unique_user_organisation"),
            models.CheckConstraint(condition=Q(capacity_per_month__lte=200), name="ot_centre_expert_capacity_range"),
        ]

    def __str__(self) -> str:
        full = self.user.get_full_name() or self.user.get_username()
        return f"{full} ({self.title})"

    def get_absolute_url(self) -> str:
        return reverse("ot_centre:expert-detail", args=[self.pk])


class Agreement(TimeValidModel):
    """An agreement between the regions and partners that the network rests on."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=AgreementKind.choices)
    parties = models.ManyToManyField("portal.Organisation", verbose_name=_("parties"), related_name="+")
    document = models.FileField(_("document"), upload_to="ot_centre/agreements/", blank=True)
    document_reference = models.CharField(_("document reference"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [*TimeValidModel.Meta.constraints]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ot_centre:agreement-detail", args=[self.pk])


class WorkingGroup(TimeValidModel):
    """A regional working group of the network (alueellinen työryhmä) and its members."""

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    expertise_area = models.ForeignKey(
        ExpertiseArea, verbose_name=_("expertise area"), null=True, blank=True, on_delete=models.SET_NULL
    )
    chair = models.ForeignKey(
        Expert, verbose_name=_("chair"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(Expert, verbose_name=_("members"), blank=True, related_name="working_groups")

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [*TimeValidModel.Meta.constraints]

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """An editable period: acknowledgement, answer (by urgency) and redaction after closing."""

    kind = models.CharField(_("deadline"), max_length=20, choices=DeadlineKind.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=RuleUrgency.choices)
    amount = models.PositiveIntegerField(_("length"), validators=[MinValueValidator(0), MaxValueValidator(3650)])
    unit = models.CharField(_("unit"), max_length=20, choices=PeriodUnit.choices)
    remind_before_hours = models.PositiveIntegerField(_("reminder (hours before the deadline)"), default=24)
    source = models.TextField(_("source"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "urgency"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "urgency"], name="ot_centre_deadlinerule_unique_kind_urgency")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} / {self.get_urgency_display()}: {self.amount} {self.get_unit_display()}"

    def get_absolute_url(self) -> str:
        return reverse("ot_centre:rule-edit", args=[self.pk])


# --- Confidential consultation cases --------------------------------------------------------------


class ConsultationQuerySet(PortalQuerySet):
    """Only the requester, the assigned expert and the coordinator reach a case (others get 404)."""

    request_path = ""

    def _q(self, user) -> Q:
        p = self.request_path
        return Q(**{f"{p}requester": user}) | Q(**{f"{p}assigned_expert__user": user})

    def visible_to(self, user):
        if not roles.is_signed_in(user):
            return self.none()
        if is_coordinator(user):
            return self.all()
        return self.filter(self._q(user)).distinct()

    def editable_by(self, user):
        return self.visible_to(user)

    def can_create(self, user) -> bool:
        return roles.has_role(user, roles.PROFESSIONAL) or roles.has_role(user, roles.EXPERT) or is_coordinator(user)


class CaseChildQuerySet(ConsultationQuerySet):
    """Messages, conferences and surveys follow their case's rule."""

    request_path = "request__"


class ConsultationRequest(models.Model):
    """A consultation request without the client's identity: structured fields and one question.

    There is deliberately no field for a name, birth date, municipality or identity code; the
    service refuses free text containing a valid personal identity code.
    """

    case_code = models.CharField(_("case code"), max_length=20, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requester"), on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=20, choices=ConsultationMode.choices)
    county = models.ForeignKey(
        "portal.Organisation", verbose_name=_("wellbeing services county"), on_delete=models.PROTECT, related_name="+"
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices)
    expertise_area = models.ForeignKey(
        ExpertiseArea, verbose_name=_("expertise area"), on_delete=models.PROTECT, related_name="requests"
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    question = models.TextField(_("question"), validators=[MaxLengthValidator(QUESTION_MAX_LENGTH)])
    local_reference = models.CharField(
        _("own organisation's reference"),
        max_length=40,
        blank=True,
        help_text=_(
            "Pseudonymous cases: your organisation's own case reference. Only you see it; never a name or identity code."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"))
    acknowledge_due = models.DateTimeField(_("acknowledgement due"))
    answer_due = models.DateTimeField(_("answer due"))
    triaged_at = models.DateTimeField(_("acknowledged (triaged)"), null=True, blank=True)
    triage_note = models.TextField(_("triage note"), blank=True)
    assigned_expert = models.ForeignKey(
        Expert, verbose_name=_("assigned expert"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    redaction_due = models.DateTimeField(_("free text removed on"), null=True, blank=True)
    redacted_at = models.DateTimeField(_("free text removed"), null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(assigned_expert__isnull=True) | ~Q(status="submitted"),
                name="ot_centre_consultationrequest_assigned_after_triage",
            ),
        ]
        indexes = [models.Index(fields=["status", "answer_due"], name="ot_centre_request_due_idx")]

    def __str__(self) -> str:
        return self.case_code

    def get_absolute_url(self) -> str:
        return reverse("ot_centre:request-detail", args=[self.case_code])


class CaseMessage(models.Model):
    """One message of the thread between the requester and the expert (the coordinator may join)."""

    request = models.ForeignKey(
        ConsultationRequest, verbose_name=_("consultation request"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("message"), validators=[MaxLengthValidator(QUESTION_MAX_LENGTH)])
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("case message")
        verbose_name_plural = _("case messages")

    def __str__(self) -> str:
        return f"{self.request.case_code} #{self.pk}"


class CaseConference(models.Model):
    """An optional case conference: when, who took part (roles, not names) and the written statement."""

    request = models.OneToOneField(
        ConsultationRequest, verbose_name=_("consultation request"), on_delete=models.CASCADE, related_name="conference"
    )
    held_on = models.DateField(_("date"))
    attendees = models.TextField(_("attendees (roles and organisations)"))
    statement = models.TextField(_("written statement"), validators=[MaxLengthValidator(QUESTION_MAX_LENGTH)])

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")

    def __str__(self) -> str:
        return f"{self.request.case_code} {self.held_on}"


class CloseOutSurvey(models.Model):
    """The requester's close-out survey: the data that answers whether consultations work anonymously."""

    request = models.OneToOneField(
        ConsultationRequest, verbose_name=_("consultation request"), on_delete=models.CASCADE, related_name="survey"
    )
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    plan_changed = models.BooleanField(_("the plan changed"))
    referral_avoided = models.BooleanField(_("a referral was avoided"))
    identity_needed = models.BooleanField(_("the client's identity was needed to answer"))
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("close-out survey")
        verbose_name_plural = _("close-out surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(usefulness__gte=1) & Q(usefulness__lte=5), name="ot_centre_closeoutsurvey_usefulness_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request.case_code}: {self.usefulness}"


class CoordinatorOnlyQuerySet(PortalQuerySet):
    def visible_to(self, user):
        return self.all() if is_coordinator(user) or roles.is_administrator(user) else self.none()

    def editable_by(self, user):
        return self.none()

    def can_create(self, user) -> bool:
        return False


class ReminderSent(models.Model):
    """One reminder per case and kind: the row that makes the hourly reminder task idempotent."""

    request = models.ForeignKey(
        ConsultationRequest, verbose_name=_("consultation request"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("deadline"), max_length=20, choices=DeadlineKind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    objects = CoordinatorOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "id"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["request", "kind"], name="ot_centre_remindersent_once")]

    def __str__(self) -> str:
        return f"{self.request.case_code} {self.kind}"


# --- Pilot and concept evidence -------------------------------------------------------------------


class Pilot(models.Model):
    """The cross-border pilot of the co-ordination structure (KYS children's and youth centre with ISO)."""

    name = models.CharField(_("name"), max_length=200)
    coordinator = models.ForeignKey(
        "portal.Organisation", verbose_name=_("co-ordinating organisation"), on_delete=models.PROTECT, related_name="+"
    )
    partners = models.ManyToManyField("portal.Organisation", verbose_name=_("partners"), related_name="+", blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="ot_centre_pilot_dates"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ot_centre:pilot-detail", args=[self.pk])


class PilotPhase(models.Model):
    """A phase of the pilot with its schedule and participating organisations."""

    pilot = models.ForeignKey(Pilot, verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    participants = models.ManyToManyField(
        "portal.Organisation", verbose_name=_("participants"), related_name="+", blank=True
    )
    goals = models.TextField(_("goals"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["pilot", "order"]
        verbose_name = _("pilot phase")
        verbose_name_plural = _("pilot phases")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "order"], name="ot_centre_pilotphase_unique_order"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="ot_centre_pilotphase_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ExperienceQuerySet(PortalQuerySet):
    """Experience reports: signed-in users send them; the coordinator, staff and admins read them."""

    def visible_to(self, user):
        if is_coordinator(user) or roles.is_programme_staff(user) or roles.is_administrator(user):
            return self.all()
        return self.none()

    def editable_by(self, user):
        return self.none()

    def can_create(self, user) -> bool:
        return roles.is_signed_in(user)


class ExperienceReport(models.Model):
    """A professional's short survey on using the network in their own work (no name stored)."""

    pilot = models.ForeignKey(
        Pilot, verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="experience_reports"
    )
    county = models.ForeignKey(
        "portal.Organisation", verbose_name=_("wellbeing services county"), on_delete=models.PROTECT, related_name="+"
    )
    profession = models.CharField(_("profession"), max_length=30, choices=Profession.choices)
    ease_of_use = models.PositiveSmallIntegerField(
        _("ease of use (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    support_for_work = models.PositiveSmallIntegerField(
        _("support for own work (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_use_again = models.BooleanField(_("would use the network again"))
    tools_needed = models.TextField(
        _("system tools the network needs"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("experience report")
        verbose_name_plural = _("experience reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(ease_of_use__gte=1, ease_of_use__lte=5, support_for_work__gte=1, support_for_work__lte=5),
                name="ot_centre_experiencereport_scales",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pilot} {self.created_at:%Y-%m-%d}"


class UseCase(models.Model):
    """A concrete use case of the network collected in the pilot (described without client data)."""

    pilot = models.ForeignKey(Pilot, verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="use_cases")
    title = models.CharField(_("title"), max_length=200)
    expertise_area = models.ForeignKey(ExpertiseArea, verbose_name=_("expertise area"), on_delete=models.PROTECT)
    description = models.TextField(_("description"))
    research_need = models.BooleanField(_("research need"), default=False)
    training_need = models.BooleanField(_("training need"), default=False)
    development_need = models.BooleanField(_("development need"), default=False)
    system_tools = models.TextField(_("system tools needed"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["pilot", "title"]
        verbose_name = _("use case")
        verbose_name_plural = _("use cases")

    def __str__(self) -> str:
        return self.title


class DemandEstimate(models.Model):
    """A first estimate of consultation needs per county, expertise area and year."""

    county = models.ForeignKey(
        "portal.Organisation", verbose_name=_("wellbeing services county"), on_delete=models.PROTECT, related_name="+"
    )
    expertise_area = models.ForeignKey(ExpertiseArea, verbose_name=_("expertise area"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2020), MaxValueValidator(2100)])
    estimated_cases = models.PositiveIntegerField(_("estimated consultations per year"))
    basis = models.TextField(_("basis of the estimate"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["year", "county__code", "expertise_area__code"]
        verbose_name = _("demand estimate")
        verbose_name_plural = _("demand estimates")
        constraints = [
            models.UniqueConstraint(fields=["county", "expertise_area", "year"], name="ot_centre_demandestimate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.county.code} {self.expertise_area.code} {self.year}"


class PilotReportQuerySet(InternalQuerySet):
    def editable_by(self, user):
        return self.none()

    def can_create(self, user) -> bool:
        return is_coordinator(user) or roles.is_programme_staff(user) or roles.is_administrator(user)


class PilotReport(models.Model):
    """The monthly pilot report PDF (aggregates only, small numbers suppressed)."""

    month = models.DateField(_("month"))
    language = models.CharField(_("language"), max_length=5)
    file = models.FileField(_("file"), upload_to="ot_centre/reports/")
    job = models.ForeignKey(
        "portal.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pages = models.PositiveIntegerField(_("pages"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PilotReportQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "language"]
        verbose_name = _("pilot report")
        verbose_name_plural = _("pilot reports")
        constraints = [
            models.UniqueConstraint(fields=["month", "language"], name="ot_centre_pilotreport_unique_month_language")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} ({self.language})"
