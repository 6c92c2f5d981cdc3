"""Background work of measures 3.5: the figures import, the per-organisation PDF and the nightly
region computation."""

from __future__ import annotations

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from portal.jobs import BadInput, job_task
from portal.models import Organisation


def _row_number(message: str) -> int:
    digits = "".join(ch for ch in message.split(":")[0].split(",")[0] if ch.isdigit())
    return int(digits) if digits else 0


@job_task
def import_documentation_figures(job, reporter) -> None:
    """Read the stored file, check every row, then store all rows or none (row-numbered errors)."""
    from integration import reader_measures, services_measures
    from integration.models_measures import DocumentationUpload

    upload = DocumentationUpload.objects.filter(pk=job.input_ref.get("upload")).first()
    if upload is None:
        raise BadInput(_("The uploaded file no longer exists."))
    reporter.progress(10, _("Reading %(name)s.") % {"name": upload.original_name})
    with upload.file.open("rb") as handle:
        data = handle.read()
    try:
        rows, messages = reader_measures.read_rows(data, upload.original_name)
    except reader_measures.FileProblem as exc:
        raise BadInput(str(exc)) from exc
    reporter.progress(40, _("%(n)s rows read; checking.") % {"n": len(rows)})
    errors = [*messages, *services_measures.check_documentation_rows(rows, actor=job.started_by)]
    if errors:
        errors.sort(key=_row_number)
        raise BadInput(_("Nothing was stored.") + "\n" + "\n".join(errors))
    try:
        count = services_measures.import_documentation_rows(rows, actor=job.started_by, job=job)
    except ValidationError as exc:
        raise BadInput(_("Nothing was stored.") + "\n" + "\n".join(exc.messages)) from exc
    job.output_ref = {"rows": count}
    job.save(update_fields=["output_ref"])
    reporter.progress(95, _("%(n)s figures stored.") % {"n": count})


@job_task
def documentation_pdf(job, reporter) -> None:
    """The organisation's structured-documentation report (fi or sv) rendered with WeasyPrint."""
    from integration import reports_measures

    organisation = Organisation.objects.filter(code=job.input_ref.get("organisation")).first()
    if organisation is None:
        raise BadInput(_("Unknown organisation %(code)r.") % {"code": job.input_ref.get("organisation")})
    language = job.input_ref.get("report_language", "fi")
    reporter.progress(20, _("Collecting the figures."))
    pdf = reports_measures.render_documentation_pdf(organisation, language=language)
    reporter.progress(90, _("Saving the PDF."))
    filename = f"structured-documentation-{organisation.code}-{language}.pdf"
    job.output_file.save(filename, ContentFile(pdf), save=False)
    job.output_ref = {"filename": filename, "organisation": organisation.code, "language": language}
    job.save(update_fields=["output_file", "output_ref"])


@shared_task(name="integration.tasks_measures.nightly_region_figures", acks_late=True)
def nightly_region_figures() -> int:
    """Nightly (beat): recompute every quarter's region figures; idempotent."""
    from integration.services_measures import compute_region_figures

    return compute_region_figures()
