"""Verbs of the integration app: uploads, conversions, mappings, settings.

Every verb takes a keyword-only ``actor``; ``actor=None`` means the system (management commands
run by an operator on the server), which may act for any organisation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _

from integration.models import (
    AccountMapping,
    CodeList,
    CodeListKind,
    CostCentreMapping,
    MappingVersion,
    OrganisationSettings,
    Upload,
)
from integration.parsing import LedgerError, read_table
from portal import roles
from portal.codes import code_problem
from portal.jobs import Message, start_job
from portal.models import Job, Organisation
from portal.permissions import can_edit
from portal.types import Actor, acting_user
from portal.uploads import max_upload_bytes

CONVERSION_JOB_KIND = "integration.convert_ledger"


def _require_steward(actor: Actor, organisation: Organisation) -> None:
    if actor is not None and not roles.is_steward_of(actor, organisation):
        raise PermissionDenied(_("You are not a data steward of %(org)s.") % {"org": organisation.code})


def settings_for(organisation: Organisation) -> OrganisationSettings:
    obj, _created = OrganisationSettings.objects.get_or_create(organisation=organisation)
    return obj


def update_settings(organisation: Organisation, *, actor: Actor, **values: object) -> OrganisationSettings:
    _require_steward(actor, organisation)
    with transaction.atomic():
        obj = settings_for(organisation)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
    return obj


# --- uploads --------------------------------------------------------------------------------------


def _digest(file: File) -> tuple[str, int]:
    sha = hashlib.sha256()
    size = 0
    file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1024 * 1024), b""):
        sha.update(chunk)
        size += len(chunk)
    file.seek(0)
    return sha.hexdigest(), size


def check_size(size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes. Nothing was stored.")
            % {"size": size, "limit": limit},
            code="too_large",
        )


@dataclass
class UploadOutcome:
    upload: Upload
    job: Job
    duplicate_of: Upload | None = None
    notes: list[str] = field(default_factory=list)


def upload_ledger(
    *,
    organisation: Organisation,
    year: int,
    file: File,
    filename: str,
    actor: Actor,
    sheet: str = "",
    mapping_version: MappingVersion | None = None,
) -> UploadOutcome:
    """Store the file untouched (SHA-256, size, uploader) and queue its conversion.

    The same file uploaded again for the organisation is recognised: the new upload row records
    who sent it when, points to the first upload and reuses its stored file.
    """
    _require_steward(actor, organisation)
    if not 1990 <= int(year) <= 2100:
        raise ValidationError(_("The year must be between 1990 and 2100."), code="year")
    if mapping_version is not None and mapping_version.organisation_id != organisation.pk:
        raise ValidationError(_("The mapping version belongs to another organisation."), code="mapping")
    size_hint = getattr(file, "size", None)
    if size_hint is not None:
        check_size(size_hint)
    sha256, size = _digest(file)
    check_size(size)
    if size == 0:
        raise ValidationError(_("The file is empty. Nothing was stored."), code="empty")
    with transaction.atomic():
        previous = (
            Upload.objects.filter(organisation=organisation, sha256=sha256, duplicate_of__isnull=True)
            .order_by("pk")
            .first()
        )
        upload = Upload(
            organisation=organisation,
            year=year,
            original_name=filename[:255],
            sha256=sha256,
            size=size,
            sheet=sheet,
            uploaded_by=acting_user(actor),
            duplicate_of=previous,
        )
        if previous is not None:
            upload.file.name = previous.file.name
            upload.save()
        else:
            file.seek(0)
            upload.file.save(filename.rsplit("/", 1)[-1][:100], File(file), save=False)
            upload.save()
        job = start_conversion(upload, actor=actor, mapping_version=mapping_version)
    notes = []
    if previous is not None:
        notes.append(
            _("The same file was already uploaded on %(date)s (upload %(id)s); it is converted again.")
            % {"date": previous.uploaded_at.date().isoformat(), "id": previous.pk}
        )
    return UploadOutcome(upload=upload, job=job, duplicate_of=previous, notes=notes)


def upload_ledger_bytes(
    *,
    data: bytes,
    filename: str,
    organisation: Organisation,
    year: int,
    actor: Actor,
    sheet: str = "",
    mapping_version: MappingVersion | None = None,
) -> UploadOutcome:
    check_size(len(data))
    return upload_ledger(
        file=ContentFile(data, name=filename),
        filename=filename,
        organisation=organisation,
        year=year,
        actor=actor,
        sheet=sheet,
        mapping_version=mapping_version,
    )


def start_conversion(upload: Upload, *, actor: Actor, mapping_version: MappingVersion | None = None) -> Job:
    """Queue a conversion of an upload (also a re-conversion with another mapping version)."""
    from integration.tasks import convert_ledger

    _require_steward(actor, upload.organisation)
    with transaction.atomic():
        job = start_job(
            convert_ledger,
            kind=CONVERSION_JOB_KIND,
            actor=actor,
            organisation=upload.organisation,
            input_ref={
                "upload_id": upload.pk,
                "organisation": upload.organisation.code,
                "year": upload.year,
                "file": upload.original_name,
                "sha256": upload.sha256,
                "mapping_version_id": mapping_version.pk if mapping_version else None,
            },
        )
        Upload.objects.filter(pk=upload.pk).update(job=job)
        upload.job = job
    return job


# --- mappings -------------------------------------------------------------------------------------


def create_mapping_version(
    organisation: Organisation, *, actor: Actor, based_on: MappingVersion | None = None, note: str = ""
) -> MappingVersion:
    """A new version, with the rules of ``based_on`` (default: the latest version) copied."""
    _require_steward(actor, organisation)
    with transaction.atomic():
        latest = (
            MappingVersion.objects.select_for_update().filter(organisation=organisation).order_by("-number").first()
        )
        source = based_on if based_on is not None else latest
        version = MappingVersion.objects.create(
            organisation=organisation,
            number=(latest.number + 1) if latest else 1,
            based_on=source,
            note=note,
            created_by=acting_user(actor),
        )
        if source is not None:
            CostCentreMapping.objects.bulk_create(
                CostCentreMapping(
                    version=version,
                    cost_centre=m.cost_centre,
                    service_class_code=m.service_class_code,
                    client_group_code=m.client_group_code,
                    production_mode_code=m.production_mode_code,
                )
                for m in CostCentreMapping.objects.filter(version=source)
            )
            AccountMapping.objects.bulk_create(
                AccountMapping(
                    version=version,
                    account_from=m.account_from,
                    account_to=m.account_to,
                    cost_type_code=m.cost_type_code,
                )
                for m in AccountMapping.objects.filter(version=source)
            )
    return version


def editable_version(organisation: Organisation, *, actor: Actor) -> MappingVersion:
    """The latest version if it is not frozen, else a new version copied from it."""
    _require_steward(actor, organisation)
    latest = MappingVersion.objects.filter(organisation=organisation).order_by("-number").first()
    if latest is not None and not latest.is_frozen:
        return latest
    return create_mapping_version(organisation, actor=actor, based_on=latest)


def _check_code(kind: str, code: str, label: str, errors: list[str], row: str = "") -> None:
    from integration.selectors import active_codes

    if code not in active_codes(kind):
        prefix = _("Row %(row)s: ") % {"row": row} if row else ""
        errors.append(prefix + _("unknown %(what)s code %(code)s.") % {"what": label, "code": code or '""'})


def validate_cost_centre_rule(values: dict, row: str = "") -> list[str]:
    errors: list[str] = []
    if not values.get("cost_centre"):
        errors.append((_("Row %(row)s: ") % {"row": row} if row else "") + _("the cost centre is empty."))
    elif problem := code_problem(values["cost_centre"], what=_("the cost centre")):
        errors.append((_("Row %(row)s: ") % {"row": row} if row else "") + problem + ".")
    _check_code(CodeListKind.SERVICE_CLASS, values.get("service_class_code", ""), _("service class"), errors, row)
    _check_code(CodeListKind.CLIENT_GROUP, values.get("client_group_code", ""), _("client group"), errors, row)
    _check_code(CodeListKind.PRODUCTION_MODE, values.get("production_mode_code", ""), _("production mode"), errors, row)
    return errors


def validate_account_rule(values: dict, row: str = "") -> list[str]:
    errors: list[str] = []
    prefix = _("Row %(row)s: ") % {"row": row} if row else ""
    start, end = values.get("account_from", ""), values.get("account_to", "")
    if not start:
        errors.append(prefix + _("the account is empty."))
    for value in (start, end):
        if value and (problem := code_problem(value, what=_("the account"))):
            errors.append(prefix + problem + ".")
    if end and end != start:
        if not (start.isdigit() and end.isdigit()):
            errors.append(prefix + _("an account range needs numeric accounts."))
        elif int(end) < int(start):
            errors.append(prefix + _("the range ends before it starts."))
    _check_code(CodeListKind.COST_TYPE, values.get("cost_type_code", ""), _("cost type"), errors, row)
    return errors


def _require_unfrozen(version: MappingVersion, actor: Actor) -> None:
    _require_steward(actor, version.organisation)
    if version.is_frozen:
        raise ValidationError(
            _("Mapping version %(n)s is frozen because a conversion used it; make a new version.")
            % {"n": version.number},
            code="frozen",
        )


def save_cost_centre_rule(version: MappingVersion, *, actor: Actor, **values: object) -> CostCentreMapping:
    _require_unfrozen(version, actor)
    errors = validate_cost_centre_rule(values)
    if errors:
        raise ValidationError(errors)
    obj, _created = CostCentreMapping.objects.update_or_create(
        version=version,
        cost_centre=values["cost_centre"],
        defaults={k: v for k, v in values.items() if k != "cost_centre"},
    )
    return obj


def save_account_rule(version: MappingVersion, *, actor: Actor, **values: object) -> AccountMapping:
    _require_unfrozen(version, actor)
    errors = validate_account_rule(values)
    if errors:
        raise ValidationError(errors)
    obj, _created = AccountMapping.objects.update_or_create(
        version=version,
        account_from=values["account_from"],
        defaults={"account_to": values.get("account_to", ""), "cost_type_code": values["cost_type_code"]},
    )
    return obj


def delete_rule(rule: CostCentreMapping | AccountMapping, *, actor: Actor) -> None:
    _require_unfrozen(rule.version, actor)
    rule.delete()


MAPPING_COLUMNS = [
    "rule",
    "cost_centre",
    "service_class",
    "client_group",
    "production_mode",
    "account_from",
    "account_to",
    "cost_type",
]


def mapping_rows(version: MappingVersion) -> list[list[str]]:
    """The version's rules as rows of ``MAPPING_COLUMNS`` (the import format)."""
    rows = [
        ["cost_centre", m.cost_centre, m.service_class_code, m.client_group_code, m.production_mode_code, "", "", ""]
        for m in version.cost_centres.all()
    ]
    rows += [
        ["account", "", "", "", "", m.account_from, m.account_to, m.cost_type_code] for m in version.accounts.all()
    ]
    return rows


