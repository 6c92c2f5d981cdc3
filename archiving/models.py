"""Archiving of retiring systems (measure 3.7).

The systems themselves are the core register (``portal.InformationSystem``); this app adds what
the archiving strategy needs about them: data contents, retention rules as data with sources,
retention simulations of a system's metadata extract, the versioned switch-off plan with its cost
model, access rules and professionals' access requests, destruction lists and the procurement pack.

Who sees what: stewards see and edit their own organisation's contents and simulations only;
programme staff, decision-makers, archivists and administrators read the whole region. A
professional sees only their own access requests.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from archiving import choices as c
from portal import roles
from portal.models.base import LocalizedNameMixin
from portal.querysets import InternalQuerySet, StewardedQuerySet


def reads_region(user) -> bool:
    """Roles that read every organisation's archiving data (not only their own)."""
    return (
        roles.is_administrator(user)
        or roles.is_programme_staff(user)
        or roles.is_decision_maker(user)
        or roles.has_role(user, roles.ARCHIVIST)
    )


def is_archivist(user) -> bool:
    return roles.has_role(user, roles.ARCHIVIST) or roles.is_administrator(user)


def is_staff_or_admin(user) -> bool:
    return roles.is_programme_staff(user) or roles.is_administrator(user)


class StaffEditedQuerySet(InternalQuerySet):
    """Signed-in users read; programme staff and administrators write (rules, plans, requirements)."""

    def editable_by(self, user):
        return self.all() if is_staff_or_admin(user) else self.none()

    def can_create(self, user) -> bool:
        return is_staff_or_admin(user)


class OrganisationScopedQuerySet(StewardedQuerySet):
    """Stewards read and edit their own organisation's rows only; region readers read all."""

    staff_edit = True

    def visible_to(self, user):
        if reads_region(user):
            return self.all()
        ids = roles.stewarded_organisation_ids(user)
        return self.filter(**{f"{self.organisation_field}__in": ids}) if ids else self.none()


class DataContentQuerySet(OrganisationScopedQuerySet):
    """Contents and simulations hang on a system; the system's owner is the organisation."""

    organisation_field = "system__owner"


class DestructionListQuerySet(OrganisationScopedQuerySet):
    organisation_field = "simulation__system__owner"

    def editable_by(self, user):
        # Archivists approve lists of every organisation.
        if is_archivist(user):
            return self.all()
        return super().editable_by(user)


class DestructionLineQuerySet(OrganisationScopedQuerySet):
    organisation_field = "destruction_list__simulation__system__owner"


# --- Retention rules ---------------------------------------------------------------------------


