"""Verbs of the archiving area. Each checks the actor's rights, validates, writes in one transaction
and enqueues jobs on commit; a refused call raises and stores nothing.

Errors: ``ValidationError`` (400, the message says what and where), ``PermissionDenied`` (403),
``ConflictError`` (409: an approved plan or list is frozen, a request already decided).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from archiving import choices as c
from archiving import extract as ex
from archiving.models import (
    AccessRequest,
    AccessRule,
    ArchivingPlan,
    DataContent,
    DestructionList,
    DestructionListLine,
    PlanItem,
    Requirement,
    RetentionRule,
    RetentionSimulation,
    is_archivist,
    is_staff_or_admin,
)
from archiving.retention import RuleSpec
from portal import audit, permissions, roles
from portal.errors import ConflictError
from portal.jobs import start_job
from portal.models import InformationSystem, Job
from portal.services import save_object
from portal.types import Actor, acting_user
from portal.uploads import SPREADSHEETS, check_upload

SIMULATION_KIND = "archiving.retention_simulation"
PROCUREMENT_KIND = "archiving.procurement_pack"
PRECHECK_ROWS = 2000


# --- Data contents ---------------------------------------------------------------------------------


def save_content(content: DataContent, *, actor: Actor) -> DataContent:
    """Create or change a data content; a steward only for their own organisation's systems."""
    if content.system_id and not DataContent.objects.can_create_for(actor, content.system.owner):
        raise PermissionDenied
    return save_object(content, actor=actor)


# --- Retention rules ---------------------------------------------------------------------------------


def rule_specs() -> tuple[list[RuleSpec], dict[str, int], list[RetentionRule]]:
    """All rules as engine specs, with the lookup of a record type (rule code or service task)."""
    rules = list(RetentionRule.objects.order_by("pk"))
    specs = [RuleSpec.from_rule(rule) for rule in rules]
    aliases: dict[str, int] = {}
    for i, rule in enumerate(rules):
        aliases[rule.code.lower()] = i
    for i, rule in enumerate(rules):
        # A service task shared by two rules (family law) is ambiguous: only the codes select them.
        task = rule.service_task.strip().lower()
        if task and sum(1 for r in rules if r.service_task.strip().lower() == task) == 1:
            aliases.setdefault(task, i)
    return specs, aliases, rules


# --- Retention simulation ----------------------------------------------------------------------------


def _may_simulate(actor: Actor, system: InformationSystem) -> bool:
    return RetentionSimulation.objects.can_create_for(actor, system.owner)


def start_simulation(
    *, system: InformationSystem, upload: Any, actor: Actor, as_of: dt.date | None = None
) -> RetentionSimulation:
    """Store a metadata extract and queue its simulation job.

    The first rows are checked here (columns, identity codes, rule names, dates) so that a wrong
    file is refused at once and nothing is stored; the job checks every row and, on a bad row,
    fails with the message and removes what was stored.
    """
    if not roles.is_signed_in(actor) or not _may_simulate(actor, system):
        raise PermissionDenied
    if upload is None:
        raise ValidationError({"upload": _("Choose the extract file (CSV or XLSX).")})
    check_extract_size(upload)
    check_upload(upload, allowed=SPREADSHEETS, max_bytes=max_extract_bytes())
    as_of = as_of or timezone.localdate()
    content = upload.read()
    name = getattr(upload, "name", "extract.csv")
    specs, aliases, _rules = rule_specs()
    try:
        head = _head(content, name)
        ex.parse_extract(head, name, rules=specs, aliases=aliases, as_of=as_of)
    except ex.ExtractError as exc:
        raise ValidationError({"upload": str(exc)}) from exc
    with transaction.atomic():
        simulation = RetentionSimulation(
            system=system, original_name=name[:255], as_of=as_of, created_by=acting_user(actor)
        )
        simulation.upload.save(name, ContentFile(content), save=False)
        simulation.save()
        from archiving.tasks import run_retention_simulation

        job = start_job(
            run_retention_simulation,
            kind=SIMULATION_KIND,
            actor=actor,
            organisation=system.owner,
            input_ref={"simulation": simulation.pk},
        )
        simulation.job = job
        simulation.save(update_fields=["job"])
    return simulation


