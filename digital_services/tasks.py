"""Background jobs: the stewards' monthly-figure import and the municipality PDF."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from portal.jobs import BadInput, job_task
from portal.models import Organisation


@job_task
def import_figures_job(job, reporter) -> None:
    """Read, validate and store an uploaded figures file: every row or none."""
    from digital_services import services

    ref = job.input_ref
    filename = ref.get("filename", "upload")
    actor = job.started_by
    if actor is None:
        raise BadInput(_("The user who uploaded the file no longer exists."))
    try:
        with default_storage.open(ref["path"], "rb") as handle:
            content = handle.read()
    except (KeyError, FileNotFoundError) as exc:
        raise BadInput(_("The uploaded file %(file)s is missing.") % {"file": filename}) from exc
    reporter.progress(10, _("Reading %(file)s.") % {"file": filename})
    try:
        count = services.import_monthly_figures(content, filename=filename, actor=actor, job=job)
    except ValidationError as exc:
        messages = exc.messages
        for message in messages[:200]:
            reporter.message(message, level="error")
        raise BadInput(
            _("%(file)s was not imported: %(n)s problems. Nothing was stored.") % {"file": filename, "n": len(messages)}
            + "\n"
            + "\n".join(messages[:50])
        ) from exc
    job.output_ref = {"rows": count, "filename": filename}
    job.save(update_fields=["output_ref"])
    reporter.message(_("%(n)s months of figures stored.") % {"n": count})


@job_task
def municipality_report_job(job, reporter) -> None:
    """Render the municipality PDF (rollout, paperless share, inclusion, pilots) with WeasyPrint."""
    from digital_services.reports import render_municipality_pdf

    ref = job.input_ref
    organisation = Organisation.objects.filter(code=ref.get("organisation", "")).first()
    if organisation is None:
        raise BadInput(_("Unknown organisation %(code)s.") % {"code": ref.get("organisation", "")})
    language = ref.get("language", "fi")
    reporter.progress(20, _("Collecting the figures of %(name)s.") % {"name": organisation.name})
    pdf, pages = render_municipality_pdf(organisation, language=language)
    filename = f"digipalvelut-{organisation.code}-{language}.pdf"
    job.output_file.save(filename, ContentFile(pdf), save=False)
    job.output_ref = {"filename": filename, "pages": pages, "organisation": organisation.code}
    job.save(update_fields=["output_file", "output_ref"])
