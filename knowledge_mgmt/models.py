"""The indicator bank (indikaattoripankki): indicators, values, targets, curated sets, the maturity
survey (tietojohtamisen kypsyystaso)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knowledge_mgmt.choices import (
    Computation,
    Direction,
    Obtained,
    Periodicity,
    RespondentRole,
    Sex,
    ValueSource,
    ValueStatus,
    ValueType,
)
from knowledge_mgmt.querysets import (
    IndicatorQuerySet,
    IndicatorSetQuerySet,
    IndicatorValueQuerySet,
    MaturityResponseQuerySet,
    MaturityScoreQuerySet,
    SetItemQuerySet,
    TargetQuerySet,
)
from portal.models.base import LocalizedNameMixin
from portal.models.localized import localized
from portal.querysets import ProgrammeContentQuerySet

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class Theme(LocalizedNameMixin, models.Model):
    """A theme (teema) grouping indicators, e.g. costs, elderly care, mental health."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name_fi


class Indicator(models.Model):
    """An indicator (indikaattori) of the bank with its metadata; the code is the stable key."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=300)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    value_type = models.CharField(_("value type"), max_length=20, choices=ValueType.choices)
    source_value_type = models.CharField(
        _("value type at the source"),
        max_length=40,
        blank=True,
        help_text=_("The source's own code, e.g. Sotkanet's PROS; kept when our type is 'other'."),
    )
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1, validators=[MaxValueValidator(6)])
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices, default=Direction.NEUTRAL)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Restricted indicators are shown only to signed-in users.")
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="indicators")
    obtained = models.CharField(_("obtained"), max_length=20, choices=Obtained.choices, default=Obtained.IMPORTED)
    computation = models.CharField(_("computation"), max_length=30, choices=Computation.choices, blank=True, default="")
    numerator = models.ForeignKey(
        "self", verbose_name=_("numerator"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("denominator"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ratio_scale = models.DecimalField(_("ratio scale"), max_digits=12, decimal_places=2, default=1)
    breakdown_label = models.CharField(
        _("breakdown"), max_length=100, blank=True, help_text=_("The open dimension of the values, e.g. SOTE package.")
    )
    periodicity = models.CharField(
        _("periodicity"), max_length=10, choices=Periodicity.choices, default=Periodicity.YEAR
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    sotkanet_id = models.PositiveIntegerField(_("Sotkanet id"), null=True, blank=True, unique=True)
    source_data_updated = models.DateField(_("data updated at the source"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="indicator_year_range"),
            models.CheckConstraint(
                condition=~Q(computation="ratio") | (Q(numerator__isnull=False) & Q(denominator__isnull=False)),
                name="indicator_ratio_has_parts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_fi}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    def year_in_range(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class IndicatorValue(models.Model):
    """A value of an indicator for an organisation and period, with its breakdown and lineage.

    ``quarter``/``month`` are 0 for a whole-year value (not NULL, so that the uniqueness holds).
    ``breakdown`` is the open dimension (e.g. a SOTE package code); "" is the total.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="indicator_values"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0, validators=[MaxValueValidator(4)])
    month = models.PositiveSmallIntegerField(_("month"), default=0, validators=[MaxValueValidator(12)])
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.TOTAL)
    breakdown = models.CharField(_("breakdown"), max_length=60, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    absolute_value = models.DecimalField(_("absolute value"), max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ValueStatus.choices, default=ValueStatus.FINAL)
    source_kind = models.CharField(_("source"), max_length=20, choices=ValueSource.choices)
    job = models.ForeignKey(
        "portal.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator__code", "organisation__code", "year", "quarter", "month", "sex", "breakdown"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "year", "quarter", "month", "sex", "breakdown"],
                name="indicator_value_unique_cell",
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4) & Q(month__lte=12), name="indicator_value_period"),
            models.CheckConstraint(condition=Q(quarter=0) | Q(month=0), name="indicator_value_quarter_or_month"),
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="indicator_value_ind_year_idx")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.organisation.code} {self.year}: {self.value}"


class Target(models.Model):
    """A target (tavoite) of an indicator for an organisation and year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="indicator_targets",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("target value"), max_digits=20, decimal_places=6)
    note = models.TextField(_("note"), blank=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["indicator__code", "organisation__code", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organisation", "year"], name="target_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.organisation.code} {self.year}: {self.value}"


class IndicatorSet(LocalizedNameMixin, models.Model):
    """A curated set of indicators for decision-makers, e.g. the leadership set (johtamisen mittaristo)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    public = models.BooleanField(_("public"), default=True)
    indicators = models.ManyToManyField(
        Indicator, through="IndicatorSetItem", verbose_name=_("indicators"), related_name="sets"
    )

    objects = IndicatorSetQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")

    def __str__(self) -> str:
        return self.name_fi

    @property
    def description(self) -> str:
        return localized(self, "description")


class IndicatorSetItem(models.Model):
    """An indicator in a curated set, in the set's order."""

    indicator_set = models.ForeignKey(
        IndicatorSet, verbose_name=_("indicator set"), on_delete=models.CASCADE, related_name="items"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SetItemQuerySet.as_manager()

    class Meta:
        ordering = ["indicator_set__code", "order", "indicator__code"]
        verbose_name = _("indicator of a set")
        verbose_name_plural = _("indicators of sets")
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "indicator"], name="indicator_set_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_set.code}: {self.indicator.code}"