def max_extract_bytes() -> int:
    """The size limit of a metadata extract (``ARCHIVING_MAX_EXTRACT_BYTES``, not the general upload limit)."""
    return int(settings.ARCHIVING_MAX_EXTRACT_BYTES)


def megabytes(size: int) -> str:
    """A size in (decimal) megabytes for people: "56,5" in Finnish, whole megabytes without decimals."""
    value = size / 1_000_000
    places = 0 if value == int(value) else 1 if value >= 0.1 else 3
    return number_format(round(value, places), decimal_pos=places)  # number_format cuts, it does not round


def check_extract_size(upload: Any) -> None:
    """Refuse an extract over the limit, saying both sizes in MB."""
    size, limit = getattr(upload, "size", None), max_extract_bytes()
    if size is not None and size > limit:
        raise ValidationError(
            {
                "upload": _(
                    "The extract %(name)s is %(size)s MB; an extract may be at most %(limit)s MB. "
                    "Split it into parts, for example by years, or ask the portal's administrator to raise "
                    "the limit for extracts."
                )
                % {"name": getattr(upload, "name", ""), "size": megabytes(size), "limit": megabytes(limit)}
            }
        )


def _head(content: bytes, name: str) -> bytes:
    """The header and the first rows of a CSV (an XLSX is checked whole: it is small by its limit)."""
    if name.lower().endswith(".xlsx"):
        return content
    end = 0
    for _i in range(PRECHECK_ROWS + 1):
        nxt = content.find(b"\n", end)
        if nxt < 0:
            return content
        end = nxt + 1
    return content[:end]


def destruction_lines(simulation: RetentionSimulation, year: int) -> list[tuple[str, str, int, dt.date]]:
    """(record id, record type, rule index, destroyable on) of the records whose retention ends in ``year``."""
    specs, aliases, rules = rule_specs()
    simulation.upload.open("rb")
    try:
        content = simulation.upload.read()
    finally:
        simulation.upload.close()
    extract = ex.parse_extract(content, simulation.original_name, rules=specs, aliases=aliases, as_of=simulation.as_of)
    result = ex.compute_extract(extract, specs, simulation.original_name)
    start, end = np.datetime64(f"{year}-01-01", "D"), np.datetime64(f"{year + 1}-01-01", "D")
    dated = ~np.isnat(result.destroy_on)
    hit = np.flatnonzero(dated & (result.destroy_on >= start) & (result.destroy_on < end))
    return [
        (
            extract.record_id_at(int(i)),
            extract.record_type_at(int(i)),
            rules[int(extract.rule_index[i])].pk,
            result.destroy_on[i].astype(dt.date),
        )
        for i in hit
    ]


# --- Destruction lists -------------------------------------------------------------------------------


def create_destruction_list(*, simulation: RetentionSimulation, year: int, actor: Actor) -> DestructionList:
    """List the records of a simulated system whose retention ends in ``year`` (nothing is deleted)."""
    if not permissions.can_edit(actor, simulation):
        raise PermissionDenied
    if not simulation.done or simulation.year_row(year) is None:
        raise ValidationError(
            {
                "year": _("The year %(year)s has not been simulated for this system. Run the simulation first.")
                % {"year": year}
            }
        )
    if DestructionList.objects.filter(simulation=simulation, year=year).exists():
        raise ConflictError(_("A destruction list for %(year)s already exists for this simulation.") % {"year": year})
    lines = destruction_lines(simulation, year)
    with transaction.atomic():
        destruction_list = DestructionList(
            simulation=simulation, year=year, created_by=acting_user(actor), line_count=len(lines)
        )
        destruction_list.full_clean()
        destruction_list.save()
        DestructionListLine.objects.bulk_create(
            [
                DestructionListLine(
                    destruction_list=destruction_list,
                    record_id=rid,
                    record_type=rtype,
                    rule_id=rule_id,
                    destroyable_on=day,
                )
                for rid, rtype, rule_id, day in lines
            ],
            batch_size=2000,
        )
    return destruction_list


def approve_destruction_list(destruction_list: DestructionList, *, actor: Actor) -> DestructionList:
    """An archivist approves the list; an approved list is frozen. The portal deletes nothing."""
    if not is_archivist(actor):
        raise PermissionDenied
    with transaction.atomic():
        current = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
        if current.status == c.ApprovalStatus.APPROVED:
            raise ConflictError(_("The destruction list has already been approved."), blocking=[current])
        current.status = c.ApprovalStatus.APPROVED
        current.approved_by = actor
        current.approved_at = timezone.now()
        current.save(update_fields=["status", "approved_by", "approved_at"])
    return current


