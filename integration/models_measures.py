# Over 600 lines: the models of three measures (3.1, 3.5, 3.6) that share querysets and validation; split by measure when one grows further.
"""Measures 3.1 (integration of services), 3.5 (structured documentation) and 3.6 (client-data
availability and UNA).

Kept in their own module, imported at the end of ``integration.models``, so that the SOTE data
packages (2.3) and these measures change independently. Organisations, concepts and information
systems are the core's (``portal``), used by foreign key, never copied. A deciding body's decision
is kept as a plain reference code: governance is another domain app and is not imported.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integration.choices_measures import (
    CareSector,
    FlowChannel,
    KantaStage,
    OperatingModelState,
    RolloutStage,
    TrainingTopic,
    UnaModuleKind,
)
from portal import roles
from portal.models.base import LocalizedNameMixin, TimeValidModel
from portal.querysets import (
    InternalQuerySet,
    PortalQuerySet,
    ProgrammeContentQuerySet,
    StewardedQuerySet,
    ValidityQuerySetMixin,
)

__all__ = [
    "NATIONAL_OID_PATTERN",
    "ClassificationVersion",
    "ClientDataAccess",
    "DocumentationReport",
    "DocumentationUpload",
    "InformationFlow",
    "InformationNeed",
    "KantaReadiness",
    "NationalClassification",
    "OperatingModel",
    "OperatingModelAdoption",
    "RegionDocumentationFigure",
    "TrainingCourse",
    "TrainingParticipation",
    "UnaModule",
    "UnaReplacedSystem",
    "UnaRollout",
    "UnaTariff",
    "overlap_q",
    "overlaps",
    "quarter_bounds",
]

#: The form of the OIDs of the national code server (koodistopalvelu.kanta.fi); see
#: integration/reference/integration_facts.csv ("OID form used by the national code server").
NATIONAL_OID_PATTERN = re.compile(r"^1\.2\.246\.537(\.[0-9]+)+$")


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a calendar quarter."""
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end_month = 3 * quarter
    end = (dt.date(year + (end_month == 12), end_month % 12 + 1, 1)) - dt.timedelta(days=1)
    return start, end


def overlaps(valid_from: dt.date | None, valid_to: dt.date | None, start: dt.date, end: dt.date) -> bool:
    """Whether a validity period (open ends allowed) has at least one day in ``start..end``."""
    return (valid_from is None or valid_from <= end) and (valid_to is None or valid_to >= start)