class ConceptIndicatorLink(models.Model):
    """A link from a concept of the core catalogue to an indicator that measures it."""

    concept = models.ForeignKey(
        "portal.Concept", verbose_name=_("concept"), on_delete=models.CASCADE, related_name="indicator_links"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="concept_links"
    )

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["concept__code", "indicator__code"]
        verbose_name = _("concept-indicator link")
        verbose_name_plural = _("concept-indicator links")
        constraints = [models.UniqueConstraint(fields=["concept", "indicator"], name="concept_indicator_link_unique")]

    def __str__(self) -> str:
        return f"{self.concept.code} -> {self.indicator.code}"


class MaturitySurvey(LocalizedNameMixin, models.Model):
    """A knowledge-management maturity survey (tietojohtamisen kypsyystasokysely) with its areas."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5, validators=[MinValueValidator(2)])

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = _("maturity survey")
        verbose_name_plural = _("maturity surveys")

    def __str__(self) -> str:
        return f"{self.name_fi} {self.year}"


class MaturityArea(LocalizedNameMixin, models.Model):
    """An area of the survey, e.g. vision and strategy, data acquisition, analysis, use."""

    survey = models.ForeignKey(MaturitySurvey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(_("code"), max_length=60)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["survey__code", "order", "code"]
        verbose_name = _("maturity area")
        verbose_name_plural = _("maturity areas")
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="maturity_area_unique_code")]

    def __str__(self) -> str:
        return self.name_fi


class MaturityResponse(models.Model):
    """One anonymous answer: no person, only the organisation and the respondent's role."""

    survey = models.ForeignKey(
        MaturitySurvey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=RespondentRole.choices)
    import_key = models.CharField(
        _("import key"),
        max_length=100,
        blank=True,
        help_text=_("Response id of an imported file; empty for web answers."),
    )
    submitted_on = models.DateField(_("submitted"), auto_now_add=True)

    objects = MaturityResponseQuerySet.as_manager()

    class Meta:
        ordering = ["survey__code", "organisation__code", "id"]
        verbose_name = _("maturity response")
        verbose_name_plural = _("maturity responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "import_key"], condition=~Q(import_key=""), name="maturity_response_unique_import"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey.code} {self.organisation.code} {self.role}"


class MaturityScore(models.Model):
    """Scores of one area in a response: the current state and the satisfaction with it."""

    response = models.ForeignKey(
        MaturityResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="scores"
    )
    area = models.ForeignKey(MaturityArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="scores")
    current_state = models.PositiveSmallIntegerField(_("current state"), validators=[MinValueValidator(1)])
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), validators=[MinValueValidator(1)])

    objects = MaturityScoreQuerySet.as_manager()

    class Meta:
        ordering = ["response_id", "area__order"]
        verbose_name = _("maturity score")
        verbose_name_plural = _("maturity scores")
        constraints = [
            models.UniqueConstraint(fields=["response", "area"], name="maturity_score_unique_area"),
            models.CheckConstraint(
                condition=Q(current_state__gte=1) & Q(satisfaction__gte=1), name="maturity_score_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.area.code}: {self.current_state}/{self.satisfaction}"


class SotkanetRegion(models.Model):
    """A region of Sotkanet (THL) with its category and code, to map Sotkanet's own region ids to
    our organisations (a municipality's Sotkanet id is not its municipality code)."""

    sotkanet_id = models.PositiveIntegerField(_("Sotkanet id"), unique=True)
    category = models.CharField(_("category"), max_length=40)
    code = models.CharField(_("code"), max_length=20)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200, blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("Sotkanet region")
        verbose_name_plural = _("Sotkanet regions")

    def __str__(self) -> str:
        return f"{self.sotkanet_id} {self.category} {self.code}"


class ImportDraftStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class ImportDraftQuerySet(ProgrammeContentQuerySet):
    """Imports are the programme staff's work: only they and administrators see drafts."""

    def visible_to(self, user):
        from portal import roles

        if roles.is_programme_staff(user) or roles.is_administrator(user):
            return self.all()
        return self.none()


class ImportDraft(models.Model):
    """An indicator import awaiting review: the file was read, validated and tried in a transaction
    that was rolled back, so the report (per indicator: created, updated, unchanged, skipped) says
    what publishing would do while no reader sees anything. Publishing runs the import for real."""

    job = models.OneToOneField(
        "portal.Job", verbose_name=_("job"), on_delete=models.CASCADE, related_name="import_draft"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ImportDraftStatus.choices, default=ImportDraftStatus.DRAFT
    )
    report = models.JSONField(_("report"), default=dict, blank=True)
    publish_job = models.ForeignKey(
        "portal.Job",
        verbose_name=_("publishing job"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ImportDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import draft")
        verbose_name_plural = _("import drafts")

    def __str__(self) -> str:
        return f"{self.job.input_ref.get('filename', '')} ({self.get_status_display()})"
