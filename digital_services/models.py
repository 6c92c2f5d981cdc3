"""Client digital services (measure 3.2) and the service-counselling model (measure 3.3).

The catalogue follows the national service catalogue (PTV): a service with features (each Omaolo
symptom assessment is a feature) and channels. Rollouts, monthly figures and age structures belong
to organisations of the time-valid hierarchy; the chat pilot keeps only intent codes and daily
counts, never what anyone wrote.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from digital_services import choices
from digital_services.querysets import (
    AgeStructureQuerySet,
    CatalogueQuerySet,
    ChatStatQuerySet,
    InternalProgrammeQuerySet,
    MonthlyFigureQuerySet,
    RolloutQuerySet,
    StepChangeQuerySet,
)
from portal.models.base import LocalizedNameMixin, TimeValidModel
from portal.models.localized import localized

CODE_HELP = _("Stable key used in files and the API.")


class DigitalService(LocalizedNameMixin, TimeValidModel):
    """A client digital service in the catalogue (PTV service: funding, charge, target groups, languages)."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    funding_type = models.CharField(
        _("funding type"),
        max_length=20,
        choices=choices.FundingType.choices,
        default=choices.FundingType.PUBLICLY_FUNDED,
    )
    charge_type = models.CharField(
        _("charge type"), max_length=20, choices=choices.ChargeType.choices, default=choices.ChargeType.FREE
    )
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    languages = models.CharField(_("languages"), max_length=40, default="fi,sv", help_text=_("Comma-separated codes."))
    medical_device = models.BooleanField(_("medical device"), default=False)
    ptv_id = models.CharField(_("PTV id"), max_length=60, blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("digital service")
        verbose_name_plural = _("digital services")
        constraints = [*TimeValidModel.Meta.constraints]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digital_services:service-detail", args=[self.pk])

    @property
    def description(self) -> str:
        return localized(self, "description")


class ServiceFeature(LocalizedNameMixin, models.Model):
    """A function of a service, e.g. one Omaolo symptom assessment."""

    service = models.ForeignKey(
        DigitalService, verbose_name=_("service"), on_delete=models.CASCADE, related_name="features"
    )
    code = models.SlugField(_("code"), max_length=60, help_text=CODE_HELP)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    medical_device = models.BooleanField(_("medical device"), default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["service__name_fi", "name_fi"]
        verbose_name = _("service feature")
        verbose_name_plural = _("service features")
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="digital_services_feature_unique_code")]

    def __str__(self) -> str:
        return f"{self.service.name}: {self.name}"

    def get_absolute_url(self) -> str:
        return self.service.get_absolute_url()


