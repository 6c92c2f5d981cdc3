"""Scheduled and background work of the OT centre: reminders, redaction, the monthly pilot report."""

from __future__ import annotations

import datetime as dt
import smtplib

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.jobs import TRANSIENT_ERRORS, BadInput, JobReporter, job_task
from portal.models import Job

PILOT_REPORT_JOB = "ot-centre-pilot-report"


@shared_task(
    name="ot_centre.tasks.send_deadline_reminders",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(*TRANSIENT_ERRORS, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def send_deadline_reminders() -> int:
    """Hourly (beat): one reminder per case and deadline kind; a second run sends nothing new."""
    from ot_centre import services

    return services.send_due_reminders()


@shared_task(
    name="ot_centre.tasks.redact_closed_cases",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def redact_closed_cases() -> int:
    """Daily (beat): replace the free text of cases closed N days ago by their structured fields."""
    from ot_centre import services

    return services.redact_due_requests()


@shared_task(name="ot_centre.tasks.queue_monthly_pilot_reports", acks_late=True, ignore_result=True)
def queue_monthly_pilot_reports() -> int:
    """Monthly (beat): queue last month's pilot report in Finnish and Swedish, once per month and language."""
    from ot_centre.models import PilotReport
    from portal.jobs import start_job

    first = timezone.localdate().replace(day=1)
    month = (first - dt.timedelta(days=1)).replace(day=1)
    queued = 0
    for language in ("fi", "sv"):
        if PilotReport.objects.filter(month=month, language=language).exists():
            continue
        start_job(
            generate_pilot_report,
            kind=PILOT_REPORT_JOB,
            input_ref={"language": language, "month": month.isoformat()},
        )
        queued += 1
    return queued


def pilot_report_context(month: dt.date) -> dict:
    """Aggregates only: the regional picture of the month's year, pilot phases, experiences, demand."""
    from ot_centre import selectors
    from ot_centre.models import ConsultationRequest, ExperienceReport, Pilot, UseCase

    pilot = Pilot.objects.prefetch_related("phases").first()
    next_month = (month + dt.timedelta(days=32)).replace(day=1)
    in_month = ConsultationRequest.objects.filter(submitted_at__date__gte=month, submitted_at__date__lt=next_month)
    rows = selectors.regional_picture(month.year)
    experiences = ExperienceReport.objects.all()
    return {
        "month": month,
        "pilot": pilot,
        "phases": list(pilot.phases.all()) if pilot else [],
        "month_cases": selectors.suppress(in_month.count()),
        "header": selectors.picture_header(),
        "rows": [selectors.picture_cells(r) for r in rows],
        "anonymity": selectors.anonymity_answer(month.year),
        "experience_count": selectors.suppress(experiences.count()),
        "use_case_count": UseCase.objects.count(),
        "demand": selectors.demand_vs_capacity(month.year),
        "generated": timezone.localtime(),
    }


def pilot_report_html(month: dt.date, language: str) -> str:
    """The HTML of the month's pilot report in ``language`` (rendered to PDF by the job)."""
    with translation.override(language):
        return render_to_string(
            "ot_centre/pilot_report_pdf.html", {**pilot_report_context(month), "language": language}
        )


def render_pilot_report(month: dt.date, language: str):
    from portal.pdf import render

    return render(pilot_report_html(month, language))


@job_task
def generate_pilot_report(job: Job, reporter: JobReporter) -> None:
    from ot_centre.models import PilotReport

    language = job.input_ref.get("language", "fi")
    if language not in ("fi", "sv"):
        raise BadInput(_("input_ref.language: expected 'fi' or 'sv', got %(v)s") % {"v": repr(language)})
    try:
        month = dt.date.fromisoformat(job.input_ref.get("month", "")).replace(day=1)
    except ValueError as exc:
        raise BadInput(_("input_ref.month: expected a date YYYY-MM-DD.")) from exc
    existing = PilotReport.objects.filter(month=month, language=language).first()
    reporter.progress(10, _("Collecting the regional picture."))
    document = render_pilot_report(month, language)
    pdf = document.write_pdf()
    filename = f"ot-keskus-pilottiraportti-{month:%Y-%m}-{language}.pdf"
    with transaction.atomic():
        report = existing or PilotReport(month=month, language=language)
        report.job = job
        report.pages = len(document.pages)
        report.file.save(filename, ContentFile(pdf), save=False)
        report.save()
        job.output_file.name = report.file.name
        job.output_ref = {"filename": filename, "pilot_report": report.pk, "pages": report.pages}
        job.save(update_fields=["output_file", "output_ref"])
