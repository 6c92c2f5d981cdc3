# Over 600 lines: registers, staffing, deviations and visits are linked by foreign keys and permission querysets; a models/ package split is pending (issue 9, point 8).
"""Supervision of service producers (palveluntuottajien valvonta), measure 3.4.

Producers, their service units and the organiser's contracts; daily staffing data with the legal
staffing-ratio thresholds (hoitajamitoitus) as editable, time-valid data; client deviation reports
(asiakkaiden poikkeamailmoitukset, confidential); supervision visits, findings and corrective actions.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.models import Job, Organisation
from portal.models.base import validity_q
from portal.querysets import PortalQuerySet
from supervision import permissions
from supervision.choices import (
    ActionStatus,
    DeviationStatus,
    PriceUnit,
    ReminderKind,
    ServiceType,
    Severity,
    VisitKind,
    VisitStatus,
)
from supervision.validators import validate_business_id

DEVIATION_TEXT_MAX = 5000
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone

_valid_dates = Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from"))


def _valid_on(qs, day: dt.date):
    return qs.filter(validity_q(day))


# --- querysets -------------------------------------------------------------------------------------


class RegisterQuerySet(PortalQuerySet):
    """Code lists and thresholds: public to read; administrators and assigned supervisors edit."""

    def editable_by(self, user):
        return self.all() if permissions.can_maintain_registers(user) else self.none()

    def can_create(self, user) -> bool:
        return permissions.can_maintain_registers(user)

    def valid_on(self, day: dt.date):
        return _valid_on(self, day)


class ProducerQuerySet(PortalQuerySet):
    def visible_to(self, user):
        if permissions.reads_all(user):
            return self.all()
        ids = permissions.producer_ids(user)
        return self.filter(pk__in=ids) if ids else self.none()

    def editable_by(self, user):
        return self.all() if permissions.can_maintain_registers(user) else self.none()

    def can_create(self, user) -> bool:
        return permissions.can_maintain_registers(user)


class _UnitScopedQuerySet(PortalQuerySet):
    """Rows that belong to a unit: ``unit_path`` leads to the ServiceUnit (``""`` = the row is one)."""

    unit_path = "unit__"

    def visible_to(self, user):
        if permissions.reads_all(user):
            return self.all()
        ids = permissions.producer_ids(user)
        return self.filter(**{f"{self.unit_path}producer_id__in": ids}) if ids else self.none()

    def editable_by(self, user):
        if roles.is_administrator(user):
            return self.all()
        ids = permissions.supervised_organiser_ids(user)
        return self.filter(**{f"{self.unit_path}organiser_id__in": ids}) if ids else self.none()

    def can_create(self, user) -> bool:
        return roles.is_administrator(user) or permissions.is_supervising(user)


class ServiceUnitQuerySet(_UnitScopedQuerySet):
    unit_path = ""

    def public_directory(self):
        """Units open for client deviation reports: names and municipalities are public (as in the
        national register of service providers), nothing else of the unit is shown publicly."""
        return self.filter(accepts_reports=True).select_related("municipality")


class ContractQuerySet(PortalQuerySet):
    """Contracts: readers see all, a producer's account its own; the organiser's supervisors edit.
    ``contract_path`` leads to the Contract from rows that belong to one (prices, documents)."""

    contract_path = ""

    def visible_to(self, user):
        if permissions.reads_all(user):
            return self.all()
        ids = permissions.producer_ids(user)
        return self.filter(**{f"{self.contract_path}producer_id__in": ids}) if ids else self.none()

    def editable_by(self, user):
        if roles.is_administrator(user):
            return self.all()
        ids = permissions.supervised_organiser_ids(user)
        return self.filter(**{f"{self.contract_path}organiser_id__in": ids}) if ids else self.none()

    def can_create(self, user) -> bool:
        return roles.is_administrator(user) or permissions.is_supervising(user)

    def valid_on(self, day: dt.date):
        return _valid_on(self, day)


class ContractPartQuerySet(ContractQuerySet):
    contract_path = "contract__"


class StaffingDayQuerySet(_UnitScopedQuerySet):
    """Producers report their own units' staffing; supervisors of the organiser correct it."""

    def editable_by(self, user):
        if roles.is_administrator(user):
            return self.all()
        organisers = permissions.supervised_organiser_ids(user)
        producers = permissions.producer_ids(user)
        if not organisers and not producers:
            return self.none()
        return self.filter(
            Q(**{f"{self.unit_path}organiser_id__in": organisers})
            | Q(**{f"{self.unit_path}producer_id__in": producers})
        )

    def can_create(self, user) -> bool:
        return roles.is_administrator(user) or permissions.is_supervising(user) or bool(permissions.producer_ids(user))


