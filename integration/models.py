# Over 600 lines: the data-package models plus the draft and publication models that review-before-publishing added; split into a package when it grows further.
"""SOTE data packages (SOTE-tietopaketit): code lists, package definitions, mappings, uploads, results.

Classifications are data, never constants: the official package and service-class tables are not
available to the programme yet, so code lists are versioned rows and the shipped package definition
is labelled as an example until the organiser loads the official one.

Money is stored as ``Decimal`` euros (two decimals); the conversion computes in integer cents, which
is exact, and converts at the edge.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.models import Job, Organisation
from portal.models.base import LocalizedNameMixin
from portal.querysets import ProgrammeContentQuerySet, StewardedQuerySet


class CodeListKind(models.TextChoices):
    SERVICE_CLASS = "service_class", _("Service classes")
    COST_TYPE = "cost_type", _("Cost types")
    CLIENT_GROUP = "client_group", _("Client groups")
    PRODUCTION_MODE = "production_mode", _("Production modes")
    FUNDING_CHANNEL = "funding_channel", _("Funding channels")
    OTHER = "other", _("Other")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In use")
    RETIRED = "retired", _("Retired")


class UnmappedPolicy(models.TextChoices):
    FAIL = "fail", _("Fail the conversion")
    UNALLOCATED = "unallocated", _("Book to an unallocated line")


# --- querysets ------------------------------------------------------------------------------------


class MappingRuleQuerySet(StewardedQuerySet):
    organisation_field = "version__organisation"

    def editable_by(self, user):
        # Rules of a frozen version never change: a new version is made instead.
        return super().editable_by(user).filter(version__frozen_at__isnull=True)


class UploadQuerySet(StewardedQuerySet):
    """Raw ledger files: only the organisation's stewards, programme staff and administrators."""

    def visible_to(self, user):
        if roles.is_administrator(user) or roles.is_programme_staff(user):
            return self.all()
        ids = roles.stewarded_organisation_ids(user)
        return self.filter(organisation__in=ids) if ids else self.none()


# --- code lists -----------------------------------------------------------------------------------


class CodeList(LocalizedNameMixin, models.Model):
    """A code list (koodisto), e.g. service classes (palveluluokitus) or cost types (JHS 192)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=CodeListKind.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("code list")
        verbose_name_plural = _("code lists")

    def __str__(self) -> str:
        return self.code

    def current_version(self) -> CodeListVersion | None:
        return self.versions.filter(status=VersionStatus.ACTIVE).order_by("-number").first()


class CodeListVersion(models.Model):
    """A version of a code list with the years it is valid for and its source."""

    code_list = models.ForeignKey(
        CodeList, verbose_name=_("code list"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    valid_from_year = models.PositiveSmallIntegerField(_("valid from year"), null=True, blank=True)
    valid_to_year = models.PositiveSmallIntegerField(_("valid to year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    source = models.TextField(_("source"), blank=True)
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("An example, not an official classification.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["code_list__code", "number"]
        verbose_name = _("code list version")
        verbose_name_plural = _("code list versions")
        constraints = [
            models.UniqueConstraint(fields=["code_list", "number"], name="codelistversion_unique_number"),
            models.CheckConstraint(
                condition=Q(valid_to_year__isnull=True)
                | Q(valid_from_year__isnull=True)
                | Q(valid_to_year__gte=models.F("valid_from_year")),
                name="codelistversion_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code_list.code} v{self.number}"

    @property
    def source_text(self) -> str:
        """The source in the reader's language (shipped lists have a readable, translated text)."""
        from integration.sources import source_text

        return source_text(self.source)


