# Over 600 lines: the one job frame (row, task decorator, reporter, heartbeat, outbox and re-run) whose parts share the job's state rules; the kinds live in job_kinds.py.
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

import contextvars
import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError as KombuOperationalError

from portal.choices import JobStatus
from portal.models import Job
from portal.types import Actor, acting_user

if TYPE_CHECKING:
    from celery import Task
    from django.http import FileResponse, HttpRequest, HttpResponse

    from portal.models import Organisation

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

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.msgid = str(msgid)
        self.params = params

    def to_json(self) -> dict:
        return {"id": self.msgid, "params": {key: _param_json(value) for key, value in self.params.items()}}

    def __str__(self) -> str:
        return render_message(self.to_json())

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.params!r})"


def msg(msgid: str, /, **params: Any) -> Message:
    """``msg(gettext_noop("Read %(n)s rows."), n=5)``: a job message rendered at display time."""
    return Message(msgid, **params)


def _param_json(value: object) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_param_json(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _render_param(value: object) -> str:
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


def _entry(level: str, status: str, progress: int, text: str | Message) -> dict:
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

    def __init__(self, message: str | Message = "", *, cause: str = "input") -> None:
        super().__init__(message)
        # "input": the same input fails again; an app may name a cause its re-run rule knows
        # (integration: "mapping", fixed by completing the mapping, then a re-run helps).
        self.cause = cause

    @property
    def message(self) -> str | Message:
        return self.args[0] if self.args else ""


class JobReporter:
    """Writes the job's status, progress and messages (the progress helper)."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def _append(self, level: str, text: str | Message, **extra: object) -> None:
        entry = _entry(level, self.job.status, self.job.progress, text)
        entry.update(extra)
        self.job.messages = [*self.job.messages, entry]

    def _save(self, *fields: str) -> None:
        if self.job.status == JobStatus.RUNNING:
            self.job.heartbeat_at = timezone.now()
            fields = (*fields, "heartbeat_at")
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
        """Fail the job; ``cause`` (input/transient/crash) tells whether a re-run can help.

        The message keeps at most ``MAX_ERROR_LINES`` lines (each clipped) and the total count: a file
        with a million bad rows must not become a million-line message sent on every poll of the
        progress bar. The full list is stored as a CSV that the job's readers download."""
        self.job.status = JobStatus.FAILED
        self.job.finished_at = timezone.now()
        text = bounded_error(self.job, text)
        self.job.error = str(text)
        self._append("error", text, cause=cause)
        self._save("status", "finished_at", "error", "output_ref")


MAX_ERROR_LINES = 50
MAX_ERROR_LINE_CHARS = 500
ERRORS_FILE = "errors_file"
PROBLEMS = "%(problems)s"  # the message id of a list of problems, one per line (see Message)


def _clip(line: str) -> str:
    return line if len(line) <= MAX_ERROR_LINE_CHARS else line[: MAX_ERROR_LINE_CHARS - 1] + "…"


def _error_lines(text: str | Message) -> list[str | Message]:
    """The lines of an error: the items of a list-of-problems message, else the rendered lines."""
    if isinstance(text, Message) and text.msgid == PROBLEMS and isinstance(text.params.get("problems"), list | tuple):
        lines: list[str | Message] = []
        for item in text.params["problems"]:
            if isinstance(item, Message) and "\n" not in str(item):
                lines.append(item)
            else:
                lines.extend(line for line in str(item).splitlines() if line.strip())
        return lines or [text]
    rendered = str(text)
    return [line for line in rendered.splitlines() if line.strip()] or [rendered]


def bounded_error(job: Job, text: str | Message) -> str | Message:
    """The first lines of an error and the total; the whole list saved as the job's error CSV.

    A short error comes back as it was (a ``Message`` stays a message id with parameters). A long
    one becomes a list-of-problems ``Message`` whose lines are still translated at display time
    where they were messages; the CSV is written in the language the job runs in."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from portal.exports import csv_text

    lines = _error_lines(text)
    if len(lines) <= MAX_ERROR_LINES and all(len(str(line)) <= MAX_ERROR_LINE_CHARS for line in lines):
        return text
    rows = ([number, str(line)] for number, line in enumerate(lines, start=1))
    content = csv_text([_("number"), _("error")], rows)
    path = default_storage.save(f"jobs/errors/job-{job.pk}-errors.csv", ContentFile(content.encode("utf-8")))
    job.output_ref = {**job.output_ref, ERRORS_FILE: path, "error_count": len(lines)}
    shown: list[str | Message] = [
        line if len(str(line)) <= MAX_ERROR_LINE_CHARS else _clip(str(line)) for line in lines[:MAX_ERROR_LINES]
    ]
    summary = msg(
        gettext_noop("%(shown)s of %(total)s error lines are shown; download the full list (CSV) from the job's page."),
        shown=len(shown),
        total=len(lines),
    )
    return msg(PROBLEMS, problems=[*shown, summary])


def bounded_error_text(job: Job, text: str | Message) -> str:
    """``bounded_error`` rendered now (for callers that need plain text)."""
    return str(bounded_error(job, text))


def job_errors_response(job: Job) -> FileResponse:
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


def job_task(fn: Callable[[Job, JobReporter], None]) -> Task:
    """Turn ``fn(job, reporter)`` into an idempotent, late-acking Celery task taking a job id."""

    @shared_task(
        bind=True,
        name=f"{fn.__module__}.{fn.__name__}",
        acks_late=True,
        reject_on_worker_lost=True,
        max_retries=MAX_RETRIES,
    )
    def run(self: Task, job_id: int) -> str:
        job = Job.objects.filter(pk=job_id).first()
        if job is None:
            logger.info("Job %s no longer exists; nothing to do.", job_id)
            return "missing"
        if job.status == JobStatus.SUCCEEDED:
            logger.info("Job %s already succeeded; redelivery ignored.", job_id)
            return "already-succeeded"
        if job.status == JobStatus.RUNNING and not is_interrupted(job) and not self.request.retries:
            logger.info("Job %s is running elsewhere (fresh heartbeat); duplicate ignored.", job_id)
            return "already-running"
        reporter = JobReporter(job)
        with translation.override(job.input_ref.get("language", "fi")), Heartbeat(job.pk):
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


def start_job(
    task: Task,
    *,
    kind: str,
    actor: Actor | None = None,
    organisation: Organisation | None = None,
    input_ref: dict | None = None,
) -> Job:
    """Create a queued Job and enqueue its task after the transaction commits."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            task_name=task.name,
            started_by=acting_user(actor),
            organisation=organisation,
            input_ref={"language": translation.get_language() or "fi", **(input_ref or {})},
        )
        job.messages = [_entry("info", JobStatus.QUEUED, 0, msg(gettext_noop("Queued.")))]
        job.save(update_fields=["messages"])
        transaction.on_commit(lambda: enqueue(job))
    return job


