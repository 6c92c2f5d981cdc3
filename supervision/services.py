"""Verbs of the supervision app. Each runs in a transaction and takes a keyword-only actor."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import roles
from portal.jobs import start_job
from portal.models import Job
from portal.models.base import validity_q
from portal.notifications.services import notify
from portal.permissions import require_editable
from portal.types import Actor, acting_user
from supervision import selectors
from supervision.choices import ActionStatus, DeviationStatus, ReminderKind
from supervision.job_kinds import STAFFING_IMPORT
from supervision.models import (
    BelowMinimumNotice,
    Contract,
    ContractReminderSent,
    CorrectiveAction,
    DeviationReport,
    Finding,
    Producer,
    ProfessionalGroup,
    ServiceUnit,
    StaffingDay,
    StaffingHours,
    StaffingImport,
    SupervisionVisit,
    SupervisorAssignment,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.forms import ModelForm

M = TypeVar("M", bound=Model)

# --- staffing ---------------------------------------------------------------------------------------


def write_days(
    days: list[tuple[ServiceUnit, dt.date, int, dict[str, tuple[Decimal, Decimal, int | None]]]],
    *,
    source_import: StaffingImport | None = None,
) -> int:
    """Replace the given unit-days (and their hours) in one transaction; returns days written."""
    groups = {g.code: g for g in ProfessionalGroup.objects.all()}
    with transaction.atomic():
        for unit, day, _clients, _hours in days:
            StaffingDay.objects.filter(unit=unit, date=day).delete()
        created = StaffingDay.objects.bulk_create(
            [
                StaffingDay(unit=unit, date=day, clients=clients, source_import=source_import)
                for unit, day, clients, _ in days
            ]
        )
        StaffingHours.objects.bulk_create(
            [
                StaffingHours(
                    staffing_day=staffing_day,
                    group=groups[code],
                    direct_hours=direct,
                    indirect_hours=indirect,
                    persons=persons,
                )
                for staffing_day, (_unit, _day, _clients, hours) in zip(created, days, strict=True)
                for code, (direct, indirect, persons) in hours.items()
            ]
        )
    return len(created)


def save_staffing_day(
    unit: ServiceUnit,
    *,
    date: dt.date,
    clients: int,
    hours: dict[str, tuple[Decimal, Decimal, int | None]],
    actor: Actor,
) -> StaffingDay:
    """Form entry of one day (small units). The actor must be allowed to edit the unit's staffing."""
    if not StaffingDay.objects.can_create(actor) or not _may_report(actor, unit):
        raise PermissionDenied
    write_days([(unit, date, clients, hours)])
    transaction.on_commit(lambda: notify_below_minimum([unit.pk], date, date))
    return StaffingDay.objects.get(unit=unit, date=date)


def _may_report(user: Actor, unit: ServiceUnit) -> bool:
    return reportable_units(user).filter(pk=unit.pk).exists()


def reportable_units(user: Actor) -> QuerySet[ServiceUnit]:
    """Units whose staffing the user may report: administrators all, supervisors their organisers'
    units, producer accounts their own units."""
    from supervision import permissions

    if roles.is_administrator(user):
        return ServiceUnit.objects.all()
    organisers = permissions.supervised_organiser_ids(user)
    producers = permissions.producer_ids(user)
    if not organisers and not producers:
        return ServiceUnit.objects.none()
    return ServiceUnit.objects.filter(Q(organiser_id__in=organisers) | Q(producer_id__in=producers))


def request_staffing_import(
    *, actor: Actor, uploaded_file: UploadedFile, period_start: dt.date, period_end: dt.date
) -> Job:
    """Store the file untouched and queue the import job."""
    from supervision.tasks import import_staffing

    if not StaffingImport.objects.can_create(actor):
        raise PermissionDenied
    content = uploaded_file.read()
    organisers = list(reportable_units(actor).values_list("organiser_id", flat=True).distinct()[:2])
    with transaction.atomic():
        record = StaffingImport(
            original_name=(uploaded_file.name or "")[:255],
            checksum=hashlib.sha256(content).hexdigest(),
            period_start=period_start,
            period_end=period_end,
            organiser_id=organisers[0] if len(organisers) == 1 else None,
            uploaded_by=acting_user(actor),
        )
        record.file.save(uploaded_file.name, ContentFile(content), save=False)
        record.save()
        job = start_job(
            import_staffing,
            kind=STAFFING_IMPORT,
            actor=actor,
            organisation=record.organiser,
            input_ref={"staffing_import": record.pk},
        )
        record.job = job
        record.save(update_fields=["job"])
    return job