class RetentionRule(LocalizedNameMixin, models.Model):
    """A retention period of a document type or social-welfare service task, with its legal source.

    Rules are data, not constants: the per-document annex of 703/2023 was not retrieved and part of
    the Kansallisarkisto table was truncated, so rows without a verified source say so everywhere.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    domain = models.CharField(_("records"), max_length=20, choices=c.RuleDomain.choices)
    service_task = models.CharField(_("service task"), max_length=200, blank=True)
    permanent = models.BooleanField(_("kept permanently"), default=False)
    period_years = models.PositiveSmallIntegerField(_("period (years)"), null=True, blank=True)
    trigger = models.CharField(_("counted from"), max_length=20, choices=c.Trigger.choices, blank=True)
    fallback_years = models.PositiveSmallIntegerField(
        _("fallback period (years)"), null=True, blank=True, help_text=_("Used when the trigger date is not known.")
    )
    fallback_trigger = models.CharField(
        _("fallback counted from"), max_length=20, choices=c.Trigger.choices, blank=True
    )
    sampling_days = models.CharField(
        _("birthday sampling days"),
        max_length=40,
        blank=True,
        help_text=_("Days of the month (comma-separated) whose births are kept permanently, e.g. 18,28."),
    )
    legal_source = models.CharField(_("legal source"), max_length=300)
    source_url = models.CharField(_("source address"), max_length=600, blank=True)
    verified = models.BooleanField(_("source verified"), default=False)
    note = models.TextField(_("note"), blank=True)

    objects = StaffEditedQuerySet.as_manager()

    class Meta:
        ordering = ["domain", "code"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(permanent=True) | (Q(period_years__isnull=False) & ~Q(trigger="")),
                name="archiving_retentionrule_period_or_permanent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archiving:rule-detail", args=[self.pk])

    @property
    def sampling_day_list(self) -> list[int]:
        return [int(p) for p in self.sampling_days.replace(" ", "").split(",") if p]

    @property
    def sources(self) -> list[str]:
        return [p.strip() for p in self.source_url.split(";") if p.strip()]

    def clean(self) -> None:
        super().clean()
        errors = {}
        try:
            days = self.sampling_day_list
        except ValueError:
            days = []
            errors["sampling_days"] = _("Give the days as numbers separated by commas, e.g. 18,28.")
        if any(not 1 <= d <= 31 for d in days):
            errors["sampling_days"] = _("A day of the month is between 1 and 31.")
        if not self.permanent and (self.period_years is None or not self.trigger):
            errors["period_years"] = _(
                "Give the period in years and what it is counted from, or mark the rule permanent."
            )
        if bool(self.fallback_years) != bool(self.fallback_trigger):
            errors["fallback_years"] = _("Give both the fallback period and what it is counted from, or neither.")
        if errors:
            raise ValidationError(errors)


# --- Data contents -------------------------------------------------------------------------------


class DataContent(models.Model):
    """One body of data in a retiring system: what it is, how much, which rule keeps it, where it goes."""

    system = models.ForeignKey(
        "portal.InformationSystem", verbose_name=_("system"), on_delete=models.PROTECT, related_name="data_contents"
    )
    title = models.CharField(_("title"), max_length=200)
    domain = models.CharField(_("domain"), max_length=20, choices=c.Domain.choices)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    record_count = models.BigIntegerField(_("estimated records"), default=0)
    size_gb = models.DecimalField(_("estimated size (GB)"), max_digits=10, decimal_places=1, default=0)
    retention_rule = models.ForeignKey(
        RetentionRule,
        verbose_name=_("retention rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="data_contents",
    )
    publicity = models.CharField(_("publicity"), max_length=30, choices=c.Publicity.choices)
    personal_data = models.CharField(_("personal data"), max_length=20, choices=c.PersonalDataClass.choices)
    disposition = models.CharField(_("planned disposition"), max_length=30, choices=c.Disposition.choices)
    note = models.TextField(_("note"), blank=True)

    objects = DataContentQuerySet.as_manager()

    class Meta:
        ordering = ["system__name", "title"]
        verbose_name = _("data content")
        verbose_name_plural = _("data contents")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")), name="archiving_datacontent_years_in_order"
            ),
            models.CheckConstraint(condition=Q(record_count__gte=0), name="archiving_datacontent_count_not_negative"),
            models.CheckConstraint(
                condition=~Q(disposition__in=["kanta_patient", "kanta_social"])
                | Q(domain="patient", disposition="kanta_patient")
                | Q(domain="social", disposition="kanta_social"),
                name="archiving_datacontent_kanta_only_client_records",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system.name}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("archiving:content-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.disposition in c.KANTA_DISPOSITIONS:
            allowed = c.KANTA_DOMAINS.get(self.domain)
            if allowed is None:
                errors["disposition"] = _(
                    "%(domain)s cannot go to Kanta: Kanta takes only patient and social-welfare records "
                    "(administrative data, log files and images cannot go). Choose another disposition."
                ) % {"domain": self.get_domain_display()}
            elif allowed != self.disposition:
                errors["disposition"] = _(
                    "Patient records go to the Patient Data Repository and social-welfare records to the "
                    "Client Data Repository."
                )
        if self.first_year and self.last_year and self.first_year > self.last_year:
            errors["last_year"] = _("The last year cannot be before the first year.")
        if self.last_year and self.last_year > dt.date.today().year:
            errors["last_year"] = _("The years covered cannot be in the future.")
        if (
            self.retention_rule_id
            and self.domain in (c.Domain.PATIENT, c.Domain.SOCIAL)
            and self.retention_rule.domain != self.domain
        ):
            errors["retention_rule"] = _("The retention rule is for other records than this content.")
        if errors:
            raise ValidationError(errors)


# --- Retention simulation ------------------------------------------------------------------------


class RetentionSimulation(models.Model):
    """A retention simulation of a system's metadata-only extract (a Celery job computes the result)."""

    system = models.ForeignKey(
        "portal.InformationSystem", verbose_name=_("system"), on_delete=models.PROTECT, related_name="simulations"
    )
    upload = models.FileField(_("metadata extract"), upload_to="archiving/simulations/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    as_of = models.DateField(_("simulated on"))
    job = models.ForeignKey(
        "portal.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    record_count = models.BigIntegerField(_("records"), null=True, blank=True)
    permanent_count = models.BigIntegerField(_("kept permanently"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DataContentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("retention simulation")
        verbose_name_plural = _("retention simulations")

    def __str__(self) -> str:
        return f"{self.system.name} {self.as_of.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("archiving:simulation-detail", args=[self.pk])

    @property
    def done(self) -> bool:
        return bool(self.result.get("years"))

    def year_row(self, year: int) -> dict | None:
        return next((row for row in self.result.get("years", []) if row["year"] == year), None)


# --- Switch-off plan and costs -------------------------------------------------------------------


class ArchivingPlan(models.Model):
    """The switch-off plan, versioned: an archivist's approval freezes a version; changes make a new one."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=c.PlanStatus.choices, default=c.PlanStatus.DRAFT)
    start_date = models.DateField(_("plan starts"))
    archive_one_off_cents = models.BigIntegerField(_("archive one-off cost (cents)"), default=0)
    archive_annual_cents = models.BigIntegerField(_("archive annual cost (cents)"), default=0)
    scope = models.TextField(_("scope"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )

    objects = StaffEditedQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("archiving plan")
        verbose_name_plural = _("archiving plans")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="archiving_archivingplan_code_version_unique"),
            models.CheckConstraint(
                condition=Q(archive_one_off_cents__gte=0) & Q(archive_annual_cents__gte=0),
                name="archiving_archivingplan_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("archiving:plan-detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        """Approved or superseded: either way frozen."""
        return self.status != c.PlanStatus.DRAFT


class PlanItem(models.Model):
    """One system in a plan: how it is switched off, when, and what that costs."""

    plan = models.ForeignKey(ArchivingPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    system = models.ForeignKey(
        "portal.InformationSystem", verbose_name=_("system"), on_delete=models.PROTECT, related_name="plan_items"
    )
    method = models.CharField(_("method"), max_length=30, choices=c.Disposition.choices)
    target_date = models.DateField(_("switch-off date"))
    one_off_cents = models.BigIntegerField(_("one-off cost (cents)"), default=0)
    annual_cents = models.BigIntegerField(_("annual cost after switch-off (cents)"), default=0)

    objects = StaffEditedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "target_date", "system__name"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.UniqueConstraint(fields=["plan", "system"], name="archiving_planitem_system_once_per_plan"),
            models.CheckConstraint(
                condition=Q(one_off_cents__gte=0) & Q(annual_cents__gte=0),
                name="archiving_planitem_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.system.name}"

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url()


# --- Access to archived data ---------------------------------------------------------------------


class AccessRule(models.Model):
    """Who may read which archived data and on what conditions (care relationship, purpose)."""

    role = models.CharField(_("role"), max_length=30, choices=c.AccessRole.choices)
    domain = models.CharField(_("domain"), max_length=20, choices=c.Domain.choices)
    service_task = models.CharField(_("service task"), max_length=200, blank=True)
    care_relationship_required = models.BooleanField(_("care or client relationship required"), default=True)
    purpose_required = models.BooleanField(_("purpose required"), default=True)
    note = models.TextField(_("note"), blank=True)

    objects = StaffEditedQuerySet.as_manager()

    class Meta:
        ordering = ["role", "domain", "service_task"]
        verbose_name = _("access rule")
        verbose_name_plural = _("access rules")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "domain", "service_task"], name="archiving_accessrule_role_domain_task_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_domain_display()}"

    def get_absolute_url(self) -> str:
        return reverse("archiving:access-rule-edit", args=[self.pk])


class AccessRequestQuerySet(InternalQuerySet):
    """A professional sees their own requests; archivists, programme staff and administrators all.

    Decision-makers and stewards do not see requests: they name the person whose data is asked for.
    """

    def visible_to(self, user):
        if is_archivist(user) or roles.is_programme_staff(user):
            return self.all()
        if roles.is_signed_in(user):
            return self.filter(requester=user)
        return self.none()

    def editable_by(self, user):
        # Deciding is the archivist's; the requester may withdraw only while pending (delete).
        if is_archivist(user):
            return self.all()
        return self.none()

    def deletable_by(self, user):
        if roles.is_administrator(user):
            return self.all()
        if roles.is_signed_in(user):
            return self.filter(requester=user, status=c.RequestStatus.PENDING)
        return self.none()

    def can_create(self, user) -> bool:
        return roles.has_role(user, roles.PROFESSIONAL) or roles.is_administrator(user)


class AccessRequest(models.Model):
    """A professional's request to read archived data of a system about one person, for a purpose.

    ``subject_ref`` is the archive's client or patient number of the person (a pseudonymous key of the
    archive), never a personal identity code: the portal does not hold identity codes. Kept out of
    the change log (it would show every signed-in user whose data was asked for); the decision is on
    the row and every read is in the access log.
    """

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    system = models.ForeignKey(
        "portal.InformationSystem", verbose_name=_("system"), on_delete=models.PROTECT, related_name="access_requests"
    )
    domain = models.CharField(_("domain"), max_length=20, choices=c.Domain.choices)
    service_task = models.CharField(
        _("service task"),
        max_length=200,
        blank=True,
        help_text=_(
            "Social-welfare records: the service task whose records are asked for. An access rule of that"
            " task applies where there is one, otherwise the rule of the whole domain."
        ),
    )
    subject_ref = models.CharField(
        _("person's archive number"),
        max_length=40,
        help_text=_("The archive's client or patient number of the person. Not a personal identity code."),
    )
    purpose = models.TextField(_("purpose"))
    care_relationship = models.BooleanField(_("I have a care or client relationship with the person"), default=False)
    period_start = models.DateField(_("access from"))
    period_end = models.DateField(_("access until"))
    status = models.CharField(
        _("status"), max_length=20, choices=c.RequestStatus.choices, default=c.RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="archiving_accessrequest_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return _("Access request %(n)s") % {"n": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("archiving:request-detail", args=[self.pk])

    def is_open_on(self, day: dt.date) -> bool:
        return self.status == c.RequestStatus.APPROVED and self.period_start <= day <= self.period_end


# --- Destruction lists ---------------------------------------------------------------------------


class DestructionList(models.Model):
    """The records of a simulated system whose retention ends in a year; an archivist approves it.

    The portal never deletes the records: the list is the decision document for the system owner.
    """

    simulation = models.ForeignKey(
        RetentionSimulation, verbose_name=_("simulation"), on_delete=models.PROTECT, related_name="destruction_lists"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=c.ApprovalStatus.choices, default=c.ApprovalStatus.DRAFT
    )
    line_count = models.PositiveIntegerField(_("records"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects = DestructionListQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        constraints = [
            models.UniqueConstraint(fields=["simulation", "year"], name="archiving_destructionlist_one_per_year")
        ]

    def __str__(self) -> str:
        return _("Destruction list %(year)s: %(system)s") % {"year": self.year, "system": self.simulation.system.name}

    def get_absolute_url(self) -> str:
        return reverse("archiving:destruction-detail", args=[self.pk])


class DestructionListLine(models.Model):
    """One record on a destruction list with the rule and source that make it destroyable."""

    destruction_list = models.ForeignKey(
        DestructionList, verbose_name=_("destruction list"), on_delete=models.CASCADE, related_name="lines"
    )
    record_id = models.CharField(_("record id"), max_length=100)
    record_type = models.CharField(_("record type"), max_length=100)
    rule = models.ForeignKey(
        RetentionRule, verbose_name=_("retention rule"), on_delete=models.PROTECT, related_name="+"
    )
    destroyable_on = models.DateField(_("destroyable on"))

    objects = DestructionLineQuerySet.as_manager()

    class Meta:
        ordering = ["destruction_list", "destroyable_on", "record_id"]
        verbose_name = _("destruction list line")
        verbose_name_plural = _("destruction list lines")

    def __str__(self) -> str:
        return self.record_id


# --- Procurement ---------------------------------------------------------------------------------


# The sources the reference requirements cite (archiving/reference/requirements.csv), in the reader's
# language; a source typed by staff, or an address, is shown as written.
REQUIREMENT_SOURCE_LABELS = {
    "Law 703/2023": _("Act on the Processing of Client Data in Healthcare and Social Welfare (703/2023)"),
    "Law 703/2023 § 11": _(
        "Act on the Processing of Client Data in Healthcare and Social Welfare (703/2023), section 11"
    ),
    "Act on the provision of digital services 306/2019": _("Act on the Provision of Digital Services (306/2019)"),
    "Seed document measure 3.7": _("Programme plan, measure 3.7"),
}


class Requirement(models.Model):
    """A requirement of the archive system for the procurement (ARK-001, ...), editable data."""

    code = models.CharField(_("code"), max_length=20, unique=True, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=c.RequirementCategory.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=c.Priority.choices)
    text_fi = models.TextField(_("requirement (Finnish)"))
    text_sv = models.TextField(_("requirement (Swedish)"))
    text_en = models.TextField(_("requirement (English)"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = StaffEditedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^ARK-[0-9]{3}$"), name="archiving_requirement_code_form")
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("archiving:requirement-edit", args=[self.pk])

    def text_in(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text_fi

    @property
    def source_label(self) -> str:
        """The source in the reader's language where it is one the reference data cites."""
        return str(REQUIREMENT_SOURCE_LABELS.get(self.source, self.source))


class ProcurementPack(models.Model):
    """The procurement pack made by a job: functional specification PDFs (fi, sv) and requirement matrix."""

    plan = models.ForeignKey(
        ArchivingPlan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey(
        "portal.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    specification_fi = models.FileField(_("specification (Finnish)"), upload_to="archiving/procurement/", blank=True)
    specification_sv = models.FileField(_("specification (Swedish)"), upload_to="archiving/procurement/", blank=True)
    matrix = models.FileField(_("requirement matrix"), upload_to="archiving/procurement/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StaffEditedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("procurement pack")
        verbose_name_plural = _("procurement packs")

    def __str__(self) -> str:
        return _("Procurement pack %(n)s") % {"n": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("archiving:procurement")