def import_mapping(
    organisation: Organisation, data: bytes, *, filename: str, actor: Actor
) -> tuple[MappingVersion | None, list[str | Message]]:
    """Import rules from CSV/XLSX (the export format) as a NEW version; all or nothing."""
    _require_steward(actor, organisation)
    try:
        rows = read_table(data, filename)
    except LedgerError as exc:
        return None, exc.messages
    if not rows or "rule" not in rows[0]:
        return None, [_("The header must have the columns: %(columns)s.") % {"columns": ", ".join(MAPPING_COLUMNS)}]
    errors: list[str | Message] = []
    centres: dict[str, dict] = {}
    accounts: dict[str, dict] = {}
    for row in rows:
        number = row["_row"]
        kind = row.get("rule", "")
        if kind == "cost_centre":
            values = {
                "cost_centre": row.get("cost_centre", ""),
                "service_class_code": row.get("service_class", ""),
                "client_group_code": row.get("client_group", ""),
                "production_mode_code": row.get("production_mode", ""),
            }
            errors += validate_cost_centre_rule(values, number)
            if values["cost_centre"] in centres:
                errors.append(
                    _("Row %(row)s: the cost centre %(cc)s appears twice.")
                    % {"row": number, "cc": values["cost_centre"]}
                )
            centres[values["cost_centre"]] = values
        elif kind == "account":
            values = {
                "account_from": row.get("account_from", ""),
                "account_to": row.get("account_to", ""),
                "cost_type_code": row.get("cost_type", ""),
            }
            errors += validate_account_rule(values, number)
            if values["account_from"] in accounts:
                errors.append(
                    _("Row %(row)s: the account %(acc)s appears twice.")
                    % {"row": number, "acc": values["account_from"]}
                )
            accounts[values["account_from"]] = values
        else:
            errors.append(
                _('Row %(row)s: the rule must be "cost_centre" or "account"; found "%(found)s".')
                % {"row": number, "found": kind}
            )
    if errors:
        return None, errors
    with transaction.atomic():
        latest = (
            MappingVersion.objects.select_for_update().filter(organisation=organisation).order_by("-number").first()
        )
        version = MappingVersion.objects.create(
            organisation=organisation,
            number=(latest.number + 1) if latest else 1,
            note=_("Imported from %(name)s") % {"name": filename},
            created_by=acting_user(actor),
        )
        CostCentreMapping.objects.bulk_create(CostCentreMapping(version=version, **v) for v in centres.values())
        AccountMapping.objects.bulk_create(AccountMapping(version=version, **v) for v in accounts.values())
    return version, []