def request_unit_report(unit: ServiceUnit, *, actor: Actor, start: dt.date, end: dt.date, language: str) -> Job:
    """Queue the unit's supervision report as PDF (fi or sv)."""
    from supervision.tasks import UNIT_REPORT, unit_report_pdf

    if not ServiceUnit.objects.visible_to(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied
    with translation.override(language):
        return start_job(
            unit_report_pdf,
            kind=UNIT_REPORT,
            actor=actor,
            organisation=unit.organiser,
            input_ref={"unit": unit.pk, "start": start.isoformat(), "end": end.isoformat(), "language": language},
        )


def request_producer_report(producer: Producer, *, actor: Actor, start: dt.date, end: dt.date, language: str) -> Job:
    """Queue a producer's supervision report (all its units the actor may read) as PDF (fi or sv)."""
    from supervision.tasks import PRODUCER_REPORT, unit_report_pdf

    if not Producer.objects.visible_to(actor).filter(pk=producer.pk).exists():
        raise PermissionDenied
    with translation.override(language):
        return start_job(
            unit_report_pdf,
            kind=PRODUCER_REPORT,
            actor=actor,
            input_ref={
                "producer": producer.pk,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "language": language,
            },
        )


# --- notifications ----------------------------------------------------------------------------------


def supervisors_of(organiser_id: int) -> QuerySet[User]:
    today = timezone.localdate()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=roles.SUPERVISOR,
            pk__in=SupervisorAssignment.objects.filter(organiser_id=organiser_id)
            .filter(validity_q(today))
            .values("user_id"),
        )
        .exclude(email="")
        .distinct()
    )


def notify_below_minimum(unit_ids: Iterable[int], start: dt.date, end: dt.date) -> list[BelowMinimumNotice]:
    """Notify the organiser's supervisors (portal.notifications: inbox + e-mail per their preference)
    about unit-days below the legal or contractual minimum.

    Each unit-day is notified once (BelowMinimumNotice is unique per unit and day), so re-importing
    the same data does not send the message again.
    """
    units = {u.pk: u for u in ServiceUnit.objects.filter(pk__in=list(unit_ids)).select_related("organiser")}
    ratios = selectors.compute_ratios(list(units), start, end)
    created: list[BelowMinimumNotice] = []
    for unit_id, period in ratios.items():
        unit = units[unit_id]
        new_days = []
        for breach in period.breaches:
            notice, was_created = BelowMinimumNotice.objects.get_or_create(
                unit=unit,
                date=breach.date,
                defaults={
                    "ratio": breach.ratio,
                    "minimum": breach.minimum,
                    "minimum_kind": breach.kind,
                    "minimum_verified": breach.verified,
                },
            )
            if was_created:
                new_days.append(notice)
        if not new_days:
            continue
        recipients = list(supervisors_of(unit.organiser_id))
        if recipients:
            with translation.override(settings.LANGUAGE_CODE):
                lines = [
                    _("%(date)s: realised ratio %(ratio)s, minimum %(minimum)s")
                    % {"date": n.date.isoformat(), "ratio": n.ratio, "minimum": n.minimum}
                    + (
                        " " + _("(unverified proposal, enabled by an administrator)")
                        if n.minimum_verified is False
                        else ""
                    )
                    for n in new_days
                ]
                link = reverse("supervision:unit-detail", kwargs={"code": unit.code})
            notify(
                recipients, kind="below_minimum_staffing", subject_params={"unit": unit.name}, lines=lines, link=link
            )
            BelowMinimumNotice.objects.filter(pk__in=[n.pk for n in new_days]).update(recipients=len(recipients))
        created.extend(new_days)
    return created


def send_contract_reminders(*, today: dt.date, within_days: int = 90) -> int:
    """Notify each organiser's supervisors of the contracts ending or with option dates ahead.

    One notification per recipient, listing only the reminders not yet sent to them: each (contract,
    kind, date, recipient) is recorded as a ContractReminderSent row (unique) in the same transaction
    as the notification. Rerunning (the daily task, a redelivered task, the command) therefore sends
    nothing twice; a concurrent run waits on the row and then skips it. The e-mail is sent after
    commit by the notification frame's Celery task, which retries a failed send.
    A changed end or option date is a new reminder. Returns the number of notifications made.
    """
    reminders = selectors.contract_reminders(Contract.objects.all(), today, within_days=within_days)
    by_organiser: dict[int, list[dict]] = {}
    for reminder in reminders:
        by_organiser.setdefault(reminder["contract"].organiser_id, []).append(reminder)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for organiser_id, items in by_organiser.items():
            for recipient in supervisors_of(organiser_id).order_by("pk"):
                with transaction.atomic():
                    new = [r for r in items if _record_reminder(r, recipient)]
                    if not new:
                        continue
                    lines = [
                        (
                            _("%(date)s option decision: %(contract)s")
                            if r["kind"] == ReminderKind.OPTION
                            else _("%(date)s ends: %(contract)s")
                        )
                        % {"date": r["date"].isoformat(), "contract": r["contract"]}
                        for r in new
                    ]
                    notify(
                        [recipient],
                        kind="contract_reminder",
                        lines=lines,
                        link=reverse("supervision:contract-list"),
                    )
                sent += 1
    return sent


