"""Background jobs of the supervision app."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.jobs import TRANSIENT_ERRORS, BadInput, JobReporter, job_task, msg
from portal.models import Job
from supervision import services, staffing_file
from supervision.models import ProfessionalGroup, StaffingImport


@job_task
def import_staffing(job: Job, reporter: JobReporter) -> None:
    """Validate a staffing file and write its unit-days (replacing those unit-days), then notify."""
    record = (
        StaffingImport.objects.filter(pk=job.input_ref.get("staffing_import")).select_related("uploaded_by").first()
    )
    if record is None:
        raise BadInput(msg(gettext_noop("The uploaded file no longer exists.")))
    with record.file.open("rb") as handle:
        content = handle.read()
    reporter.progress(5, msg(gettext_noop("Reading %(file)s."), file=record.original_name))
    rows = staffing_file.read_rows(content, record.original_name)
    units = {u.code: u for u in services.reportable_units(record.uploaded_by)}
    days = staffing_file.parse(
        rows,
        filename=record.original_name,
        period_start=record.period_start,
        period_end=record.period_end,
        group_codes=set(ProfessionalGroup.objects.values_list("code", flat=True)),
        allowed_units=set(units),
    )
    reporter.progress(50, msg(gettext_noop("%(n)s unit-days valid; writing."), n=len(days)))
    written = services.write_days(
        [(units[d.unit_code], d.date, d.clients, d.hours) for d in days], source_import=record
    )
    reporter.progress(80, msg(gettext_noop("%(n)s unit-days written."), n=written))
    notices = services.notify_below_minimum(
        {units[d.unit_code].pk for d in days}, record.period_start, record.period_end
    )
    job.output_ref = {"days": written, "below_minimum_notices": len(notices)}
    job.save(update_fields=["output_ref"])
    reporter.message(
        msg(
            gettext_noop("%(days)s unit-days imported; %(n)s new unit-days below the minimum."),
            days=written,
            n=len(notices),
        )
    )


@shared_task(
    name="supervision.tasks.send_contract_reminders",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(*TRANSIENT_ERRORS, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def send_contract_reminders(within_days: int = 90) -> int:
    """Daily (Celery beat): e-mail the contract end and option-date reminders not yet sent.

    Idempotent: a reminder already sent to a recipient is recorded and never sent again, so a
    redelivered or retried run sends only what the failed one did not. Same code as the
    ``send_contract_reminders`` command (services.send_contract_reminders)."""
    return services.send_contract_reminders(today=timezone.localdate(), within_days=within_days)


from supervision.job_kinds import PRODUCER_REPORT, UNIT_REPORT  # noqa: E402, F401 (re-exported)


def _unit_section(unit, *, start, end, user, index: int, today, stylesheet: str) -> dict:
    from supervision import charts, permissions, selectors
    from supervision.choices import DeviationStatus
    from supervision.models import CorrectiveAction, DeviationReport

    period = selectors.unit_ratio(unit, start, end)
    counts = None
    if unit.organiser_id in permissions.supervised_organiser_ids(user):
        found = selectors.deviation_counts(DeviationReport.objects.visible_to(user).filter(unit=unit))
        counts = [(label, found.get(value, 0)) for value, label in DeviationStatus.choices]
    actions = (
        CorrectiveAction.objects.visible_to(user)
        .filter(finding__visit__unit=unit)
        .exclude(status="closed")
        .select_related("finding__visit")
        .order_by("deadline")
    )
    return {
        "unit": unit,
        "period": period,
        "months": selectors.split_by_month(period),
        "chart": charts.ratio_trend_svg(
            period.days,
            title=_("Staffing ratio of %(unit)s") % {"unit": unit.name},
            chart_id=f"report-{index}",
            style=stylesheet,
        ),
        # (action, overdue): past its deadline on the day the report is made, as the pages mark it.
        "open_actions": [(a, a.is_overdue(today)) for a in actions],
        "deviation_rows": counts,
    }


def report_html(*, title: str, subtitle: str, units, start, end, user) -> str:
    """The HTML of a supervision report over one or more units (the job renders it to PDF)."""
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    today = timezone.localdate()
    stylesheet = _area_stylesheet()
    sections = [
        _unit_section(u, start=start, end=end, user=user, index=i, today=today, stylesheet=stylesheet)
        for i, u in enumerate(units)
    ]
    actions = [overdue for s in sections for _a, overdue in s["open_actions"]]
    return render_to_string(
        "supervision/report_pdf.html",
        {
            "title": title,
            "subtitle": subtitle,
            "sections": sections,
            "start": start,
            "end": end,
            "created": today,
            "language": get_language(),
            "stylesheet": stylesheet,
            # The cover's key figures over all the report's units.
            "summary": {
                "units": len(sections),
                "units_below_legal": sum(1 for s in sections if s["period"].days_below_legal),
                "days_below_legal": sum(s["period"].days_below_legal for s in sections),
                "open_actions": len(actions),
                "overdue_actions": sum(actions),
            },
        },
    )


def _area_stylesheet() -> str:
    """supervision.css, the one home of the chart's line styles, for the PDF (pages link it instead)."""
    from django.contrib.staticfiles import finders

    path = finders.find("supervision/supervision.css")
    return open(path, encoding="utf-8").read() if path else ""  # a small file, read whole


def unit_report_html(unit, *, start, end, user) -> str:
    return report_html(
        title=_("Supervision report: %(unit)s") % {"unit": unit.name},
        subtitle=f"{unit.producer.name} ({unit.producer.business_id})",
        units=[unit],
        start=start,
        end=end,
        user=user,
    )


def producer_report_html(producer, *, start, end, user) -> str:
    from supervision.models import ServiceUnit

    units = ServiceUnit.objects.visible_to(user).filter(producer=producer).select_related("municipality", "producer")
    return report_html(
        title=_("Supervision report: %(unit)s") % {"unit": producer.name},
        subtitle=producer.business_id,
        units=list(units.order_by("name")),
        start=start,
        end=end,
        user=user,
    )


@job_task
def unit_report_pdf(job: Job, reporter: JobReporter) -> None:
    """A unit's or a producer's supervision report as PDF (WeasyPrint), in the job's language (fi/sv)."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from portal.pdf import render
    from supervision.models import Producer, ServiceUnit

    user = job.started_by
    start = dt.date.fromisoformat(job.input_ref["start"])
    end = dt.date.fromisoformat(job.input_ref["end"])
    reporter.progress(10, msg(gettext_noop("Computing the staffing ratio.")))
    if "producer" in job.input_ref:
        producer = Producer.objects.visible_to(user).filter(pk=job.input_ref["producer"]).first()
        if producer is None:
            raise BadInput(msg(gettext_noop("The producer does not exist or you may not read it.")))
        html, key = producer_report_html(producer, start=start, end=end, user=user), producer.business_id
    else:
        unit = ServiceUnit.objects.visible_to(user).filter(pk=job.input_ref.get("unit")).first()
        if unit is None:
            raise BadInput(msg(gettext_noop("The unit does not exist or you may not read it.")))
        html, key = unit_report_html(unit, start=start, end=end, user=user), unit.code
    reporter.progress(50, msg(gettext_noop("Rendering the PDF.")))
    pdf = render(html).write_pdf()
    filename = f"supervision-{key}-{start.isoformat()}-{end.isoformat()}-{job.input_ref.get('language', 'fi')}.pdf"
    job.output_file.save(filename, ContentFile(pdf), save=False)
    job.output_ref = {"filename": filename, "bytes": len(pdf)}
    job.save(update_fields=["output_file", "output_ref"])
