"""Scheduled retention (beat: ``privacy-retention``), recorded as a Job with the counts."""

from __future__ import annotations

from celery import shared_task
from django.utils.translation import gettext as _

from portal.jobs import JobReporter, job_task, start_job
from portal.models import Job

RETENTION_JOB = "privacy_retention"


@job_task
def retention_job(job: Job, reporter: JobReporter) -> None:
    from portal.privacy import retention

    counts = retention.run_all()
    job.output_ref = {"counts": counts, "changed": sum(counts.values())}
    job.save(update_fields=["output_ref"])
    for handler in retention.handlers():
        reporter.message(_("%(label)s: %(count)s") % {"label": handler.label, "count": counts[handler.slug]})


@shared_task(acks_late=True)
def run_retention() -> int:
    """The beat entry: start the retention Job (the Job is the record of the run)."""
    return start_job(retention_job, kind=RETENTION_JOB).pk