def _record_reminder(reminder: dict, recipient: User) -> bool:
    """Record that ``reminder`` goes to ``recipient``; False if it already went (or is going) there."""
    _row, created = ContractReminderSent.objects.get_or_create(
        contract=reminder["contract"], kind=reminder["kind"], date=reminder["date"], recipient=recipient
    )
    return created


# --- deviation reports ------------------------------------------------------------------------------


def submit_deviation_report(
    *, unit: ServiceUnit, text: str, occurred_on: dt.date | None, reporter_name: str = "", reporter_contact: str = ""
) -> DeviationReport:
    """The public form's verb: no actor (anonymous allowed). The text is stored as given (plain text)."""
    report = DeviationReport(
        unit=unit,
        text=text,
        occurred_on=occurred_on,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
    )
    report.full_clean(exclude=["reference_code"])
    with transaction.atomic():
        for _attempt in range(5):
            if not DeviationReport.objects.filter(reference_code=report.reference_code).exists():
                break
            report.reference_code = DeviationReport._meta.get_field("reference_code").default()
        report.save()
    return report


_TRIAGE_ORDER = [DeviationStatus.RECEIVED, DeviationStatus.UNDER_INVESTIGATION, DeviationStatus.CLOSED]


def triage_deviation_report(report: DeviationReport, *, status: str, findings: str, actor: Actor) -> DeviationReport:
    require_editable(actor, report)
    if status not in DeviationStatus.values:
        raise ValidationError(_("Unknown status."))
    if status == DeviationStatus.CLOSED and not findings.strip():
        raise ValidationError(_("A report is closed with findings: write the findings."))
    with transaction.atomic():
        report = DeviationReport.objects.select_for_update().get(pk=report.pk)
        if status != report.status:
            report.status_changed_at = timezone.now()
        report.status = status
        report.findings = findings
        report.handled_by = acting_user(actor)
        report.save()
    return report


# --- corrective actions -----------------------------------------------------------------------------


def respond_to_action(action: CorrectiveAction, *, response: str, actor: Actor) -> CorrectiveAction:
    """The producer's response to a required corrective action (their own units only)."""
    from supervision import permissions

    if action.finding.visit.unit.producer_id not in permissions.producer_ids(actor):
        raise PermissionDenied
    if action.status == ActionStatus.CLOSED:
        raise ValidationError(_("The action is already closed."))
    if not response.strip():
        raise ValidationError(_("Write the response."))
    with transaction.atomic():
        action.producer_response = response
        action.responded_at = timezone.now()
        action.status = ActionStatus.RESPONDED
        action.save()
    return action


def close_action(action: CorrectiveAction, *, follow_up: str, actor: Actor) -> CorrectiveAction:
    require_editable(actor, action)
    with transaction.atomic():
        action.follow_up = follow_up
        action.status = ActionStatus.CLOSED
        action.closed_at = timezone.now()
        action.save()
    return action


# --- visits -----------------------------------------------------------------------------------------


def save_visit(visit: SupervisionVisit, *, actor: Actor) -> SupervisionVisit:
    """Plan or update a visit; only the unit's organiser's supervisors (or administrators)."""
    require_editable(actor, visit.unit)
    if visit.pk:
        require_editable(actor, visit)
    with transaction.atomic():
        if visit.supervisor_id is None:
            visit.supervisor = acting_user(actor)
        visit.save()
    return visit


def add_finding(visit: SupervisionVisit, *, description: str, severity: str, actor: Actor) -> Finding:
    require_editable(actor, visit)
    with transaction.atomic():
        return Finding.objects.create(visit=visit, description=description, severity=severity)


def require_action(finding: Finding, *, description: str, deadline: dt.date, actor: Actor) -> CorrectiveAction:
    require_editable(actor, finding)
    with transaction.atomic():
        return CorrectiveAction.objects.create(finding=finding, description=description, deadline=deadline)


# --- registers (producers, units, contracts, thresholds) -------------------------------------------


def save_register(instance: M, *, actor: Actor, form: ModelForm | None = None) -> M:
    """Create or update a register row the actor may edit; a ModelForm's many-to-many data is saved too.

    Units and contracts are tied to an organiser: a supervisor saves only those of the organisers
    they supervise (administrators any)."""
    from supervision import permissions

    require_editable(actor, instance)
    organiser_id = getattr(instance, "organiser_id", None)
    if (
        organiser_id is not None
        and not roles.is_administrator(actor)
        and organiser_id not in permissions.supervised_organiser_ids(actor)
    ):
        raise PermissionDenied
    with transaction.atomic():
        instance.save()
        if form is not None:
            form.save_m2m()
    return instance