class Code(LocalizedNameMixin, models.Model):
    """One code of a code list version (koodi), with its level and parent in the hierarchy."""

    version = models.ForeignKey(
        CodeListVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="codes"
    )
    code = models.CharField(_("code"), max_length=60)
    name_fi = models.CharField(_("name (Finnish)"), max_length=300)
    name_sv = models.CharField(_("name (Swedish)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    note = models.TextField(_("note"), blank=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["version", "sort_order", "code"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="code_unique_in_version")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_fi}"


# --- SOTE package definitions ---------------------------------------------------------------------


class PackageDefinition(LocalizedNameMixin, models.Model):
    """A set of SOTE packages (tietopakettimäärittely): which service classes and client groups
    belong to which package. ``is_example`` marks the shipped example (esimerkki/exempel)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    is_example = models.BooleanField(_("example"), default=False)
    source = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["-status", "code"]
        verbose_name = _("package definition")
        verbose_name_plural = _("package definitions")

    def __str__(self) -> str:
        return self.code

    @property
    def source_text(self) -> str:
        """The source in the reader's language (shipped lists have a readable, translated text)."""
        from integration.sources import source_text

        return source_text(self.source)

    @classmethod
    def active(cls) -> PackageDefinition | None:
        return cls.objects.filter(status=VersionStatus.ACTIVE).order_by("is_example", "-created_at", "-pk").first()


class Package(LocalizedNameMixin, models.Model):
    """A SOTE package (tietopaketti) of a definition."""

    definition = models.ForeignKey(
        PackageDefinition, verbose_name=_("definition"), on_delete=models.CASCADE, related_name="packages"
    )
    code = models.CharField(_("code"), max_length=40)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["definition", "sort_order", "code"]
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        constraints = [models.UniqueConstraint(fields=["definition", "code"], name="package_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_fi}"


class PackageMember(models.Model):
    """A service class (and optionally one client group) that belongs to a package."""

    package = models.ForeignKey(Package, verbose_name=_("package"), on_delete=models.CASCADE, related_name="members")
    service_class_code = models.CharField(_("service class"), max_length=60)
    client_group_code = models.CharField(
        _("client group"), max_length=60, blank=True, help_text=_("Empty: every client group.")
    )

    objects = ProgrammeContentQuerySet.as_manager()

    class Meta:
        ordering = ["package", "service_class_code", "client_group_code"]
        verbose_name = _("package member")
        verbose_name_plural = _("package members")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "service_class_code", "client_group_code"], name="packagemember_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.package.code}: {self.service_class_code}/{self.client_group_code or '*'}"


# --- organisation settings and mappings -----------------------------------------------------------


class OrganisationSettings(models.Model):
    """Per-organisation conversion settings: what to do with unmapped rows, column aliases."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="integration_settings"
    )
    unmapped_policy = models.CharField(
        _("unmapped rows"), max_length=20, choices=UnmappedPolicy.choices, default=UnmappedPolicy.FAIL
    )
    column_aliases = models.JSONField(
        _("column aliases"),
        default=dict,
        blank=True,
        help_text=_('Extra column names, e.g. {"cost_centre": ["kpaikka"], "amount": ["netto"]}.'),
    )
    max_errors = models.PositiveSmallIntegerField(
        _("errors listed at most"), default=20, help_text=_("Validation stops listing errors after this many.")
    )
    require_second_approval = models.BooleanField(
        _("a second person approves"),
        default=False,
        help_text=_("A draft result is published by another person than the one who uploaded the file."),
    )

    objects = StewardedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code"]
        verbose_name = _("conversion settings")
        verbose_name_plural = _("conversion settings")
        constraints = [models.CheckConstraint(condition=Q(max_errors__gte=1), name="orgsettings_max_errors_positive")]

    def __str__(self) -> str:
        return f"{self.organisation.code}"


class MappingVersion(models.Model):
    """A version of an organisation's mapping (kohdistussäännöt). Frozen once a conversion used it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="mapping_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.TextField(_("note"), blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    frozen_by_job = models.ForeignKey(
        Job, verbose_name=_("first used by job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StewardedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code", "-number"]
        verbose_name = _("mapping version")
        verbose_name_plural = _("mapping versions")
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="mappingversion_unique_number")]

    def __str__(self) -> str:
        return f"{self.organisation.code} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class CostCentreMapping(models.Model):
    """Cost centre (kustannuspaikka) -> service class, client group and production mode."""

    version = models.ForeignKey(
        MappingVersion, verbose_name=_("mapping version"), on_delete=models.CASCADE, related_name="cost_centres"
    )
    cost_centre = models.CharField(_("cost centre"), max_length=60)
    service_class_code = models.CharField(_("service class"), max_length=60)
    client_group_code = models.CharField(_("client group"), max_length=60)
    production_mode_code = models.CharField(_("production mode"), max_length=60)

    objects = MappingRuleQuerySet.as_manager()

    class Meta:
        ordering = ["version", "cost_centre"]
        verbose_name = _("cost centre mapping")
        verbose_name_plural = _("cost centre mappings")
        constraints = [models.UniqueConstraint(fields=["version", "cost_centre"], name="ccmapping_unique_cost_centre")]

    def __str__(self) -> str:
        return f"{self.cost_centre} -> {self.service_class_code}"


class AccountMapping(models.Model):
    """An account or an account range (tili/tiliväli) -> cost type (JHS 192 row)."""

    version = models.ForeignKey(
        MappingVersion, verbose_name=_("mapping version"), on_delete=models.CASCADE, related_name="accounts"
    )
    account_from = models.CharField(_("account from"), max_length=30)
    account_to = models.CharField(_("account to"), max_length=30, blank=True, help_text=_("Empty: a single account."))
    cost_type_code = models.CharField(_("cost type"), max_length=60)

    objects = MappingRuleQuerySet.as_manager()

    class Meta:
        ordering = ["version", "account_from"]
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        constraints = [models.UniqueConstraint(fields=["version", "account_from"], name="accmapping_unique_from")]

    def __str__(self) -> str:
        return f"{self.account_from}-{self.account_to} -> {self.cost_type_code}"


# --- uploads and results --------------------------------------------------------------------------


def upload_path(instance: Upload, filename: str) -> str:
    return f"integration/uploads/{instance.organisation.code}/{instance.year}/{instance.sha256[:16]}-{filename}"


class Upload(models.Model):
    """A ledger export as uploaded (stored untouched), with its SHA-256, size and uploader."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="ledger_uploads"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    file = models.FileField(_("file"), upload_to=upload_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("same file as"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey(
        Job, verbose_name=_("conversion job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=1990) & Q(year__lte=2100), name="upload_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.year} {self.original_name}"


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class DraftQuerySet(UploadQuerySet):
    """Drafts are the ledger's stewards' work: its stewards, programme staff and administrators read
    them; the stewards and administrators publish or discard them."""


class ConversionDraft(models.Model):
    """A conversion's result awaiting review (as DHIS2's data approval): nothing reaches package
    rows, indicators, the API or reports until a steward publishes it.

    The package rows wait here as JSON (``rows``: the KEYS, ``is_unallocated``, ``cents``,
    ``source_rows``) so that every reader of ``PackageRow`` reads published data only, with no
    filter to forget. A first upload without a mapping version is a draft with no mapping: read,
    validated and reported as entirely unallocated; it cannot be published.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="conversion_drafts"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    job = models.OneToOneField(Job, verbose_name=_("job"), on_delete=models.PROTECT, related_name="conversion_draft")
    upload = models.ForeignKey(Upload, verbose_name=_("upload"), on_delete=models.PROTECT, related_name="drafts")
    mapping_version = models.ForeignKey(
        MappingVersion,
        verbose_name=_("mapping version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    package_definition = models.ForeignKey(
        PackageDefinition,
        verbose_name=_("package definition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT)
    rows_read = models.PositiveIntegerField(_("rows read"))
    rows_mapped = models.PositiveIntegerField(_("rows mapped"))
    input_total = models.DecimalField(_("input total (EUR)"), max_digits=16, decimal_places=2)
    output_total = models.DecimalField(_("output total (EUR)"), max_digits=16, decimal_places=2)
    unallocated_total = models.DecimalField(_("unallocated (EUR)"), max_digits=16, decimal_places=2)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    rows = models.JSONField(_("package rows"), default=list, blank=True)
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

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("draft result")
        verbose_name_plural = _("draft results")
        indexes = [models.Index(fields=["organisation", "year", "status"], name="conversiondraft_org_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(input_total=models.F("output_total") + models.F("unallocated_total")),
                name="conversiondraft_totals_balance",
            ),
            models.CheckConstraint(
                condition=Q(rows_mapped__lte=models.F("rows_read")), name="conversiondraft_mapped_le_read"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.year} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == DraftStatus.DRAFT

    @property
    def can_be_published(self) -> bool:
        return self.is_open and self.mapping_version_id is not None and self.package_definition_id is not None


class ConversionResult(models.Model):
    """The published result of an organisation-year: which job, upload and mapping made it, totals.

    Lineage shown to every reader: organisation, year, mapping version and the file's checksum;
    the job and the file itself stay with the ledger's stewards and programme staff.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="conversion_results"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    job = models.ForeignKey(Job, verbose_name=_("job"), on_delete=models.PROTECT, related_name="+")
    upload = models.ForeignKey(Upload, verbose_name=_("upload"), on_delete=models.PROTECT, related_name="+")
    mapping_version = models.ForeignKey(
        MappingVersion, verbose_name=_("mapping version"), on_delete=models.PROTECT, related_name="+"
    )
    package_definition = models.ForeignKey(
        PackageDefinition, verbose_name=_("package definition"), on_delete=models.PROTECT, related_name="+"
    )
    rows_read = models.PositiveIntegerField(_("rows read"))
    input_total = models.DecimalField(_("input total (EUR)"), max_digits=16, decimal_places=2)
    output_total = models.DecimalField(_("output total (EUR)"), max_digits=16, decimal_places=2)
    unallocated_total = models.DecimalField(_("unallocated (EUR)"), max_digits=16, decimal_places=2)
    converted_at = models.DateTimeField(_("converted"), auto_now=True)
    rows_mapped = models.PositiveIntegerField(_("rows mapped"), null=True, blank=True)
    # The summary (cost centres, accounts, sums) stays on the draft: this row is in the change log,
    # which every signed-in user reads, and the ledger's details are for its stewards.
    draft = models.ForeignKey(
        ConversionDraft, verbose_name=_("draft"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = StewardedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__code", "-year"]
        verbose_name = _("conversion result")
        verbose_name_plural = _("conversion results")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="conversionresult_unique_org_year"),
            models.CheckConstraint(
                condition=Q(input_total=models.F("output_total") + models.F("unallocated_total")),
                name="conversionresult_totals_balance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.year}"


class PackageRow(models.Model):
    """A SOTE package row (tietopakettirivi): net cost of one combination, with lineage."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="package_rows"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    package_code = models.CharField(_("package"), max_length=40, blank=True)
    service_class_code = models.CharField(_("service class"), max_length=60, blank=True)
    client_group_code = models.CharField(_("client group"), max_length=60, blank=True)
    cost_type_code = models.CharField(_("cost type"), max_length=60, blank=True)
    production_mode_code = models.CharField(_("production mode"), max_length=60, blank=True)
    is_unallocated = models.BooleanField(_("unallocated"), default=False)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=16, decimal_places=2)
    source_rows = models.PositiveIntegerField(_("source rows"))
    job = models.ForeignKey(Job, verbose_name=_("job"), on_delete=models.PROTECT, related_name="+")
    upload = models.ForeignKey(Upload, verbose_name=_("upload"), on_delete=models.PROTECT, related_name="+")
    mapping_version = models.ForeignKey(
        MappingVersion, verbose_name=_("mapping version"), on_delete=models.PROTECT, related_name="+"
    )
    package_definition = models.ForeignKey(
        PackageDefinition, verbose_name=_("package definition"), on_delete=models.PROTECT, related_name="+"
    )

    objects = StewardedQuerySet.as_manager()

    class Meta:
        ordering = [
            "organisation__code",
            "year",
            "is_unallocated",
            "package_code",
            "service_class_code",
            "client_group_code",
            "cost_type_code",
            "production_mode_code",
            "pk",
        ]
        verbose_name = _("package row")
        verbose_name_plural = _("package rows")
        indexes = [models.Index(fields=["organisation", "year"], name="packagerow_org_year")]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation",
                    "year",
                    "package_code",
                    "service_class_code",
                    "client_group_code",
                    "cost_type_code",
                    "production_mode_code",
                    "is_unallocated",
                ],
                name="packagerow_unique_combination",
            ),
            models.CheckConstraint(
                condition=Q(is_unallocated=True) | ~Q(package_code=""), name="packagerow_allocated_has_package"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} {self.package_code or '-'} {self.amount}"


# Measures 3.1, 3.5 and 3.6 live in their own module (kept apart from the data packages).
from integration.models_measures import *  # noqa: E402, F403