# --- dispatch, the outbox and interrupted jobs ---------------------------------------------------
#
# The Job row is the outbox: a queued job with no ``celery_task_id`` has not reached the broker.
# ``enqueue`` records the task id only after the broker took the task; when the broker is
# unreachable the job stays queued with a notice, and ``dispatch_pending`` (Celery beat, every
# 30 s) sends it when the broker is back. A running job writes ``heartbeat_at``; when that stops
# (worker killed) the job is "interrupted, will be retried": the sweeper sends it again and the
# starter may re-run it.

UNAVAILABLE_NOTICE = "queued, the task service is unavailable, it will start automatically"
_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar("portal_jobs_in_request", default=False)


class TaskServiceUnavailable(Exception):
    """The broker refused a new job's task in a web request; the job is kept and will start later."""

    def __init__(self, job: Job) -> None:
        self.job = job
        super().__init__(unavailable_text())


def unavailable_text() -> str:
    return _("Queued, the task service is unavailable, it will start automatically.")


def enqueue(job: Job) -> None:
    from portal.celery import app

    if app.conf.task_always_eager:
        # In-process (make demo, most tests). throw=False lets Celery re-apply a retry in-process;
        # the task itself turns every other outcome into the Job's status.
        app.tasks[job.task_name].apply(args=[job.pk], throw=False)
        return
    try:
        result = app.send_task(job.task_name, args=[job.pk], retry=True, retry_policy={"max_retries": 1})
    except (KombuOperationalError, ConnectionError, OSError) as exc:
        logger.warning("Job %s kept in the outbox: the broker is unreachable (%s).", job.pk, exc)
        _note_unavailable(job)
        if _in_request.get():
            raise TaskServiceUnavailable(job) from exc
        return
    Job.objects.filter(pk=job.pk).update(celery_task_id=result.id)
    job.celery_task_id = result.id


def _note_unavailable(job: Job) -> None:
    current = Job.objects.filter(pk=job.pk).values_list("messages", flat=True).first() or []
    if current and current[-1].get("code") == "unavailable":
        return
    entry = _entry(
        "warning",
        JobStatus.QUEUED,
        0,
        msg(gettext_noop("Queued, the task service is unavailable, it will start automatically.")),
    )
    entry["code"] = "unavailable"
    Job.objects.filter(pk=job.pk).update(messages=[*current, entry])


def is_undispatched(job: Job) -> bool:
    """Queued and never taken by the broker (kept in the outbox)."""
    from portal.celery import app

    return job.status == JobStatus.QUEUED and not job.celery_task_id and not app.conf.task_always_eager