def overlap_q(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """Rows valid on at least one day of ``start..end`` (``prefix`` reaches through a relation)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": end})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": start})
    )


# --- querysets ------------------------------------------------------------------------------------


class OwnedContentQuerySet(ValidityQuerySetMixin, StewardedQuerySet):
    """Signed-in users read; programme staff, the owning organisation's stewards and admins edit."""

    staff_edit = True


class OperatingModelQuerySet(OwnedContentQuerySet):
    organisation_field = "owner"


class AdoptionQuerySet(OwnedContentQuerySet):
    organisation_field = "organisation"


class InformationNeedQuerySet(OwnedContentQuerySet):
    organisation_field = "operating_model__owner"


class FlowQuerySet(OwnedContentQuerySet):
    organisation_field = "from_organisation"

    def overlapping(self, start: dt.date, end: dt.date):
        return self.filter(overlap_q(start, end))


class ParticipationQuerySet(OwnedContentQuerySet):
    organisation_field = "organisation"


class ReportQuerySet(StewardedQuerySet):
    """Quarterly figures: signed-in users (decision-makers) read; only the organisation's own
    stewards and administrators write. Programme staff read like everyone else."""

    organisation_field = "organisation"


class ReadinessQuerySet(StewardedQuerySet):
    organisation_field = "organisation"
    staff_edit = True


class RolloutQuerySet(StewardedQuerySet):
    organisation_field = "organisation"
    staff_edit = True


class AccessQuerySet(ValidityQuerySetMixin, StewardedQuerySet):
    organisation_field = "data_owner"
    staff_edit = True


class ReplacedSystemQuerySet(StewardedQuerySet):
    organisation_field = "system__owner"
    staff_edit = True


class ClassificationVersionQuerySet(ValidityQuerySetMixin, ProgrammeContentQuerySet):
    """National classification versions: public reference data, programme staff keep them."""


class DocumentationUploadQuerySet(PortalQuerySet):
    """An uploaded figures file is seen by its uploader, programme staff and administrators."""

    def visible_to(self, user):
        if roles.is_administrator(user) or roles.is_programme_staff(user):
            return self.all()
        if roles.is_signed_in(user):
            return self.filter(uploaded_by=user)
        return self.none()

    def editable_by(self, user):
        return self.visible_to(user) if roles.is_administrator(user) else self.none()

    def can_create(self, user) -> bool:
        return bool(roles.stewarded_organisation_ids(user)) or roles.is_administrator(user)


class ComputedQuerySet(InternalQuerySet):
    """Computed rows: signed-in users read; only the computation writes (administrators in admin)."""


# --- 3.1 operating models, information needs and flows, training ------------------------------------


class OperatingModel(LocalizedNameMixin, models.Model):
    """A candidate region-wide operating model (toimintamalli) chosen from the existing regional
    solutions; the deciding body's decision is kept as its reference code only."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("Stable key used in files and the API."))
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=CareSector.choices)
    owner = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="operating_models",
    )
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=OperatingModelState.choices, default=OperatingModelState.CANDIDATE
    )
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=80,
        blank=True,
        help_text=_("The deciding body's decision code, e.g. the minutes' section (a reference only)."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = OperatingModelQuerySet.as_manager()

    class Meta:
        ordering = ["sector", "name_fi"]
        verbose_name = _("operating model")
        verbose_name_plural = _("operating models")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="candidate") | ~Q(decision_reference=""),
                name="integration_operatingmodel_decision_needs_reference",
                violation_error_message=_("A selected or rejected model needs the decision reference."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("integration:operating-model-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.state != OperatingModelState.CANDIDATE and not self.decision_reference:
            raise ValidationError(
                {"decision_reference": _("A selected or rejected model needs the decision reference.")}
            )


class OperatingModelAdoption(TimeValidModel):
    """An organisation uses an operating model for a period (adoption over time)."""

    operating_model = models.ForeignKey(
        OperatingModel, verbose_name=_("operating model"), on_delete=models.CASCADE, related_name="adoptions"
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="operating_model_adoptions",
    )
    note = models.TextField(_("note"), blank=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["operating_model__code", "organisation__code", "valid_from"]
        verbose_name = _("operating model adoption")
        verbose_name_plural = _("operating model adoptions")
        constraints = [
            *TimeValidModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["operating_model", "organisation", "valid_from"],
                name="integration_operatingmodeladoption_unique_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.operating_model} – {self.organisation.name}"


class InformationNeed(models.Model):
    """What information an operating model needs, tied to a concept of the core's catalogue."""

    operating_model = models.ForeignKey(
        OperatingModel, verbose_name=_("operating model"), on_delete=models.CASCADE, related_name="information_needs"
    )
    concept = models.ForeignKey(
        "portal.Concept", verbose_name=_("concept"), on_delete=models.PROTECT, related_name="information_needs"
    )
    description = models.TextField(_("description"), blank=True)

    objects = InformationNeedQuerySet.as_manager()

    class Meta:
        ordering = ["operating_model__code", "concept__code"]
        verbose_name = _("information need")
        verbose_name_plural = _("information needs")
        constraints = [
            models.UniqueConstraint(
                fields=["operating_model", "concept"], name="integration_informationneed_unique_concept"
            )
        ]

    def __str__(self) -> str:
        return f"{self.operating_model}: {self.concept.name}"


class InformationFlow(TimeValidModel):
    """Data that moves from one organisation (and system) to another across a sector boundary."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    from_organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("from organisation"), on_delete=models.PROTECT, related_name="+"
    )
    from_sector = models.CharField(_("from sector"), max_length=30, choices=CareSector.choices)
    from_system = models.ForeignKey(
        "portal.InformationSystem",
        verbose_name=_("from system"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("to organisation"), on_delete=models.PROTECT, related_name="+"
    )
    to_sector = models.CharField(_("to sector"), max_length=30, choices=CareSector.choices)
    to_system = models.ForeignKey(
        "portal.InformationSystem",
        verbose_name=_("to system"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.CharField(_("data"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    channel = models.CharField(_("channel"), max_length=20, choices=FlowChannel.choices)
    operating_model = models.ForeignKey(
        OperatingModel,
        verbose_name=_("operating model"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flows",
    )

    objects = FlowQuerySet.as_manager()

    class Meta:
        ordering = ["from_sector", "to_sector", "code"]
        verbose_name = _("information flow")
        verbose_name_plural = _("information flows")
        constraints = [*TimeValidModel.Meta.constraints]

    def __str__(self) -> str:
        return f"{self.from_organisation.name} → {self.to_organisation.name}: {self.data}"

    def get_absolute_url(self) -> str:
        return reverse("integration:flow-detail", args=[self.pk])


class TrainingCourse(LocalizedNameMixin, models.Model):
    """A course of KYS's training programme supporting the co-development (3.1)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=30, choices=TrainingTopic.choices)
    organiser = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="training_courses"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "code"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="integration_trainingcourse_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("integration:training-detail", args=[self.pk])


class TrainingParticipation(models.Model):
    """How many people of an organisation took part in a course."""

    course = models.ForeignKey(
        TrainingCourse, verbose_name=_("course"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    participants = models.PositiveIntegerField(_("participants"))

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["course__code", "organisation__code"]
        verbose_name = _("training participation")
        verbose_name_plural = _("training participations")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "organisation"], name="integration_trainingparticipation_unique_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course}: {self.organisation.name} ({self.participants})"


# --- 3.5 structured documentation -----------------------------------------------------------------


class NationalClassification(LocalizedNameMixin, models.Model):
    """A national classification of the code server (THL), identified by its OID."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    oid = models.CharField(_("OID"), max_length=100, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=CareSector.choices)
    source_url = models.URLField(_("source link"), blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("national classification")
        verbose_name_plural = _("national classifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(oid__startswith="1.2.246.537."), name="integration_nationalclassification_oid_national"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("integration:classification-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if not NATIONAL_OID_PATTERN.match(self.oid or ""):
            raise ValidationError(
                {
                    "oid": _("%(oid)r is not a national OID (expected 1.2.246.537 followed by numbers).")
                    % {"oid": self.oid}
                }
            )


class ClassificationVersion(TimeValidModel):
    """One version of a national classification, valid for a period."""

    classification = models.ForeignKey(
        NationalClassification, verbose_name=_("classification"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.CharField(_("version"), max_length=40)

    objects = ClassificationVersionQuerySet.as_manager()

    class Meta:
        ordering = ["classification__code", "valid_from", "version"]
        verbose_name = _("classification version")
        verbose_name_plural = _("classification versions")
        constraints = [
            *TimeValidModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["classification", "version"], name="integration_classificationversion_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.classification.name} {self.version}"


class DocumentationReport(models.Model):
    """A steward's quarterly figures: entries of the organisation that used the classification
    version in structured form, out of all entries of the kind."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    classification = models.ForeignKey(
        NationalClassification, verbose_name=_("classification"), on_delete=models.PROTECT, related_name="reports"
    )
    classification_version = models.ForeignKey(
        ClassificationVersion, verbose_name=_("classification version"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)])
    structured_count = models.PositiveIntegerField(_("structured entries"))
    total_count = models.PositiveIntegerField(_("all entries"))
    job = models.ForeignKey(
        "portal.Job", verbose_name=_("import job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "organisation__code", "classification__code"]
        verbose_name = _("documentation report")
        verbose_name_plural = _("documentation reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "classification", "year", "quarter"],
                name="integration_documentationreport_one_per_quarter",
                violation_error_message=_("This organisation already reported this classification for the quarter."),
            ),
            models.CheckConstraint(
                condition=Q(structured_count__lte=F("total_count")),
                name="integration_documentationreport_structured_within_total",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="integration_documentationreport_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name} {self.year} Q{self.quarter} {self.classification.name}"

    @property
    def share(self) -> float | None:
        return self.structured_count / self.total_count * 100 if self.total_count else None


class DocumentationUpload(models.Model):
    """A quarterly-figures file (CSV/XLSX) kept untouched for its import job."""

    file = models.FileField(_("file"), upload_to="integration/documentation/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    job = models.ForeignKey(
        "portal.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DocumentationUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("documentation figures file")
        verbose_name_plural = _("documentation figures files")

    def __str__(self) -> str:
        return self.original_name


class RegionDocumentationFigure(models.Model):
    """The region's volume-weighted share for a classification and quarter (nightly computation):
    sums of the reports of the organisations valid in the quarter, never a mean of shares."""

    classification = models.ForeignKey(
        NationalClassification, verbose_name=_("classification"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    structured_count = models.PositiveBigIntegerField(_("structured entries"))
    total_count = models.PositiveBigIntegerField(_("all entries"))
    organisation_count = models.PositiveIntegerField(_("reporting organisations"))
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    objects = ComputedQuerySet.as_manager()

    class Meta:
        ordering = ["classification__code", "year", "quarter"]
        verbose_name = _("region documentation figure")
        verbose_name_plural = _("region documentation figures")
        constraints = [
            models.UniqueConstraint(
                fields=["classification", "year", "quarter"], name="integration_regiondocumentationfigure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.classification.name} {self.year} Q{self.quarter}"

    @property
    def share(self) -> float | None:
        return self.structured_count / self.total_count * 100 if self.total_count else None


class KantaReadiness(models.Model):
    """A stage an organisation's social welfare reached on its way to the Kanta client data
    repository, and since when; the latest stage is the current readiness."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=30, choices=KantaStage.choices)
    since = models.DateField(_("since"))
    system = models.ForeignKey(
        "portal.InformationSystem",
        verbose_name=_("certified system"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    objects = ReadinessQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code", "since"]
        verbose_name = _("Kanta readiness")
        verbose_name_plural = _("Kanta readiness")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "stage"], name="integration_kantareadiness_unique_stage")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name}: {self.get_stage_display()}"


# --- 3.6 client-data availability and UNA ---------------------------------------------------------


class UnaModule(LocalizedNameMixin, models.Model):
    """A module of the UNA whole solution (forms, core and situational view, consent, production
    management)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=UnaModuleKind.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("UNA module")
        verbose_name_plural = _("UNA modules")

    def __str__(self) -> str:
        return self.name


class UnaTariff(LocalizedNameMixin, models.Model):
    """A yearly price per resident of a UNA service (integer cents). Prices come from one source
    and are shown as an example until the region's own contract prices are entered."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    module = models.ForeignKey(
        UnaModule, verbose_name=_("module"), null=True, blank=True, on_delete=models.PROTECT, related_name="tariffs"
    )
    year = models.PositiveSmallIntegerField(_("price year"))
    cents_per_resident = models.PositiveIntegerField(_("price per resident a year (cents)"))
    is_example = models.BooleanField(_("example price"), default=True)
    source = models.TextField(_("source"), blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["year", "code"]
        verbose_name = _("UNA tariff")
        verbose_name_plural = _("UNA tariffs")

    def __str__(self) -> str:
        return self.name


class UnaRollout(models.Model):
    """Where a UNA module is for an organisation: planned, piloted (with dates) or in production."""

    module = models.ForeignKey(UnaModule, verbose_name=_("module"), on_delete=models.CASCADE, related_name="rollouts")
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=RolloutStage.choices, default=RolloutStage.PLANNED)
    pilot_start = models.DateField(_("pilot starts"), null=True, blank=True)
    pilot_end = models.DateField(_("pilot ends"), null=True, blank=True)
    production_from = models.DateField(_("in production from"), null=True, blank=True)

    objects = RolloutQuerySet.as_manager()

    class Meta:
        ordering = ["module__code", "organisation__code"]
        verbose_name = _("UNA rollout")
        verbose_name_plural = _("UNA rollouts")
        constraints = [
            models.UniqueConstraint(fields=["module", "organisation"], name="integration_unarollout_unique"),
            models.CheckConstraint(
                condition=Q(pilot_start__isnull=True) | Q(pilot_end__isnull=True) | Q(pilot_end__gte=F("pilot_start")),
                name="integration_unarollout_pilot_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module}: {self.organisation.name}"


class ClientDataAccess(TimeValidModel):
    """A professional of ``viewer`` can see client data of ``data_owner`` through ``channel``
    (``valid_from`` is "since when")."""

    data_owner = models.ForeignKey(
        "portal.Organisation", verbose_name=_("whose client data"), on_delete=models.PROTECT, related_name="+"
    )
    viewer = models.ForeignKey(
        "portal.Organisation", verbose_name=_("seen by professionals of"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=FlowChannel.choices)
    note = models.TextField(_("note"), blank=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["viewer__code", "data_owner__code", "valid_from"]
        verbose_name = _("client data availability")
        verbose_name_plural = _("client data availability")
        constraints = [
            *TimeValidModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["data_owner", "viewer", "channel", "valid_from"], name="integration_clientdataaccess_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.viewer.name} ← {self.data_owner.name} ({self.get_channel_display()})"


class UnaReplacedSystem(models.Model):
    """A system of the core register that UNA replaces, with its planned switch-off date."""

    system = models.OneToOneField(
        "portal.InformationSystem", verbose_name=_("system"), on_delete=models.CASCADE, related_name="una_replacement"
    )
    module = models.ForeignKey(
        UnaModule,
        verbose_name=_("replaced by module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned_switch_off = models.DateField(_("planned switch-off"), null=True, blank=True)

    objects = ReplacedSystemQuerySet.as_manager()

    class Meta:
        ordering = ["planned_switch_off", "system__name"]
        verbose_name = _("system replaced by UNA")
        verbose_name_plural = _("systems replaced by UNA")

    def __str__(self) -> str:
        return str(self.system)