# --- Plans -------------------------------------------------------------------------------------------


def _refuse_if_approved(plan: ArchivingPlan) -> None:
    if plan.pk and ArchivingPlan.objects.filter(pk=plan.pk).exclude(status=c.PlanStatus.DRAFT).exists():
        raise ConflictError(
            _("The plan version %(version)s has been approved and is frozen. Make a new version to change it.")
            % {"version": plan.version},
            blocking=[ArchivingPlan.objects.get(pk=plan.pk)],
        )


def save_plan(plan: ArchivingPlan, *, actor: Actor) -> ArchivingPlan:
    """Create or change a draft plan (programme staff). An approved plan answers 409."""
    permissions.require_editable(actor, plan)
    _refuse_if_approved(plan)
    if plan.pk is None:
        plan.status = c.PlanStatus.DRAFT
    return save_object(plan, actor=actor)


def save_plan_item(item: PlanItem, *, actor: Actor) -> PlanItem:
    permissions.require_editable(actor, item)
    _refuse_if_approved(item.plan)
    if item.method in c.KANTA_DISPOSITIONS:
        bad = DataContent.objects.filter(system=item.system).exclude(domain__in=list(c.KANTA_DOMAINS))
        if bad.exists():
            raise ValidationError(
                {
                    "method": _(
                        "%(system)s also holds data that cannot go to Kanta (%(contents)s): plan those separately."
                    )
                    % {"system": item.system.name, "contents": ", ".join(b.title for b in bad[:5])}
                }
            )
    return save_object(item, actor=actor)


def delete_plan_item(item: PlanItem, *, actor: Actor) -> None:
    from portal.services import delete_object

    _refuse_if_approved(item.plan)
    delete_object(item, actor=actor)


def approve_plan(plan: ArchivingPlan, *, actor: Actor) -> ArchivingPlan:
    """An archivist approves a plan version; it is frozen from then on."""
    if not is_archivist(actor):
        raise PermissionDenied
    with transaction.atomic():
        current = ArchivingPlan.objects.select_for_update().get(pk=plan.pk)
        if current.is_approved:
            raise ConflictError(_("The plan has already been approved."), blocking=[current])
        if not current.items.exists():
            raise ValidationError(_("A plan without systems cannot be approved."))
        current.status = c.PlanStatus.APPROVED
        current.approved_by = actor
        current.approved_at = timezone.now()
        current.save(update_fields=["status", "approved_by", "approved_at"])
        for older in ArchivingPlan.objects.filter(code=current.code, status=c.PlanStatus.APPROVED).exclude(
            pk=current.pk
        ):
            older.status = c.PlanStatus.SUPERSEDED
            older.save(update_fields=["status"])
    return current


def new_plan_version(plan: ArchivingPlan, *, actor: Actor) -> ArchivingPlan:
    """A new draft version with the same systems, for changes to an approved plan."""
    permissions.require_editable(actor, plan)
    if ArchivingPlan.objects.filter(previous=plan).exists():
        raise ConflictError(_("A newer version of this plan already exists."), blocking=[plan.next_version])
    with transaction.atomic():
        latest = ArchivingPlan.objects.filter(code=plan.code).order_by("-version").first()
        draft = copy.copy(plan)
        draft.pk = None
        draft.id = None
        draft._state.adding = True
        draft.version = (latest.version if latest else plan.version) + 1
        draft.status = c.PlanStatus.DRAFT
        draft.approved_by = None
        draft.approved_at = None
        draft.previous = plan
        save_object(draft, actor=actor)
        for item in plan.items.all():
            save_object(
                PlanItem(
                    plan=draft,
                    system=item.system,
                    method=item.method,
                    target_date=item.target_date,
                    one_off_cents=item.one_off_cents,
                    annual_cents=item.annual_cents,
                ),
                actor=actor,
            )
    return draft


# --- Access to archived data ------------------------------------------------------------------------


def _looks_like_identity_code(value: str) -> bool:
    import pandas as pd

    return bool(ex.valid_hetu_mask(pd.Series([value])).any())


