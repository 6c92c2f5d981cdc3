"""The conversion job: parse -> validate -> map -> aggregate -> store (one transaction).

The result is a draft (``ConversionDraft``): nothing reaches the package rows until a steward
publishes it (``integration.publication``). Idempotent by job id (the ``job_task`` decorator skips
succeeded jobs) and by construction: the draft is keyed by its job, so a redelivered job after a
worker crash replaces its own draft rather than duplicating it.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_noop

from integration.conversion import KEYS, Converted, MappingTables, convert
from integration.ledger_stream import aggregate_ledger
from integration.models import (
    ConversionDraft,
    MappingVersion,
    OrganisationSettings,
    PackageDefinition,
    UnmappedPolicy,
    Upload,
)
from integration.parsing import cents_to_decimal
from integration.summary import summarise
from portal.jobs import BadInput, JobReporter, Message, job_task, msg
from portal.models import Job


def euros(value: Decimal | int) -> str:
    amount = cents_to_decimal(value) if isinstance(value, int) else value
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True) + "\u00a0€"


def _unmapped_messages(converted: Converted, limit: int) -> tuple[list[Message], int]:
    messages: list[Message] = []
    for r in converted.unmapped_cost_centres.itertuples(index=False):
        messages.append(
            msg(
                gettext_noop("Cost centre %(cc)s has no mapping (first on row %(row)s; %(rows)s rows, %(euros)s)."),
                cc=str(r.cost_centre),
                row=int(r.first_row),
                rows=int(r.rows),
                euros=euros(int(r.cents)),
            )
        )
    for r in converted.unmapped_accounts.itertuples(index=False):
        messages.append(
            msg(
                gettext_noop("Account %(acc)s maps to no cost type (first on row %(row)s; %(rows)s rows, %(euros)s)."),
                acc=str(r.account),
                row=int(r.first_row),
                rows=int(r.rows),
                euros=euros(int(r.cents)),
            )
        )
    for r in converted.unpackaged.itertuples(index=False):
        messages.append(
            msg(
                gettext_noop(
                    "Service class %(sc)s with client group %(cg)s belongs to no package (%(rows)s rows, %(euros)s)."
                ),
                sc=str(r.service_class_code),
                cg=str(r.client_group_code),
                rows=int(r.rows),
                euros=euros(int(r.cents)),
            )
        )
    return messages[:limit], max(0, len(messages) - limit)


@job_task
def convert_ledger(job: Job, reporter: JobReporter) -> None:
    upload = Upload.objects.select_related("organisation").filter(pk=job.input_ref.get("upload_id")).first()
    if upload is None:
        raise BadInput(msg(gettext_noop("The uploaded file no longer exists.")))
    organisation = upload.organisation
    conf, _created = OrganisationSettings.objects.get_or_create(organisation=organisation)

    reporter.progress(
        5, msg(gettext_noop("Reading %(name)s (%(size)s bytes)."), name=upload.original_name, size=upload.size)
    )
    # Streamed: the checksum in one pass, then the rows in chunks aggregated per (cost centre,
    # account) (integration.ledger_stream), so memory does not grow with the file.
    with upload.file.open("rb") as handle:
        if hashlib.file_digest(handle, "sha256").hexdigest() != upload.sha256:
            raise BadInput(msg(gettext_noop("The stored file does not match its SHA-256 checksum; upload it again.")))
        handle.seek(0)
        parsed = aggregate_ledger(
            handle,
            filename=upload.original_name,
            year=upload.year,
            sheet=upload.sheet,
            extra_aliases=conf.column_aliases,
            max_errors=conf.max_errors,
        )
    reporter.progress(
        40,
        msg(
            gettext_noop("Read %(rows)s rows (%(format)s%(detail)s), total %(total)s."),
            rows=parsed.rows_read,
            format=parsed.file_format.upper(),
            detail=f", {parsed.encoding}, {parsed.delimiter!r}" if parsed.encoding else f", {parsed.sheet}",
            total=euros(parsed.total_cents),
        ),
    )

    version_id = job.input_ref.get("mapping_version_id")
    versions = MappingVersion.objects.filter(organisation=organisation)
    version = versions.filter(pk=version_id).first() if version_id else versions.order_by("-number").first()
    definition = PackageDefinition.active()
    if version is None:
        # A first upload: read and validated, reported as entirely unallocated, a draft that
        # offers to start a mapping from the file's cost centres and accounts.
        summary = summarise(parsed.pairs, None)
        draft = _store_draft(job, upload, None, definition, summary, rows=[], input_cents=parsed.total_cents)
        reporter.progress(95)
        reporter.message(
            msg(
                gettext_noop(
                    "%(org)s has no mapping version yet: all %(rows)s rows (%(euros)s) are unallocated. "
                    "Start a mapping from the file's %(cc)s cost centres and %(acc)s accounts on the draft's page."
                ),
                org=organisation.code,
                rows=parsed.rows_read,
                euros=euros(parsed.total_cents),
                cc=len(summary["cost_centres"]),
                acc=len(summary["accounts"]),
            ),
            level="warning",
        )
        _announce(reporter, draft)
        return
    if definition is None:
        raise BadInput(msg(gettext_noop("No package definition is in use; load the code lists first.")))
    tables = MappingTables.load(version, definition)
    converted = convert(parsed.pairs, tables)
    unallocated_rows = int(converted.rows.loc[converted.rows["is_unallocated"], "source_rows"].sum())
    if unallocated_rows and conf.unmapped_policy == UnmappedPolicy.FAIL:
        messages, more = _unmapped_messages(converted, conf.max_errors)
        lines = [
            msg(
                gettext_noop(
                    "%(n)s rows (%(euros)s) map to no package and the organisation's setting says fail; nothing was stored."
                ),
                n=unallocated_rows,
                euros=euros(converted.unallocated_cents),
            ),
            *messages,
        ]
        if more:
            lines.append(msg(gettext_noop("…and %(n)s more errors."), n=more))
        raise BadInput(msg("%(problems)s", problems=lines), cause="mapping")
    reporter.progress(
        70,
        msg(
            gettext_noop("Mapped with mapping version %(n)s and package definition %(def)s; %(rows)s package rows."),
            n=version.number,
            rows=len(converted.rows),
            **{"def": definition.code},
        ),
    )
    summary = summarise(parsed.pairs, tables)
    rows = [
        {
            **{key: str(r[key]) for key in KEYS},
            "is_unallocated": bool(r["is_unallocated"]),
            "cents": int(r["cents"]),
            "source_rows": int(r["source_rows"]),
        }
        for r in converted.rows.to_dict("records")
    ]
    if (
        sum(r["cents"] for r in rows) != converted.input_cents
        or sum(r["source_rows"] for r in rows) != parsed.rows_read
    ):
        raise RuntimeError("package rows do not add up to the input")
    draft = _store_draft(job, upload, version, definition, summary, rows=rows, input_cents=converted.input_cents)
    reporter.progress(95)
    reporter.message(
        msg(
            gettext_noop(
                "Input total %(input)s = output total %(output)s + unallocated %(unallocated)s: the totals match to the cent."
            ),
            input=euros(converted.input_cents),
            output=euros(converted.allocated_cents),
            unallocated=euros(converted.unallocated_cents),
        )
    )
    _announce(reporter, draft)


def _announce(reporter: JobReporter, draft: ConversionDraft) -> None:
    """The summary in words: rows read and mapped, unmapped rows gross and net, then what next."""
    s = draft.summary
    reporter.message(
        msg(
            gettext_noop("%(read)s rows read, %(mapped)s rows mapped, %(unmapped)s rows unmapped."),
            read=s["rows_read"],
            mapped=s["rows_mapped"],
            unmapped=s["rows_unmapped"],
        )
    )
    if s["rows_unmapped"]:
        reporter.message(
            msg(
                gettext_noop("Unmapped rows: debit %(debit)s, credit %(credit)s, net %(net)s."),
                debit=euros(Decimal(s["unmapped_debit"])),
                credit=euros(Decimal(s["unmapped_credit"])),
                net=euros(Decimal(s["unmapped_net"])),
            ),
            level="warning",
        )
    if draft.can_be_published:
        reporter.message(msg(gettext_noop("The result is a draft: review it and publish it, or discard it.")))


def _store_draft(
    job: Job,
    upload: Upload,
    version: MappingVersion | None,
    definition: PackageDefinition | None,
    summary: dict,
    *,
    rows: list[dict],
    input_cents: int,
) -> ConversionDraft:
    """Write the draft (idempotent by job: a redelivered job replaces its own draft)."""
    unallocated_cents = sum(r["cents"] for r in rows if r["is_unallocated"]) if version else input_cents
    input_total = cents_to_decimal(input_cents)
    unallocated_total = cents_to_decimal(unallocated_cents)
    output_total = input_total - unallocated_total
    with transaction.atomic():
        if version is not None and not version.is_frozen:
            MappingVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(
                frozen_at=timezone.now(), frozen_by_job=job
            )
        draft, _created = ConversionDraft.objects.update_or_create(
            job=job,
            defaults={
                "organisation": upload.organisation,
                "year": upload.year,
                "upload": upload,
                "mapping_version": version,
                "package_definition": definition if version else None,
                "rows_read": summary["rows_read"],
                "rows_mapped": summary["rows_mapped"],
                "input_total": input_total,
                "output_total": output_total,
                "unallocated_total": unallocated_total,
                "summary": summary,
                "rows": rows,
            },
        )
        job.output_ref = {
            "draft_id": draft.pk,
            "upload_id": upload.pk,
            "mapping_version_id": version.pk if version else None,
            "mapping_version": version.number if version else None,
            "package_definition": definition.code if definition else None,
            "package_definition_is_example": bool(definition and definition.is_example),
            "rows_read": summary["rows_read"],
            "rows_mapped": summary["rows_mapped"],
            "rows_unmapped": summary["rows_unmapped"],
            "unmapped_debit": summary["unmapped_debit"],
            "unmapped_credit": summary["unmapped_credit"],
            "unmapped_net": summary["unmapped_net"],
            "package_rows": len(rows),
            "input_total": str(input_total),
            "output_total": str(output_total),
            "unallocated_total": str(unallocated_total),
            "balanced": input_total == output_total + unallocated_total,
        }
        job.save(update_fields=["output_ref"])
    return draft


@job_task
def import_mapping_file(job: Job, reporter: JobReporter) -> None:
    """A mapping file (the export format) as a new mapping version; all or nothing."""
    from integration import services
    from portal.uploads import read_import_file

    data, filename = read_import_file(job.input_ref)
    if job.organisation is None or job.started_by is None:
        raise BadInput(msg(gettext_noop("The organisation or the user who started the import no longer exists.")))
    reporter.progress(10, msg(gettext_noop("Reading %(file)s."), file=filename))
    version, errors = services.import_mapping(job.organisation, data, filename=filename, actor=job.started_by)
    if version is None:
        raise BadInput(msg("%(problems)s", problems=list(errors)))
    job.output_ref = {"mapping_version": version.number, "mapping_version_id": version.pk}
    job.save(update_fields=["output_ref"])
    reporter.message(msg(gettext_noop("Imported as mapping version %(n)s."), n=version.number))


@job_task
def import_code_list_file(job: Job, reporter: JobReporter) -> None:
    """A code list file as a new version of the list; all or nothing."""
    from integration import loaders
    from integration.models import CodeList
    from portal.uploads import read_import_file

    data, filename = read_import_file(job.input_ref)
    ref = job.input_ref
    code_list = CodeList.objects.filter(code=ref.get("code_list")).first()
    if code_list is None:
        raise BadInput(msg(gettext_noop("Unknown code list %(code)s."), code=ref.get("code_list")))
    reporter.progress(10, msg(gettext_noop("Reading %(file)s."), file=filename))
    report = loaders.import_code_list(
        code_list,
        data,
        filename=filename,
        source=ref.get("source", ""),
        activate=ref.get("activate", True),
        valid_from_year=ref.get("valid_from_year"),
        valid_to_year=ref.get("valid_to_year"),
    )
    if report.errors:
        raise BadInput(msg("%(problems)s", problems=[msg(gettext_noop("Nothing was imported.")), *report.errors]))
    job.output_ref = {"code_list": code_list.code, "version": report.version.number, "created": report.created}
    job.save(update_fields=["output_ref"])
    reporter.message(
        msg(
            gettext_noop("Imported version %(n)s with %(count)s codes."),
            n=report.version.number,
            count=report.created,
        )
    )