class StaffingHoursQuerySet(StaffingDayQuerySet):
    unit_path = "staffing_day__unit__"


class DeviationReportQuerySet(PortalQuerySet):
    """Confidential: only supervisors assigned to the unit's organiser (see permissions.py)."""

    def visible_to(self, user):
        ids = permissions.supervised_organiser_ids(user)
        return self.filter(unit__organiser_id__in=ids) if ids else self.none()

    def editable_by(self, user):
        return self.visible_to(user)

    def can_create(self, user) -> bool:
        return False  # created only through the public form (services.submit_deviation_report)


class VisitQuerySet(_UnitScopedQuerySet):
    pass


class FindingQuerySet(_UnitScopedQuerySet):
    unit_path = "visit__unit__"


class CorrectiveActionQuerySet(_UnitScopedQuerySet):
    unit_path = "finding__visit__unit__"


class AdminOnlyQuerySet(PortalQuerySet):
    """Grants: administrators read and edit them all; a user sees their own."""

    def visible_to(self, user):
        if roles.is_administrator(user):
            return self.all()
        return self.filter(user=user) if roles.is_signed_in(user) else self.none()


class StaffingImportQuerySet(PortalQuerySet):
    def visible_to(self, user):
        if roles.is_administrator(user):
            return self.all()
        if not roles.is_signed_in(user):
            return self.none()
        return self.filter(Q(uploaded_by=user) | Q(organiser_id__in=permissions.supervised_organiser_ids(user)))

    def editable_by(self, user):
        return self.none()

    def can_create(self, user) -> bool:
        return StaffingDay.objects.can_create(user)


# --- registers -------------------------------------------------------------------------------------


class Producer(models.Model):
    """A service producer (palveluntuottaja), identified by its business ID (Y-tunnus)."""

    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        unique=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus: seven digits, a hyphen and the check digit."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_producers",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service producer")
        verbose_name_plural = _("service producers")

    def __str__(self) -> str:
        return f"{self.name} ({self.business_id})"