def is_interrupted(job: Job, now: dt.datetime | None = None) -> bool:
    """Running, but its worker has not written a heartbeat for ``PORTAL_JOB_STALE_SECONDS``."""
    if job.status != JobStatus.RUNNING:
        return False
    last = job.heartbeat_at or job.started_at
    if last is None:
        return False
    stale = dt.timedelta(seconds=int(settings.PORTAL_JOB_STALE_SECONDS))
    return (now or timezone.now()) - last > stale


def job_state(job: Job) -> tuple[str, str]:
    """(state, label) for people and API clients: the status plus "waiting" and "interrupted"."""
    if is_interrupted(job):
        return "interrupted", _("Interrupted, will be retried.")
    if is_undispatched(job):
        return "waiting_for_task_service", unavailable_text()
    return job.status, job.get_status_display()


def can_rerun(job: Job) -> bool:
    return job.status == JobStatus.FAILED or is_interrupted(job) or is_undispatched(job)


def dispatch_pending(now: dt.datetime | None = None) -> int:
    """Send the outbox's jobs and the interrupted ones; returns how many were sent.

    Idempotent: a job sent twice runs once (the task skips a succeeded job and one that another
    worker runs with a fresh heartbeat)."""
    now = now or timezone.now()
    after = now - dt.timedelta(seconds=int(settings.PORTAL_JOB_DISPATCH_AFTER_SECONDS))
    stale = now - dt.timedelta(seconds=int(settings.PORTAL_JOB_STALE_SECONDS))
    pending = list(Job.objects.filter(status=JobStatus.QUEUED, celery_task_id="", created_at__lte=after))
    interrupted = [
        job for job in Job.objects.filter(status=JobStatus.RUNNING, started_at__lte=stale) if is_interrupted(job, now)
    ]
    sent = 0
    for job in pending + interrupted:
        if job in interrupted:
            Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                messages=[
                    *job.messages,
                    {
                        **_entry(
                            "warning",
                            JobStatus.RUNNING,
                            job.progress,
                            msg(gettext_noop("Interrupted (no heartbeat from its worker); sent again.")),
                        ),
                        "at": now.isoformat(),
                    },
                ],
                heartbeat_at=now,  # one re-send per stale period
            )
        enqueue(job)
        sent += 1 if job.celery_task_id else 0
    return sent


class Heartbeat:
    """While a job runs in a real worker, a thread writes ``heartbeat_at`` every few seconds.

    Not in eager mode (the demo, the tests): there the web process runs the job and the
    reporter's own saves are the heartbeat."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Heartbeat:
        from portal.celery import app

        if not app.conf.task_always_eager:
            self.thread = threading.Thread(target=self._beat, name=f"job-{self.job_id}-heartbeat", daemon=True)
            self.thread.start()
        return self

    def _beat(self) -> None:
        from django.db import connection

        interval = int(settings.PORTAL_JOB_HEARTBEAT_SECONDS)
        try:
            while not self.stop.wait(interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(heartbeat_at=timezone.now())
                except (OperationalError, InterfaceError):
                    logger.warning("Job %s: heartbeat not written (database unavailable).", self.job_id)
        finally:
            connection.close()

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=5)


class TaskServiceUnavailableMiddleware:
    """Marks web requests (a new job's dispatch failure is then reported, not only logged) and
    answers it: 503 JSON with the kept job for the API, the job's page with the notice for the UI."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _in_request.set(True)
        try:
            return self.get_response(request)
        finally:
            _in_request.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, TaskServiceUnavailable):
            return None
        from django.contrib import messages
        from django.http import HttpResponseRedirect, JsonResponse
        from django.urls import reverse

        job = exception.job
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {
                    "detail": str(exception),
                    "code": "task_service_unavailable",
                    "job": {"id": job.pk, "kind": job.kind, "status": job.status},
                    "job_url": request.build_absolute_uri(reverse("api-portal:job-detail", args=[job.pk])),
                },
                status=503,
            )
            response["Retry-After"] = str(int(settings.PORTAL_JOB_DISPATCH_AFTER_SECONDS))
            return response
        messages.warning(request, str(exception))
        return HttpResponseRedirect(reverse("portal:job-detail", args=[job.pk]))


def rerun_job(job: Job, *, actor: Actor) -> Job:
    """Queue a failed, interrupted or never-dispatched job again with the same input.

    Earlier messages stay for the record."""
    if not can_rerun(job):
        raise ValueError("Only a failed or interrupted job can be re-run.")
    with transaction.atomic():
        job.status = JobStatus.QUEUED
        job.progress = 0
        job.finished_at = None
        job.heartbeat_at = None
        job.celery_task_id = ""
        job.messages = [
            *job.messages,
            _entry(
                "info",
                JobStatus.QUEUED,
                0,
                msg(gettext_noop("Re-run requested by %(user)s."), user=actor.get_username()),
            ),
        ]
        job.save(update_fields=["status", "progress", "finished_at", "messages", "heartbeat_at", "celery_task_id"])
        transaction.on_commit(lambda: enqueue(job))
    return job
