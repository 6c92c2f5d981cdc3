"""The jobs frame: every background job is a ``Job`` row plus a Celery task that takes its id.

- ``start_job`` creates the row and enqueues the task on commit, so a worker never sees a job
  whose row is not yet committed.
- ``@job_task`` wraps a function ``fn(job, reporter)``: it re-fetches the job, exits if the row is
  gone or already succeeded (redelivery after a worker crash is harmless), marks it running, and
  turns outcomes into statuses. ``BadInput`` is a failed job with the user's message, never a
  retry; database/broker outages are retried with exponential backoff; anything else fails the job.
- ``JobReporter.progress`` writes progress and a message. Call it *outside* any long transaction,
  or other connections (the progress bar) will not see it until the transaction commits.
- Messages are stored as a message id with parameters (``msg(gettext_noop("Read %(n)s rows."), n=5)``
  -> ``{"id": ..., "params": {...}}``) and rendered with gettext when someone reads them, so a Swedish
  starter's job reads in Finnish on a Finnish page. Each entry also keeps ``text`` rendered in the
  starter's language (old entries have only ``text``; they stay readable as they are).
- A failure records its ``cause``: ``input`` (BadInput: the same input fails again), ``transient``
  (an outage outlasted the retries) or ``crash``; the kinds registry decides from it whether a
  re-run can change the outcome (``portal.job_kinds.JobKind.rerun_useful``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
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


class Message:
    """A message id with parameters, rendered in the reader's language when it is shown.

    Parameters may be numbers (formatted in the reader's locale), text, other ``Message`` objects or
    lists of them (rendered one per line): a list of row errors stays translatable line by line.
    """

    def __init__(self, msgid: str, /, **params):
        self.msgid = str(msgid)
        self.params = params

    def to_json(self) -> dict:
        return {"id": self.msgid, "params": {key: _param_json(value) for key, value in self.params.items()}}

    def __str__(self) -> str:
        return render_message(self.to_json())

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.params!r})"


def msg(msgid: str, /, **params) -> Message:
    """``msg(gettext_noop("Read %(n)s rows."), n=5)``: a job message rendered at display time."""
    return Message(msgid, **params)


def _param_json(value):
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_param_json(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _render_param(value) -> str:
    if isinstance(value, dict) and "id" in value:
        return render_message(value)
    if isinstance(value, list):
        return "\n".join(_render_param(item) for item in value)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int) and abs(value) < 10000:
        return str(value)  # ids, years and small counts: never "2 024"
    if isinstance(value, int | float):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def render_message(entry: dict | str) -> str:
    """The text of a stored message in the current language (old plain-text entries as they are)."""
    if isinstance(entry, str):
        return entry
    msgid = entry.get("id")
    if not msgid:
        return str(entry.get("text", ""))
    params = {key: _render_param(value) for key, value in (entry.get("params") or {}).items()}
    translated = _(msgid)
    try:
        return translated % params if params else translated
    except (KeyError, ValueError, TypeError):
        return str(entry.get("text") or msgid)


def _entry(level: str, status: str, progress: int, text) -> dict:
    entry = {"at": timezone.now().isoformat(), "level": level, "status": status, "progress": progress}
    if isinstance(text, Message):
        entry.update(text.to_json())
    entry["text"] = str(text)
    return entry


class BadInput(Exception):
    """The job's input is wrong: the job fails with this message and is not retried.

    Pass a ``Message`` (``BadInput(msg(gettext_noop("..."), file=name))``) so the reader sees it in
    their language; a plain string still works.
    """

    def __init__(self, message="", *, cause: str = "input"):
        super().__init__(message)
        # "input": the same input fails again; an app may name a cause its re-run rule knows
        # (integration: "mapping", fixed by completing the mapping, then a re-run helps).
        self.cause = cause

    @property
    def message(self):
        return self.args[0] if self.args else ""


class JobReporter:
    """Writes the job's status, progress and messages (the progress helper)."""

    def __init__(self, job: Job):
        self.job = job

    def _append(self, level: str, text, **extra) -> None:
        entry = _entry(level, self.job.status, self.job.progress, text)
        entry.update(extra)
        self.job.messages = [*self.job.messages, entry]

    def _save(self, *fields: str) -> None:
        self.job.save(update_fields=[*fields, "messages"])

    def start(self) -> None:
        self.job.status = JobStatus.RUNNING
        self.job.attempts += 1
        self.job.started_at = timezone.now()
        self.job.finished_at = None
        self.job.error = ""
        self._append("info", msg(gettext_noop("Started (attempt %(n)s)."), n=self.job.attempts))
        self._save("status", "attempts", "started_at", "finished_at", "error")

    def progress(self, percent: int, text: str | Message = "") -> None:
        self.job.progress = max(0, min(100, int(percent)))
        if text:
            self._append("info", text)
        self._save("progress")

    def message(self, text: str | Message, level: str = "info") -> None:
        self._append(level, text)
        self._save()

    def succeed(self, text: str | Message = "") -> None:
        self.job.status = JobStatus.SUCCEEDED
        self.job.progress = 100
        self.job.finished_at = timezone.now()
        self._append("info", text or msg(gettext_noop("Finished.")))
        self._save("status", "progress", "finished_at")

    def fail(self, text: str | Message, *, cause: str = "input") -> None:
        """Fail the job; ``cause`` (input/transient/crash) tells whether a re-run can help."""
        self.job.status = JobStatus.FAILED
        self.job.finished_at = timezone.now()
        self.job.error = str(text)
        self._append("error", text, cause=cause)
        self._save("status", "finished_at", "error")


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
                reporter.fail(exc.message, cause=exc.cause)
                _notify_finished(job)
                return "failed"
            except TRANSIENT_ERRORS as exc:
                if self.request.retries >= MAX_RETRIES:
                    reporter.fail(
                        msg(
                            gettext_noop("The job failed after %(n)s attempts: %(error)s"),
                            n=job.attempts,
                            error=str(exc),
                        ),
                        cause="transient",
                    )
                    _notify_finished(job)
                    return "failed"
                reporter.message(
                    msg(gettext_noop("Temporary error, retrying: %(error)s"), error=str(exc)), level="warning"
                )
                raise self.retry(exc=exc, countdown=min(300, 2 ** (self.request.retries + 1))) from exc
            except Exception:
                logger.exception("Job %s (%s) crashed", job_id, job.kind)
                reporter.fail(
                    msg(
                        gettext_noop("Unexpected error; the administrators have been notified. The job can be re-run.")
                    ),
                    cause="crash",
                )
                _notify_finished(job)
                return "failed"
            reporter.succeed()
            _notify_finished(job)
            return "succeeded"

    run.job_function = fn
    return run


def _notify_finished(job: Job) -> None:
    """Tell the person who started the job that it has finished (portal.notifications; never fails the job)."""
    if job.started_by_id is None:
        return
    try:
        from django.urls import reverse

        from portal.notifications.services import notify

        notify(
            [job.started_by],
            kind="job_finished",
            subject_params={"job": job.pk, "status": job.get_status_display()},
            link=reverse("portal:job-detail", kwargs={"pk": job.pk}),
        )
    except Exception:
        logger.exception("Could not notify the finish of job %s", job.pk)


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
        job.messages = [_entry("info", JobStatus.QUEUED, 0, msg(gettext_noop("Queued.")))]
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
            _entry(
                "info",
                JobStatus.QUEUED,
                0,
                msg(gettext_noop("Re-run requested by %(user)s."), user=actor.get_username()),
            ),
        ]
        job.save(update_fields=["status", "progress", "finished_at", "messages"])
        transaction.on_commit(lambda: enqueue(job))
    return job