class ServiceUnit(models.Model):
    """A service unit (toimintayksikkö) of a producer in a municipality, supervised by an organiser."""

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Stable key used in files and the API."))
    name = models.CharField(_("name"), max_length=200)
    producer = models.ForeignKey(Producer, verbose_name=_("producer"), on_delete=models.PROTECT, related_name="units")
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="supervised_units",
        help_text=_("The organiser (järjestäjä) that buys the service and supervises the unit."),
    )
    municipality = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="service_units"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    service_type = models.CharField(_("service type"), max_length=30, choices=ServiceType.choices)
    places = models.PositiveIntegerField(_("places"), default=0)
    accepts_reports = models.BooleanField(_("listed in the public deviation-report form"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ServiceUnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service unit")
        verbose_name_plural = _("service units")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Contract(models.Model):
    """A purchase contract (hankintasopimus) between the organiser and a producer."""

    number = models.CharField(_("contract number"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="supervision_contracts"
    )
    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.PROTECT, related_name="contracts"
    )
    units = models.ManyToManyField(ServiceUnit, verbose_name=_("units covered"), related_name="contracts", blank=True)
    services = models.TextField(_("services covered"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    option_description = models.TextField(_("options"), blank=True)
    option_decision_date = models.DateField(
        _("option decision date"), null=True, blank=True, help_text=_("The last day to exercise the option.")
    )
    staffing_minimum = models.DecimalField(
        _("contractual staffing minimum"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Direct-care staff per client agreed in the contract; may exceed the legal minimum."),
    )
    obligations = models.TextField(_("obligations"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [models.CheckConstraint(condition=_valid_dates, name="supervision_contract_valid_dates")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ContractPrice(models.Model):
    """A price of a service under a contract."""

    contract = models.ForeignKey(Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="prices")
    service = models.CharField(_("service"), max_length=200)
    price = models.DecimalField(_("price (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(_("price unit"), max_length=20, choices=PriceUnit.choices)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "service"]
        verbose_name = _("contract price")
        verbose_name_plural = _("contract prices")
        constraints = [models.UniqueConstraint(fields=["contract", "service", "unit"], name="supervision_price_unique")]

    def __str__(self) -> str:
        return f"{self.service}: {self.price} {self.get_unit_display()}"


class ContractDocument(models.Model):
    """A document of a contract (the signed contract, annexes)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="supervision/contracts/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "title"]
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")

    def __str__(self) -> str:
        return self.title


class SupervisorAssignment(models.Model):
    """Ties a supervisor to the organiser whose units they supervise (see permissions.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("supervisor"), on_delete=models.CASCADE, related_name="+"
    )
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.CASCADE, related_name="supervisor_assignments"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = AdminOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["organiser", "user"]
        verbose_name = _("supervisor assignment")
        verbose_name_plural = _("supervisor assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "organiser"], name="supervision_assignment_unique"),
            models.CheckConstraint(condition=_valid_dates, name="supervision_assignment_valid_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.user} -> {self.organiser.code}"


class ProducerAccount(models.Model):
    """A producer's user account: the user reads and reports only that producer's units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.CASCADE, related_name="accounts"
    )

    objects = AdminOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["producer", "user"]
        verbose_name = _("producer account")
        verbose_name_plural = _("producer accounts")
        constraints = [models.UniqueConstraint(fields=["user", "producer"], name="supervision_producer_account_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.producer.name}"


# --- staffing --------------------------------------------------------------------------------------


class StaffingThreshold(models.Model):
    """The legal minimum staffing ratio (henkilöstömitoitus) in 24-hour care for a validity period.

    Data, not constants: loaded from portal/reference/staffing_ratio_minimums.csv and editable.
    When periods overlap (a later act or proposal supersedes an earlier one), the row with the
    latest ``valid_from`` covering a day is the one in force that day.
    """

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    min_staff_per_client = models.DecimalField(
        _("minimum staff per client"), max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=200,
        help_text=_("As in the source: 'in force', or a proposal whose enactment is unverified."),
    )
    source = models.TextField(_("source"), blank=True)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("staffing threshold")
        verbose_name_plural = _("staffing thresholds")
        constraints = [
            models.UniqueConstraint(fields=["valid_from"], name="supervision_threshold_unique_start"),
            models.CheckConstraint(condition=_valid_dates, name="supervision_threshold_valid_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from}–{self.valid_to or ''}: {self.min_staff_per_client}"

    @property
    def is_verified(self) -> bool:
        """Only a row whose status is exactly 'in force' is verified law; anything else is a proposal."""
        return self.status.strip().lower() == "in force"


class PersonDayRule(models.Model):
    """How daily work hours become persons (henkilöä) in the ratio: hours / hours_per_person_day.

    Data with validity like the thresholds, so that a change in the rule is not a code change.
    The seeded row (7.66 h = 38 h 18 min a week / 5 days, municipal regular working time) is an
    assumption to verify against THL's current instructions; its status says so.
    """

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    hours_per_person_day = models.DecimalField(
        _("hours per person-day"), max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    basis = models.CharField(_("basis"), max_length=300)
    status = models.CharField(_("status"), max_length=200)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("person-day rule")
        verbose_name_plural = _("person-day rules")
        constraints = [
            models.CheckConstraint(condition=_valid_dates, name="supervision_personday_valid_dates"),
            models.CheckConstraint(condition=Q(hours_per_person_day__gt=0), name="supervision_personday_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from or '…'}–{self.valid_to or ''}: {self.hours_per_person_day} h"


class ProfessionalGroup(models.Model):
    """A professional group (ammattiryhmä) of the THL staffing collection.

    ``counts_in_ratio``: its direct client work counts in the ratio. ``qualifies_alone``: a day (shift)
    may consist of this group only; therapists, assistants, activity instructors and students may
    not form a shift alone, so a day whose counted hours come only from such groups is flagged.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    counts_in_ratio = models.BooleanField(_("counts in the staffing ratio"), default=True)
    qualifies_alone = models.BooleanField(_("may form a shift alone"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    note = models.TextField(_("note"), blank=True)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("professional group")
        verbose_name_plural = _("professional groups")

    def __str__(self) -> str:
        return self.name_fi

    @property
    def name(self) -> str:
        from portal.models.localized import localized

        return localized(self, "name")


class StaffingImport(models.Model):
    """An uploaded staffing file (CSV/XLSX), stored untouched, with its declared period and job."""

    file = models.FileField(_("file"), upload_to="supervision/staffing/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    job = models.ForeignKey(
        Job, verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StaffingImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("staffing import")
        verbose_name_plural = _("staffing imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="supervision_import_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.original_name} {self.period_start}–{self.period_end}"


class StaffingDay(models.Model):
    """One unit's day: the number of 24-hour-care clients; hours per group are in StaffingHours."""

    unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="staffing_days"
    )
    date = models.DateField(_("date"))
    clients = models.PositiveIntegerField(_("clients"))
    source_import = models.ForeignKey(
        StaffingImport, verbose_name=_("import"), null=True, blank=True, on_delete=models.SET_NULL, related_name="days"
    )

    objects = StaffingDayQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "date"]
        verbose_name = _("staffing day")
        verbose_name_plural = _("staffing days")
        constraints = [
            models.UniqueConstraint(fields=["unit", "date"], name="supervision_staffing_unit_day"),
            models.CheckConstraint(condition=Q(clients__gte=0), name="supervision_staffing_clients_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.date}"


class StaffingHours(models.Model):
    """Direct and indirect work hours of one professional group on a staffing day."""

    staffing_day = models.ForeignKey(
        StaffingDay, verbose_name=_("staffing day"), on_delete=models.CASCADE, related_name="hours"
    )
    group = models.ForeignKey(
        ProfessionalGroup, verbose_name=_("professional group"), on_delete=models.PROTECT, related_name="+"
    )
    direct_hours = models.DecimalField(_("direct work hours"), max_digits=7, decimal_places=2, default=Decimal("0"))
    indirect_hours = models.DecimalField(_("indirect work hours"), max_digits=7, decimal_places=2, default=Decimal("0"))
    persons = models.PositiveIntegerField(_("persons"), null=True, blank=True)

    objects = StaffingHoursQuerySet.as_manager()

    class Meta:
        ordering = ["staffing_day", "group"]
        verbose_name = _("staffing hours")
        verbose_name_plural = _("staffing hours")
        constraints = [
            models.UniqueConstraint(fields=["staffing_day", "group"], name="supervision_hours_unique_group"),
            models.CheckConstraint(
                condition=Q(direct_hours__gte=0) & Q(indirect_hours__gte=0), name="supervision_hours_nonneg"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staffing_day} {self.group.code}: {self.direct_hours}"


class BelowMinimumNotice(models.Model):
    """A unit-day below the legal or contractual minimum, notified once to the organiser's supervisors."""

    unit = models.ForeignKey(ServiceUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="notices")
    date = models.DateField(_("date"))
    ratio = models.DecimalField(_("realised ratio"), max_digits=6, decimal_places=3)
    minimum = models.DecimalField(_("minimum"), max_digits=4, decimal_places=2)
    notified_at = models.DateTimeField(_("notified"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "unit"]
        verbose_name = _("below-minimum notice")
        verbose_name_plural = _("below-minimum notices")
        constraints = [models.UniqueConstraint(fields=["unit", "date"], name="supervision_notice_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.date}: {self.ratio} < {self.minimum}"


class SentReminderQuerySet(PortalQuerySet):
    """Sent-reminder records: administrators read them all, a user the ones sent to them; nobody edits."""

    def visible_to(self, user):
        if roles.is_administrator(user):
            return self.all()
        return self.filter(recipient=user) if roles.is_signed_in(user) else self.none()

    def editable_by(self, user):
        return self.none()

    def can_create(self, user) -> bool:
        return False


class ContractReminderSent(models.Model):
    """A contract reminder (option decision or end date) e-mailed to one recipient: each contract, kind,
    date and recipient is e-mailed once, however often the scheduled task or the command runs."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="sent_reminders"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    date = models.DateField(_("date"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = SentReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "contract", "kind"]
        verbose_name = _("sent contract reminder")
        verbose_name_plural = _("sent contract reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "kind", "date", "recipient"], name="supervision_reminder_once_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.kind} {self.date}"


# --- client deviation reports ----------------------------------------------------------------------


def new_reference_code() -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(10))
    return f"PM-{body[:5]}-{body[5:]}"


class DeviationReport(models.Model):
    """A client deviation report (poikkeamailmoitus): confidential; every read is access-logged."""

    reference_code = models.CharField(_("reference code"), max_length=20, unique=True, default=new_reference_code)
    unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="deviation_reports"
    )
    occurred_on = models.DateField(_("date of the event"), null=True, blank=True)
    text = models.TextField(_("description"), validators=[MaxLengthValidator(DEVIATION_TEXT_MAX)])
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_contact = models.CharField(_("reporter's contact"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=DeviationStatus.choices, default=DeviationStatus.RECEIVED
    )
    findings = models.TextField(_("findings"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = DeviationReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("client deviation report")
        verbose_name_plural = _("client deviation reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=DeviationStatus.CLOSED) | ~Q(findings=""),
                name="supervision_deviation_closed_findings",
            )
        ]

    def __str__(self) -> str:
        return self.reference_code


# --- supervision visits ----------------------------------------------------------------------------


class SupervisionVisit(models.Model):
    """A planned or unannounced supervision visit (valvontakäynti) to a unit."""

    unit = models.ForeignKey(ServiceUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices)
    planned_on = models.DateField(_("planned date"))
    visited_on = models.DateField(_("visit date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.PLANNED)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = _("supervision visit")
        verbose_name_plural = _("supervision visits")

    def __str__(self) -> str:
        return f"{self.unit.code} {self.planned_on} ({self.kind})"


class Finding(models.Model):
    """A finding (havainto) of a visit."""

    visit = models.ForeignKey(
        SupervisionVisit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="findings"
    )
    description = models.TextField(_("description"))
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices, default=Severity.MINOR)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["visit", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.description[:60]


class CorrectiveAction(models.Model):
    """A required corrective action with a deadline, the producer's response and follow-up."""

    finding = models.ForeignKey(Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("required action"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    producer_response = models.TextField(_("producer's response"), blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    objects = CorrectiveActionQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")

    def __str__(self) -> str:
        return self.description[:60]

    def is_overdue(self, today: dt.date) -> bool:
        return self.status != ActionStatus.CLOSED and self.deadline < today
