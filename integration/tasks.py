"""The conversion job: parse -> validate -> map -> aggregate -> store (one transaction).

Idempotent by job id (the ``job_task`` decorator skips succeeded jobs) and by construction: the
store step deletes the organisation-year's rows and writes the new ones in one transaction, so a
redelivered job after a worker crash replaces rather than duplicates.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from integration.conversion import KEYS, Converted, MappingTables, convert
from integration.models import (
    ConversionResult,
    MappingVersion,
    OrganisationSettings,
    PackageDefinition,
    PackageRow,
    UnmappedPolicy,
    Upload,
)
from integration.parsing import cents_to_decimal, parse_ledger
from portal.jobs import BadInput, JobReporter, job_task
from portal.models import Job
from portal.signals import package_rows_replaced


def euros(value: Decimal | int) -> str:
    amount = cents_to_decimal(value) if isinstance(value, int) else value
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True) + " €"


def _unmapped_messages(converted: Converted, limit: int) -> tuple[list[str], int]:
    messages: list[str] = []
    for r in converted.unmapped_cost_centres.itertuples(index=False):
        messages.append(
            _("Cost centre %(cc)s has no mapping (first on row %(row)s; %(rows)s rows, %(euros)s).")
            % {"cc": r.cost_centre, "row": r.first_row, "rows": r.rows, "euros": euros(int(r.cents))}
        )
    for r in converted.unmapped_accounts.itertuples(index=False):
        messages.append(
            _("Account %(acc)s maps to no cost type (first on row %(row)s; %(rows)s rows, %(euros)s).")
            % {"acc": r.account, "row": r.first_row, "rows": r.rows, "euros": euros(int(r.cents))}
        )
    for r in converted.unpackaged.itertuples(index=False):
        messages.append(
            _("Service class %(sc)s with client group %(cg)s belongs to no package (%(rows)s rows, %(euros)s).")
            % {"sc": r.service_class_code, "cg": r.client_group_code, "rows": r.rows, "euros": euros(int(r.cents))}
        )
    return messages[:limit], max(0, len(messages) - limit)


@job_task
def convert_ledger(job: Job, reporter: JobReporter) -> None:
    upload = Upload.objects.select_related("organisation").filter(pk=job.input_ref.get("upload_id")).first()
    if upload is None:
        raise BadInput(_("The uploaded file no longer exists."))
    organisation = upload.organisation
    conf, _created = OrganisationSettings.objects.get_or_create(organisation=organisation)

    reporter.progress(5, _("Reading %(name)s (%(size)s bytes).") % {"name": upload.original_name, "size": upload.size})
    with upload.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != upload.sha256:
        raise BadInput(_("The stored file does not match its SHA-256 checksum; upload it again."))
    parsed = parse_ledger(
        data,
        filename=upload.original_name,
        year=upload.year,
        sheet=upload.sheet,
        extra_aliases=conf.column_aliases,
        max_errors=conf.max_errors,
    )
    del data
    reporter.progress(
        40,
        _("Read %(rows)s rows (%(format)s%(detail)s), total %(total)s.")
        % {
            "rows": parsed.rows_read,
            "format": parsed.file_format.upper(),
            "detail": f", {parsed.encoding}, {parsed.delimiter!r}" if parsed.encoding else f", {parsed.sheet}",
            "total": euros(parsed.total_cents),
        },
    )

    version_id = job.input_ref.get("mapping_version_id")
    versions = MappingVersion.objects.filter(organisation=organisation)
    version = versions.filter(pk=version_id).first() if version_id else versions.order_by("-number").first()
    if version is None:
        raise BadInput(_("%(org)s has no mapping version; create the mapping first.") % {"org": organisation.code})
    definition = PackageDefinition.active()
    if definition is None:
        raise BadInput(_("No package definition is in use; load the code lists first."))
    tables = MappingTables.load(version, definition)
    converted = convert(parsed.frame, tables)
    unallocated_rows = int(converted.rows.loc[converted.rows["is_unallocated"], "source_rows"].sum())
    if unallocated_rows and conf.unmapped_policy == UnmappedPolicy.FAIL:
        messages, more = _unmapped_messages(converted, conf.max_errors)
        text = "\n".join(
            [
                _(
                    "%(n)s rows (%(euros)s) map to no package and the organisation's setting says fail; nothing was stored."
                )
                % {"n": unallocated_rows, "euros": euros(converted.unallocated_cents)},
                *messages,
            ]
        )
        if more:
            text += "\n" + _("…and %(n)s more errors.") % {"n": more}
        raise BadInput(text)
    reporter.progress(
        70,
        _("Mapped with mapping version %(n)s and package definition %(def)s; %(rows)s package rows.")
        % {"n": version.number, "def": definition.code, "rows": len(converted.rows)},
    )
    _store(job, upload, version, definition, parsed.rows_read, converted)
    reporter.progress(95)
    reporter.message(
        _(
            "Input total %(input)s = output total %(output)s + unallocated %(unallocated)s: the totals match to the cent."
        )
        % {
            "input": euros(converted.input_cents),
            "output": euros(converted.allocated_cents),
            "unallocated": euros(converted.unallocated_cents),
        }
    )


def _store(job: Job, upload: Upload, version: MappingVersion, definition, rows_read: int, converted: Converted) -> None:
    organisation, year = upload.organisation, upload.year
    rows = [
        PackageRow(
            organisation=organisation,
            year=year,
            is_unallocated=bool(r["is_unallocated"]),
            amount=cents_to_decimal(int(r["cents"])),
            source_rows=int(r["source_rows"]),
            job=job,
            upload=upload,
            mapping_version=version,
            package_definition=definition,
            **{key: str(r[key]) for key in KEYS},
        )
        for r in converted.rows.to_dict("records")
    ]
    input_total = cents_to_decimal(converted.input_cents)
    output_total = cents_to_decimal(converted.allocated_cents)
    unallocated_total = cents_to_decimal(converted.unallocated_cents)
    with transaction.atomic():
        # Serialise conversions of one organisation (the settings row is the lock).
        OrganisationSettings.objects.select_for_update().filter(organisation=organisation).first()
        PackageRow.objects.filter(organisation=organisation, year=year).delete()
        PackageRow.objects.bulk_create(rows, batch_size=2000)
        stored = PackageRow.objects.filter(organisation=organisation, year=year).aggregate(
            total=Sum("amount"), rows=Sum("source_rows")
        )
        stored_total = Decimal(stored["total"] or 0).quantize(Decimal("0.01"))
        if stored_total != input_total or int(stored["rows"] or 0) != rows_read:
            raise RuntimeError(f"stored total {stored_total} != input total {input_total}")
        if not version.is_frozen:
            MappingVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(
                frozen_at=timezone.now(), frozen_by_job=job
            )
        ConversionResult.objects.update_or_create(
            organisation=organisation,
            year=year,
            defaults={
                "job": job,
                "upload": upload,
                "mapping_version": version,
                "package_definition": definition,
                "rows_read": rows_read,
                "input_total": input_total,
                "output_total": output_total,
                "unallocated_total": unallocated_total,
            },
        )
        job.output_ref = {
            "upload_id": upload.pk,
            "mapping_version_id": version.pk,
            "mapping_version": version.number,
            "package_definition": definition.code,
            "package_definition_is_example": definition.is_example,
            "rows_read": rows_read,
            "package_rows": len(rows),
            "input_total": str(input_total),
            "output_total": str(output_total),
            "unallocated_total": str(unallocated_total),
            "balanced": input_total == output_total + unallocated_total,
        }
        job.save(update_fields=["output_ref"])
        # Announce the new rows once they are committed; knowledge_mgmt recomputes its indicators.
        organisation_code = organisation.code
        transaction.on_commit(
            lambda: package_rows_replaced.send(sender=PackageRow, organisation_code=organisation_code, year=year)
        )
