"""The jobs frame: every background job is a ``Job`` row plus a Celery task that takes its id.

- ``start_job`` creates the row and enqueues the task on commit, so a worker never sees a job
  whose row is not yet committed.
- ``@job_task`` wraps a function ``fn(job, reporter)``: it re-fetches the job, exits if the row is
  gone or already succeeded (redelivery after a worker crash is harmless), marks it running, and
  turns outcomes into statuses. ``BadInput`` is a failed job with the user's message, never a
  retry; database/broker outages are retried with exponential backoff; anything else fails the job.
- ``JobReporter.progress`` writes progress and a message. Call it *outside* any long transaction,
  or other connections (the progress bar) will not see it until the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError

from portal.choices import JobStatus
from portal.models import Job

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    KombuOperationalError,
    ConnectionError,
)
MAX_RETRIES = 5


class BadInput(Exception):
    """The job's input is wrong: the job fails with this message and is not retried."""


class JobReporter:
    """Writes the job's status, progress and messages (the progress helper)."""

    def __init__(self, job: Job):
        self.job = job

    def _append(self, level: str, text: str) -> None:
        self.job.messages = [
            *self.job.messages,
            {
                "at": timezone.now().isoformat(),
                "level": level,
                "status": self.job.status,
                "progress": self.job.progress,
                "text": str(text),
            },
        ]

    def _save(self, *fields: str) -> None:
        self.job.save(update_fields=[*fields, "messages"])

    def start(self) -> None:
        self.job.status = JobStatus.RUNNING
        self.job.attempts += 1
        self.job.started_at = timezone.now()
        self.job.finished_at = None
        self.job.error = ""
        self._append("info", _("Started (attempt %(n)s).") % {"n": self.job.attempts})
        self._save("status", "attempts", "started_at", "finished_at", "error")

    def progress(self, percent: int, text: str = "") -> None:
        self.job.progress = max(0, min(100, int(percent)))
        if text:
            self._append("info", text)
        self._save("progress")

    def message(self, text: str, level: str = "info") -> None:
        self._append(level, text)
        self._save()

    def succeed(self, text: str = "") -> None:
        self.job.status = JobStatus.SUCCEEDED
        self.job.progress = 100
        self.job.finished_at = timezone.now()
        self._append("info", text or _("Finished."))
        self._save("status", "progress", "finished_at")

    def fail(self, text: str) -> None:
        """Fail with at most ``MAX_ERROR_LINES`` lines (each clipped) and the total count.

        A file with a million bad rows must not become a million-line message sent on every poll
        of the progress bar: the full list is stored as a CSV that the job's readers download."""
        self.job.status = JobStatus.FAILED
        self.job.finished_at = timezone.now()
        text = bounded_error_text(self.job, str(text))
        self.job.error = text
        self._append("error", text)
        self._save("status", "finished_at", "error", "output_ref")


MAX_ERROR_LINES = 50
MAX_ERROR_LINE_CHARS = 500
ERRORS_FILE = "errors_file"


def _clip(line: str) -> str:
    return line if len(line) <= MAX_ERROR_LINE_CHARS else line[: MAX_ERROR_LINE_CHARS - 1] + "…"