def validate_rule_update(rule: CostCentreMapping | AccountMapping, changes: dict) -> None:
    """An API/UI edit of a rule: the version must be unfrozen and the codes known."""
    version = changes.get("version") or rule.version
    if version.is_frozen or rule.version.is_frozen:
        raise ValidationError(
            _("Mapping version %(n)s is frozen because a conversion used it; make a new version.")
            % {"n": version.number}
        )
    if version.organisation_id != rule.version.organisation_id:
        raise ValidationError(_("A rule cannot move to another organisation's mapping."))
    if isinstance(rule, CostCentreMapping):
        fields = ["cost_centre", "service_class_code", "client_group_code", "production_mode_code"]
        errors = validate_cost_centre_rule({f: changes.get(f, getattr(rule, f)) for f in fields})
    else:
        fields = ["account_from", "account_to", "cost_type_code"]
        errors = validate_account_rule({f: changes.get(f, getattr(rule, f)) for f in fields})
    if errors:
        raise ValidationError(errors)


def request_mapping_import(organisation: Organisation, data: bytes, *, filename: str, actor: Actor) -> Job:
    """Store the file and queue its import as a job (never in the web request: issue 11)."""
    from integration.tasks import import_mapping_file
    from portal.uploads import save_import_file

    _require_steward(actor, organisation)
    check_size(len(data))
    return start_job(
        import_mapping_file,
        kind="mapping_import",
        actor=actor,
        organisation=organisation,
        input_ref=save_import_file(data, filename, folder="integration/imports/mappings"),
    )


def request_code_list_import(
    code_list: CodeList,
    data: bytes,
    *,
    filename: str,
    actor: Actor,
    source: str = "",
    activate: bool = True,
    valid_from_year: int | None = None,
    valid_to_year: int | None = None,
) -> Job:
    """Store the file and queue a code list import job (programme staff and administrators)."""
    from integration.tasks import import_code_list_file
    from portal.uploads import save_import_file

    if not can_edit(actor, code_list):
        raise PermissionDenied(_("Only programme staff and administrators import code lists."))
    check_size(len(data))
    return start_job(
        import_code_list_file,
        kind="code_list_import",
        actor=actor,
        input_ref={
            **save_import_file(data, filename, folder="integration/imports/code-lists"),
            "code_list": code_list.code,
            "source": source,
            "activate": activate,
            "valid_from_year": valid_from_year,
            "valid_to_year": valid_to_year,
        },
    )