class ServiceChannel(LocalizedNameMixin, models.Model):
    """A PTV service channel: e-service, web page, printable form, phone or service location."""

    service = models.ForeignKey(
        DigitalService, verbose_name=_("service"), on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(_("channel type"), max_length=20, choices=choices.ChannelKind.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address = models.CharField(_("address, web address or phone number"), max_length=300, blank=True)
    requires_identification = models.BooleanField(_("identification needed"), default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["service__name_fi", "kind", "name_fi"]
        verbose_name = _("service channel")
        verbose_name_plural = _("service channels")

    def __str__(self) -> str:
        return f"{self.service.name}: {self.name}"

    def get_absolute_url(self) -> str:
        return self.service.get_absolute_url()


class Rollout(models.Model):
    """A service (or one of its features) taken into use by an organisation, with the dates of each state.

    The state on a day follows from the dates, so the region matrix can be drawn for any day.
    """

    service = models.ForeignKey(
        DigitalService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="rollouts"
    )
    feature = models.ForeignKey(
        ServiceFeature,
        verbose_name=_("feature"),
        on_delete=models.PROTECT,
        related_name="rollouts",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="digital_rollouts"
    )
    planned_on = models.DateField(_("planned from"), null=True, blank=True)
    pilot_from = models.DateField(_("pilot from"), null=True, blank=True)
    live_from = models.DateField(_("live from"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    ebooking_linked = models.BooleanField(_("linked to e-booking"), default=False)
    needed_changes = models.TextField(_("changes the rollout needs"), blank=True)

    objects = RolloutQuerySet.as_manager()

    class Meta:
        ordering = ["service__name_fi", "organisation__name_fi"]
        verbose_name = _("rollout")
        verbose_name_plural = _("rollouts")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "feature", "organisation"], name="digital_services_rollout_unique"
            ),
            models.UniqueConstraint(
                fields=["service", "organisation"],
                condition=Q(feature__isnull=True),
                name="digital_services_rollout_unique_whole_service",
            ),
            models.CheckConstraint(
                condition=Q(live_from__isnull=True) | Q(retired_on__isnull=True) | Q(retired_on__gte=F("live_from")),
                name="digital_services_rollout_retired_after_live",
            ),
        ]

    def __str__(self) -> str:
        target = self.feature.name if self.feature_id else self.service.name
        return f"{target} – {self.organisation.name}"

    def get_absolute_url(self) -> str:
        return reverse("digital_services:rollout-detail", args=[self.pk])

    def state_on(self, day: dt.date) -> str | None:
        """The state on ``day``: None before anything is planned."""
        if self.retired_on and self.retired_on <= day:
            return choices.RolloutState.RETIRED
        if self.live_from and self.live_from <= day:
            return choices.RolloutState.LIVE
        if self.pilot_from and self.pilot_from <= day:
            return choices.RolloutState.PILOT
        if self.planned_on is None or self.planned_on <= day:
            return choices.RolloutState.PLANNED
        return None

    @property
    def state(self) -> str | None:
        return self.state_on(dt.date.today())

    def get_state_display(self) -> str:
        state = self.state
        return str(choices.RolloutState(state).label) if state else ""

    def clean(self) -> None:
        super().clean()
        if self.feature_id and self.service_id and self.feature.service_id != self.service_id:
            raise ValidationError({"feature": _("The feature belongs to another service.")})
        order = [d for d in (self.planned_on, self.pilot_from, self.live_from, self.retired_on) if d]
        if order != sorted(order):
            raise ValidationError(_("The dates must follow each other: planned, pilot, live, retired."))


class MonthlyFigure(models.Model):
    """One organisation's figures of one month (first day of the month)."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="digital_figures"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    assessments_completed = models.PositiveIntegerField(_("assessments completed"), default=0)
    referred_to_booking = models.PositiveIntegerField(_("referred to booking"), default=0)
    messages_recipients = models.PositiveIntegerField(_("Suomi.fi Messages recipients"), default=0)
    paper_letters = models.PositiveIntegerField(_("paper letters"), default=0)
    returns_to_paper = models.PositiveIntegerField(_("returns to paper"), default=0)
    virtual_contacts = models.PositiveIntegerField(_("virtual contacts"), default=0)
    job = models.ForeignKey(
        "portal.Job", verbose_name=_("upload job"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MonthlyFigureQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name_fi", "-month"]
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"], name="digital_services_monthlyfigure_unique_month"
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="digital_services_monthlyfigure_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("digital_services:figure-detail", args=[self.pk])

    @property
    def paperless_share(self) -> Decimal | None:
        from digital_services.selectors import ratio_percent

        return ratio_percent(self.messages_recipients, self.messages_recipients + self.paper_letters)

    @property
    def omaolo_conversion(self) -> Decimal | None:
        from digital_services.selectors import ratio_percent

        return ratio_percent(self.referred_to_booking, self.assessments_completed)


class OfflineRate(models.Model):
    """The share of an age band who do not use digital services (sourced, editable: never a constant)."""

    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"))
    rate_percent = models.DecimalField(
        _("offline rate (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    source = models.TextField(_("source"))
    reference_year = models.PositiveSmallIntegerField(_("year of the source"))

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["min_age"]
        verbose_name = _("offline rate")
        verbose_name_plural = _("offline rates")
        constraints = [
            models.UniqueConstraint(fields=["min_age", "max_age"], name="digital_services_offlinerate_unique_band"),
            models.CheckConstraint(
                condition=Q(max_age__gte=F("min_age")), name="digital_services_offlinerate_band_order"
            ),
            models.CheckConstraint(
                condition=Q(rate_percent__gte=0) & Q(rate_percent__lte=100), name="digital_services_offlinerate_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.min_age}–{self.max_age}: {self.rate_percent} %"

    def get_absolute_url(self) -> str:
        return reverse("digital_services:offline-rate-edit", args=[self.pk])

    @property
    def band(self) -> str:
        return f"{self.min_age}–{self.max_age}"


class AgeStructure(models.Model):
    """Residents of a municipality in one age band at the end of a year (sourced)."""

    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="digital_age_structure",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"))
    residents = models.PositiveIntegerField(_("residents"))
    source = models.TextField(_("source"))

    objects = AgeStructureQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name_fi", "year", "min_age"]
        verbose_name = _("age structure row")
        verbose_name_plural = _("age structure")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "min_age", "max_age"], name="digital_services_agestructure_unique_band"
            ),
            models.CheckConstraint(
                condition=Q(max_age__gte=F("min_age")), name="digital_services_agestructure_band_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} {self.year} {self.min_age}–{self.max_age}"

    def get_absolute_url(self) -> str:
        return reverse("digital_services:age-structure-edit", args=[self.pk])


class ServicePath(LocalizedNameMixin, models.Model):
    """A client service path: ordered steps across services (e.g. assessment -> e-booking -> visit)."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("client service path")
        verbose_name_plural = _("client service paths")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digital_services:path-detail", args=[self.pk])


class PathStep(LocalizedNameMixin, models.Model):
    """One step of a service path, optionally carried by a catalogue service."""

    path = models.ForeignKey(ServicePath, verbose_name=_("path"), on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"))
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    service = models.ForeignKey(
        DigitalService,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="path_steps",
    )

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["path__name_fi", "position"]
        verbose_name = _("path step")
        verbose_name_plural = _("path steps")
        constraints = [
            models.UniqueConstraint(fields=["path", "position"], name="digital_services_pathstep_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    def get_absolute_url(self) -> str:
        return self.path.get_absolute_url()


class StepChange(models.Model):
    """A change one organisation must make for a step of a path (e.g. "open e-booking slots")."""

    step = models.ForeignKey(PathStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="changes")
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="digital_step_changes",
    )
    change = models.TextField(_("needed change"))
    done = models.BooleanField(_("done"), default=False)

    objects = StepChangeQuerySet.as_manager()

    class Meta:
        ordering = ["step__path__name_fi", "step__position", "organisation__name_fi"]
        verbose_name = _("needed change")
        verbose_name_plural = _("needed changes")

    def __str__(self) -> str:
        return f"{self.step}: {self.organisation.name}"

    def get_absolute_url(self) -> str:
        return self.step.path.get_absolute_url()


class Pilot(LocalizedNameMixin, models.Model):
    """A pilot of remote or mobile services: goal, organisations, period, measures, results, decision."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    goal = models.TextField(_("goal"))
    organisations = models.ManyToManyField(
        "portal.Organisation", verbose_name=_("organisations"), related_name="digital_pilots", blank=True
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    actions = models.TextField(_("what is done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=choices.PilotDecision.choices, blank=True)
    measure = models.ForeignKey(
        "portal.Measure",
        verbose_name=_("measure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="digital_pilots",
    )

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name_fi"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="digital_services_pilot_period"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digital_services:pilot-detail", args=[self.pk])


class GuidanceContact(LocalizedNameMixin, models.Model):
    """A number or service the chat refers to (112, MIELI Crisis Helpline, Sekasin, Omaolo), with when it
    was last verified: helpline numbers change, so they are data, not text in the code."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    kind = models.CharField(_("kind"), max_length=10, choices=choices.ContactKind.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    value = models.CharField(_("number or web address"), max_length=300)
    verified_on = models.DateField(_("verified on"))
    source = models.CharField(_("source"), max_length=300)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("guidance contact")
        verbose_name_plural = _("guidance contacts")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"

    def get_absolute_url(self) -> str:
        return reverse("digital_services:contact-edit", args=[self.pk])


class ChatIntent(models.Model):
    """A rule of the guidance chat: patterns per language, the answer, escalation 0-3 and contacts.

    Kept as editable data; no language model. Patterns are phrases, one a line; a message matches when
    it contains a phrase. The highest escalation wins, then ``priority``.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    escalation = models.PositiveSmallIntegerField(
        _("escalation level"), validators=[MaxValueValidator(3)], help_text=_("0 information ... 3 danger to life.")
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    patterns_fi = models.TextField(_("patterns (Finnish)"), help_text=_("One phrase a line."), blank=True)
    patterns_sv = models.TextField(_("patterns (Swedish)"), help_text=_("One phrase a line."), blank=True)
    patterns_en = models.TextField(_("patterns (English)"), help_text=_("One phrase a line."), blank=True)
    answer_fi = models.TextField(_("answer (Finnish)"))
    answer_sv = models.TextField(_("answer (Swedish)"))
    answer_en = models.TextField(_("answer (English)"))
    contacts = models.ManyToManyField(GuidanceContact, verbose_name=_("contacts"), blank=True, related_name="intents")
    active = models.BooleanField(_("active"), default=True)

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-escalation", "priority", "code"]
        verbose_name = _("chat intent")
        verbose_name_plural = _("chat intents")
        constraints = [
            models.CheckConstraint(condition=Q(escalation__lte=3), name="digital_services_chatintent_escalation_range")
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("digital_services:intent-edit", args=[self.pk])

    def patterns(self, language: str) -> list[str]:
        raw = getattr(self, f"patterns_{language}", "") or ""
        return [line.strip().lower() for line in raw.splitlines() if line.strip()]

    def answer(self, language: str) -> str:
        return getattr(self, f"answer_{language}", "") or self.answer_fi


class ChatDailyStat(models.Model):
    """How many chat messages matched an intent code on a day. The only thing the chat stores:
    no text, no address, no identifier."""

    day = models.DateField(_("day"))
    intent_code = models.SlugField(_("intent code"), max_length=60)
    escalation = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    count = models.PositiveIntegerField(_("count"), default=0)

    objects = ChatStatQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "intent_code"]
        verbose_name = _("chat statistic")
        verbose_name_plural = _("chat statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "intent_code"], name="digital_services_chatdailystat_unique_day_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.intent_code}: {self.count}"


class CounsellingSegment(LocalizedNameMixin, models.Model):
    """A client segment of the service-counselling model (3.3): its size, contact rate and growth."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    base_year = models.PositiveSmallIntegerField(_("base year"))
    base_persons = models.PositiveIntegerField(_("persons in the base year"))
    contact_rate = models.DecimalField(
        _("contacts per person per year"), max_digits=7, decimal_places=3, validators=[MinValueValidator(0)]
    )
    growth_percent = models.DecimalField(
        _("yearly growth (%)"), max_digits=6, decimal_places=2, validators=[MinValueValidator(-100)]
    )
    source = models.TextField(_("source"), blank=True)

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("client segment")
        verbose_name_plural = _("client segments")
        constraints = [
            models.CheckConstraint(condition=Q(contact_rate__gte=0), name="digital_services_segment_rate_not_negative"),
            models.CheckConstraint(condition=Q(growth_percent__gte=-100), name="digital_services_segment_growth_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digital_services:segment-detail", args=[self.pk])


class SegmentHistory(models.Model):
    """A past year of a segment: persons and contacts (from a file or the indicator bank)."""

    segment = models.ForeignKey(
        CounsellingSegment, verbose_name=_("segment"), on_delete=models.CASCADE, related_name="history"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    persons = models.PositiveIntegerField(_("persons"))
    contacts = models.PositiveIntegerField(_("contacts"), null=True, blank=True)
    source_kind = models.CharField(
        _("source type"), max_length=20, choices=choices.HistorySource.choices, default=choices.HistorySource.MANUAL
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["segment__name_fi", "year"]
        verbose_name = _("segment history row")
        verbose_name_plural = _("segment history")
        constraints = [
            models.UniqueConstraint(fields=["segment", "year"], name="digital_services_segmenthistory_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.segment.name} {self.year}"

    def get_absolute_url(self) -> str:
        return self.segment.get_absolute_url()


class CounsellingChannel(LocalizedNameMixin, models.Model):
    """A contact channel of the counselling model (phone, chat, e-service, walk-in) with its share."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    share_percent = models.DecimalField(
        _("share of contacts (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-share_percent", "name_fi"]
        verbose_name = _("counselling channel")
        verbose_name_plural = _("counselling channels")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digital_services:channel-edit", args=[self.pk])


class SystemRequirement(models.Model):
    """A system need of region-wide client guidance, as a requirement with must/should."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=CODE_HELP)
    area = models.CharField(_("area"), max_length=20, choices=choices.RequirementArea.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=choices.Priority.choices)
    text_fi = models.TextField(_("requirement (Finnish)"))
    text_sv = models.TextField(_("requirement (Swedish)"), blank=True)
    text_en = models.TextField(_("requirement (English)"), blank=True)

    objects = InternalProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["area", "priority", "code"]
        verbose_name = _("system requirement")
        verbose_name_plural = _("system requirements")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("digital_services:requirement-edit", args=[self.pk])

    @property
    def text(self) -> str:
        return localized(self, "text")