def bounded_error_text(job: Job, text: str) -> str:
    """The first lines of an error text and the total; the whole list saved as the job's error CSV."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from portal.exports import csv_text

    lines = [line for line in text.splitlines() if line.strip()] or [text]
    if len(lines) <= MAX_ERROR_LINES and all(len(line) <= MAX_ERROR_LINE_CHARS for line in lines):
        return text
    rows = ([number, line] for number, line in enumerate(lines, start=1))
    content = csv_text([_("number"), _("error")], rows)
    path = default_storage.save(f"jobs/errors/job-{job.pk}-errors.csv", ContentFile(content.encode("utf-8")))
    job.output_ref = {**job.output_ref, ERRORS_FILE: path, "error_count": len(lines)}
    shown = [_clip(line) for line in lines[:MAX_ERROR_LINES]]
    shown.append(
        _("%(shown)s of %(total)s error lines are shown; download the full list (CSV) from the job's page.")
        % {"shown": len(shown), "total": len(lines)}
    )
    return "\n".join(shown)


def job_errors_response(job: Job):
    """The stored error CSV of a job the caller may see (the caller checked visibility)."""
    from django.core.files.storage import default_storage
    from django.http import FileResponse, Http404

    path = job.output_ref.get(ERRORS_FILE)
    if not path or not default_storage.exists(path):
        raise Http404
    return FileResponse(
        default_storage.open(path, "rb"),
        as_attachment=True,
        filename=f"job-{job.pk}-errors.csv",
        content_type="text/csv; charset=utf-8",
    )


def job_task(fn: Callable[[Job, JobReporter], None]):
    """Turn ``fn(job, reporter)`` into an idempotent, late-acking Celery task taking a job id."""

    @shared_task(
        bind=True,
        name=f"{fn.__module__}.{fn.__name__}",
        acks_late=True,
        reject_on_worker_lost=True,
        max_retries=MAX_RETRIES,
    )
    def run(self, job_id: int) -> str:
        job = Job.objects.filter(pk=job_id).first()
        if job is None:
            logger.info("Job %s no longer exists; nothing to do.", job_id)
            return "missing"
        if job.status == JobStatus.SUCCEEDED:
            logger.info("Job %s already succeeded; redelivery ignored.", job_id)
            return "already-succeeded"
        reporter = JobReporter(job)
        with translation.override(job.input_ref.get("language", "fi")):
            reporter.start()
            try:
                fn(job, reporter)
            except BadInput as exc:
                reporter.fail(str(exc))
                return "failed"
            except TRANSIENT_ERRORS as exc:
                if self.request.retries >= MAX_RETRIES:
                    reporter.fail(
                        _("The job failed after %(n)s attempts: %(error)s") % {"n": job.attempts, "error": exc}
                    )
                    return "failed"
                reporter.message(_("Temporary error, retrying: %(error)s") % {"error": exc}, level="warning")
                raise self.retry(exc=exc, countdown=min(300, 2 ** (self.request.retries + 1))) from exc
            except Exception:
                logger.exception("Job %s (%s) crashed", job_id, job.kind)
                reporter.fail(_("Unexpected error; the administrators have been notified. The job can be re-run."))
                return "failed"
            reporter.succeed()
            return "succeeded"

    run.job_function = fn
    return run


def start_job(task, *, kind: str, actor=None, organisation=None, input_ref: dict | None = None) -> Job:
    """Create a queued Job and enqueue its task after the transaction commits."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            task_name=task.name,
            started_by=actor if actor is not None and actor.is_authenticated else None,
            organisation=organisation,
            input_ref={"language": translation.get_language() or "fi", **(input_ref or {})},
        )
        job.messages = [
            {
                "at": timezone.now().isoformat(),
                "level": "info",
                "status": JobStatus.QUEUED,
                "progress": 0,
                "text": _("Queued."),
            }
        ]
        job.save(update_fields=["messages"])
        transaction.on_commit(lambda: enqueue(job))
    return job


def enqueue(job: Job) -> None:
    from portal.celery import app

    if app.conf.task_always_eager:
        # In-process (make demo, most tests). throw=False lets Celery re-apply a retry in-process;
        # the task itself turns every other outcome into the Job's status.
        app.tasks[job.task_name].apply(args=[job.pk], throw=False)
        return
    result = app.send_task(job.task_name, args=[job.pk])
    Job.objects.filter(pk=job.pk).update(celery_task_id=result.id)


def rerun_job(job: Job, *, actor) -> Job:
    """Queue a failed job again with the same input; earlier messages stay for the record."""
    if job.status != JobStatus.FAILED:
        raise ValueError("Only a failed job can be re-run.")
    with transaction.atomic():
        job.status = JobStatus.QUEUED
        job.progress = 0
        job.finished_at = None
        job.messages = [
            *job.messages,
            {
                "at": timezone.now().isoformat(),
                "level": "info",
                "status": JobStatus.QUEUED,
                "progress": 0,
                "text": _("Re-run requested by %(user)s.") % {"user": actor.get_username()},
            },
        ]
        job.save(update_fields=["status", "progress", "finished_at", "messages"])
        transaction.on_commit(lambda: enqueue(job))
    return job