def access_rule_for(access_request: AccessRequest) -> AccessRule | None:
    """The professionals' access rule of the request: the rule of its service task where there is
    one (child welfare may ask more than the rest of social welfare), else the domain's general rule."""
    rules = AccessRule.objects.filter(role=c.AccessRole.PROFESSIONAL, domain=access_request.domain)
    if access_request.service_task:
        specific = rules.filter(service_task=access_request.service_task).first()
        if specific is not None:
            return specific
    return rules.filter(service_task="").first()


def request_access(access_request: AccessRequest, *, actor: Actor) -> AccessRequest:
    """A professional asks to read archived data; the access rules decide what must be given."""
    requester = acting_user(actor)
    if requester is None or not AccessRequest.objects.can_create(actor):
        raise PermissionDenied
    access_request.requester = requester
    access_request.status = c.RequestStatus.PENDING
    errors: dict[str, str] = {}
    rule = access_rule_for(access_request)
    if rule is None:
        errors["domain"] = _("No access rule lets professionals read this kind of archived data.")
    else:
        if rule.care_relationship_required and not access_request.care_relationship:
            errors["care_relationship"] = _("Access to these records requires a care or client relationship.")
        if rule.purpose_required and len((access_request.purpose or "").strip()) < 10:
            errors["purpose"] = _("Describe the purpose of the access (at least 10 characters).")
    if access_request.subject_ref and _looks_like_identity_code(access_request.subject_ref):
        errors["subject_ref"] = _("Give the archive's number of the person, not a personal identity code.")
    if access_request.period_start and access_request.period_end:
        if access_request.period_end < access_request.period_start:
            errors["period_end"] = _("The end of the access period cannot be before its start.")
        elif (access_request.period_end - access_request.period_start).days > 366:
            errors["period_end"] = _("Access can be requested for at most a year at a time.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        access_request.full_clean()
        access_request.save()
    return access_request


def decide_access_request(
    access_request: AccessRequest, *, approve: bool, note: str = "", actor: Actor
) -> AccessRequest:
    """The archivist approves or rejects a pending request (a rejection needs a reason)."""
    if not is_archivist(actor):
        raise PermissionDenied
    if not approve and not note.strip():
        raise ValidationError({"decision_note": _("Give the reason for the rejection.")})
    with transaction.atomic():
        current = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
        if current.status != c.RequestStatus.PENDING:
            raise ConflictError(_("The request has already been decided."), blocking=[current])
        current.status = c.RequestStatus.APPROVED if approve else c.RequestStatus.REJECTED
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.decision_note = note.strip()
        current.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return current


def read_archived_data(
    access_request: AccessRequest, *, actor: Actor, day: dt.date | None = None, download: str = ""
) -> AccessRequest:
    """The requester opens the archived data their approved request covers; the read is logged.

    ``download`` names the format ("CSV", "XLSX") when the data leaves as a file: a download is a
    read of its own and writes its own access-log row, which says so.
    """
    if access_request.requester_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if not access_request.is_open_on(day or timezone.localdate()):
        raise ConflictError(_("The request is not approved or its access period is not on."))
    purpose = access_request.purpose[:150]
    if download:
        text = _("Archived data downloaded (%(format)s): %(purpose)s") % {"format": download, "purpose": purpose}
    else:
        text = _("Archived data read: %(purpose)s") % {"purpose": purpose}
    audit.log_access(access_request, user=actor, purpose=text)
    return access_request


# --- Requirements and the procurement pack ----------------------------------------------------------


def next_requirement_code() -> str:
    codes = Requirement.objects.values_list("code", flat=True)
    numbers = [int(code[4:]) for code in codes if code[4:].isdigit()]
    return f"ARK-{(max(numbers) + 1 if numbers else 1):03d}"


def save_requirement(requirement: Requirement, *, actor: Actor) -> Requirement:
    if not requirement.code:
        requirement.code = next_requirement_code()
    return save_object(requirement, actor=actor)


def start_procurement_pack(*, plan: ArchivingPlan | None, actor: Actor) -> Job:
    """Queue the job that writes the functional specification (fi, sv) and the requirement matrix."""
    if not is_staff_or_admin(actor):
        raise PermissionDenied
    from archiving.tasks import build_procurement_pack

    return start_job(
        build_procurement_pack,
        kind=PROCUREMENT_KIND,
        actor=actor,
        input_ref={"plan": plan.pk if plan else None},
    )
