"""Jobs of the archiving area: the retention simulation and the procurement pack.

Both take a Job id (portal.jobs frame), re-fetch their rows, and are idempotent: a redelivered
simulation recomputes the same result into the same row; a pack job writes its own pack row.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.jobs import BadInput, JobReporter, job_task
from portal.models import Job


@job_task
def run_retention_simulation(job: Job, reporter: JobReporter) -> None:
    """Parse the whole extract, compute every record's retention (vectorised) and store the summary.

    A bad row fails the job with its message and removes the stored extract and simulation row, so
    that bad input leaves nothing behind but the failed job's message.
    """
    from archiving import extract as ex
    from archiving.models import RetentionSimulation
    from archiving.retention import summarise
    from archiving.services import rule_specs

    simulation = RetentionSimulation.objects.filter(pk=job.input_ref.get("simulation")).select_related("system").first()
    if simulation is None:
        raise BadInput(_("The simulation no longer exists."))
    reporter.progress(5, _("Reading the extract."))
    specs, aliases, _rules = rule_specs()
    simulation.upload.open("rb")
    try:
        content = simulation.upload.read()
    finally:
        simulation.upload.close()
    try:
        extract = ex.parse_extract(
            content, simulation.original_name, rules=specs, aliases=aliases, as_of=simulation.as_of
        )
        reporter.progress(40, _("Computing the retention of %(n)s records.") % {"n": len(extract)})
        result = ex.compute_extract(extract, specs, simulation.original_name)
    except ex.ExtractError as exc:
        storage, name = simulation.upload.storage, simulation.upload.name
        with transaction.atomic():
            simulation.delete()
        storage.delete(name)
        raise BadInput(str(exc)) from exc
    summary = summarise(result, as_of=simulation.as_of, rule_index=extract.rule_index, rules=specs)
    reporter.progress(90, _("Storing the result."))
    with transaction.atomic():
        simulation.result = summary
        simulation.record_count = summary["records"]
        simulation.permanent_count = summary["permanent"]
        simulation.save(update_fields=["result", "record_count", "permanent_count"])
    job.output_ref = {"simulation": simulation.pk, "records": summary["records"]}
    job.save(update_fields=["output_ref"])


def specification_html(*, plan, language: str) -> str:
    """The functional specification of the archive system as HTML for WeasyPrint (fi or sv)."""
    from archiving import selectors
    from archiving.models import AccessRule, DataContent, Requirement

    with translation.override(language):
        items = list(plan.items.select_related("system", "system__owner")) if plan else []
        systems = [i.system for i in items]
        contents = list(DataContent.objects.filter(system__in=systems).select_related("system", "retention_rule"))
        return render_to_string(
            "archiving/pdf/specification.html",
            {
                "plan": plan,
                "items": items,
                "contents": contents,
                "record_total": sum(d.record_count or 0 for d in contents),
                "cost": selectors.plan_cost(plan) if plan else None,
                "access_rules": AccessRule.objects.all(),
                "requirements": [(r, r.text_in(language)) for r in Requirement.objects.all()],
                "language": language,
                "today": timezone.localdate(),
            },
        )


def requirement_matrix_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from archiving.models import Requirement
    from portal.exports import safe_cell

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ARK"
    header = [
        _("Code"),
        _("Category"),
        _("Priority"),
        _("Requirement (Finnish)"),
        _("Requirement (Swedish)"),
        _("Requirement (English)"),
        _("Source"),
        _("Bidder's answer"),
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for req in Requirement.objects.all():
        sheet.append(
            [
                safe_cell(v)
                for v in (
                    req.code,
                    req.get_category_display(),
                    req.get_priority_display(),
                    req.text_fi,
                    req.text_sv,
                    req.text_en,
                    req.source_label,
                    "",
                )
            ]
        )
    for column, width in zip("ABCDEFGH", (10, 24, 10, 50, 50, 50, 30, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@job_task
def build_procurement_pack(job: Job, reporter: JobReporter) -> None:
    """Functional specification PDFs in Finnish and Swedish (WeasyPrint) and the requirement matrix (XLSX)."""
    from archiving.models import ArchivingPlan, ProcurementPack
    from archiving.selectors import current_plan
    from portal.pdf import render

    plan_id = job.input_ref.get("plan")
    plan = ArchivingPlan.objects.filter(pk=plan_id).first() if plan_id else current_plan()
    if plan is None:
        raise BadInput(_("There is no archiving plan to describe. Make a plan first."))
    pack = ProcurementPack.objects.filter(job=job).first() or ProcurementPack(
        job=job, plan=plan, created_by=job.started_by
    )
    stamp = timezone.localdate().isoformat()
    for step, language in enumerate(("fi", "sv")):
        reporter.progress(10 + 40 * step, _("Rendering the specification (%(language)s).") % {"language": language})
        pdf = render(specification_html(plan=plan, language=language)).write_pdf()
        getattr(pack, f"specification_{language}").save(
            f"archive-specification-{plan.code}-v{plan.version}-{language}-{stamp}.pdf", ContentFile(pdf), save=False
        )
    reporter.progress(90, _("Writing the requirement matrix."))
    pack.matrix.save(f"archive-requirements-{stamp}.xlsx", ContentFile(requirement_matrix_xlsx()), save=False)
    pack.save()
    job.output_ref = {"pack": pack.pk}
    job.save(update_fields=["output_ref"])


def destruction_list_html(destruction_list, *, language: str) -> str:
    """A destruction list as HTML for WeasyPrint: each line with its rule and source; unverified rules marked."""
    lines = list(destruction_list.lines.select_related("rule").order_by("destroyable_on", "record_id"))
    with translation.override(language):
        return render_to_string(
            "archiving/pdf/destruction_list.html",
            {
                "object": destruction_list,
                "lines": lines,
                "first_day": lines[0].destroyable_on if lines else None,
                "last_day": lines[-1].destroyable_on if lines else None,
                "unverified_count": sum(1 for line in lines if not line.rule.verified),
                "today": timezone.localdate(),
                "language": language,
            },
        )


def destruction_list_pdf(destruction_list, *, language: str) -> bytes:
    """A destruction list as PDF (fi or sv)."""
    from portal.pdf import render

    return render(destruction_list_html(destruction_list, language=language)).write_pdf()
