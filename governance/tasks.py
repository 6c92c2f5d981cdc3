"""Background jobs of the governance area: the programme status report PDF."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from governance import charts, selectors
from governance.models import StatusReport
from portal.jobs import BadInput, job_task, msg

STATUS_REPORT_JOB = "governance-status-report"


def status_report_html(*, user, language: str, report_date: dt.date) -> str:
    previous = (
        StatusReport.objects.filter(language=language, report_date__lt=report_date)
        .order_by("-report_date", "-pk")
        .values_list("report_date", flat=True)
        .first()
    )
    with translation.override(language):
        data = selectors.status_report_data(user, report_date, previous)
        rows = [item["row"] for item in data["measures"]]
        measures = [item["row"].measure for item in data["measures"]]
        late = sum(1 for m in measures if m.status in ("at_risk", "late"))
        key_figures = [
            {"value": len(measures), "label": _("measures")},
            {"value": sum(1 for m in measures if m.status == "on_track"), "label": _("on track")},
            {"value": late, "label": _("at risk or late")},
            {"value": sum(1 for m in measures if m.status == "done"), "label": _("done")},
            {"value": len(data["decisions"]), "label": _("decisions since the previous report")},
        ]
        return render_to_string(
            "governance/status_report_pdf.html",
            {
                **data,
                "report_date": report_date,
                "previous_date": previous,
                "key_figures": key_figures,
                "language": language,
                "timeline": charts.timeline_svg(rows, today=report_date, element_id="report-timeline"),
            },
        )


def render_status_report(*, user, language: str, report_date: dt.date):
    """The WeasyPrint document (laid out pages) of the status report."""
    from weasyprint import HTML

    return HTML(string=status_report_html(user=user, language=language, report_date=report_date)).render()


@job_task
def generate_status_report(job, reporter) -> None:
    language = job.input_ref.get("language", "fi")
    if language not in ("fi", "sv"):
        raise BadInput(f"input_ref.language: expected 'fi' or 'sv', got {language!r}")
    existing = StatusReport.objects.filter(job=job).first()
    if existing is not None:  # a redelivered job: the report exists already
        return
    report_date = timezone.localdate()
    reporter.progress(10, msg(gettext_noop("Collecting measures, milestones, risks and decisions.")))
    document = render_status_report(user=job.started_by, language=language, report_date=report_date)
    reporter.progress(70, msg(gettext_noop("Laid out %(n)s pages; writing the PDF."), n=len(document.pages)))
    pdf = document.write_pdf()
    filename = f"tilannekatsaus-{report_date.isoformat()}-{language}.pdf"
    with transaction.atomic():
        report = StatusReport(
            language=language,
            report_date=report_date,
            job=job,
            measure_count=len(selectors.timeline_rows(job.started_by)),
            created_by=job.started_by,
        )
        report.file.save(filename, ContentFile(pdf), save=False)
        report.save()
        job.output_file.name = report.file.name
        job.output_ref = {"filename": filename, "status_report": report.pk, "pages": len(document.pages)}
        job.save(update_fields=["output_file", "output_ref"])
