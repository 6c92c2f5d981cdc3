"""The record of a background job (Celery task) with progress, messages and timings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.choices import JobStatus
from portal.querysets import PortalQuerySet


class JobQuerySet(PortalQuerySet):
    """Who sees which job: what the job touched decides (``portal.job_kinds``).

    Each kind of job declares who may read it (its messages and result) and who may re-run it; the
    starter always sees and may re-run their own job. A job's organisation alone opens nothing:
    lineage shown to other readers goes through the published result, not the job.
    """

    def visible_to(self, user):
        from portal import job_kinds

        if not roles.is_signed_in(user):
            return self.none()
        condition = Q(started_by=user)
        extra = job_kinds.visibility_condition(user)
        if extra is not None:
            condition |= extra
        return self.filter(condition)

    def editable_by(self, user):
        # Jobs change only through their task; "editing" a job means re-running it.
        from portal import job_kinds

        if not roles.is_signed_in(user):
            return self.none()
        condition = Q(started_by=user)
        extra = job_kinds.rerun_condition(user)
        if extra is not None:
            condition |= extra
        return self.visible_to(user).filter(condition)

    def can_create(self, user) -> bool:
        return roles.is_signed_in(user)


class Job(models.Model):
    """A background job: kind, status, progress 0-100, messages, inputs and outputs."""

    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    task_name = models.CharField(_("task"), max_length=200, help_text=_("The Celery task that runs this job."))
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    messages = models.JSONField(_("messages"), default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    input_ref = models.JSONField(_("input"), default=dict, blank=True)
    output_ref = models.JSONField(_("output"), default=dict, blank=True)
    output_file = models.FileField(_("output file"), upload_to="jobs/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    celery_task_id = models.CharField(_("task id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("last heartbeat"),
        null=True,
        blank=True,
        help_text=_("A running job's worker writes this regularly; when it stops, the job was interrupted."),
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_max_100"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="job_status_created_idx")]

    def __str__(self) -> str:
        return f"{self.kind_label} #{self.pk} ({self.status})"

    @property
    def kind_label(self) -> str:
        """The kind's translated label (``portal.job_kinds``)."""
        from portal import job_kinds

        return job_kinds.label(self.kind)

    @property
    def display_messages(self) -> list[dict]:
        """The messages rendered in the reader's language (``portal.jobs.render_message``)."""
        from portal.jobs import render_message

        return [{**entry, "text": render_message(entry)} for entry in self.messages if isinstance(entry, dict)]

    @property
    def failure(self) -> dict | None:
        """The last error entry of a failed job (its message and ``cause``), or None."""
        if self.status != "failed":
            return None
        for entry in reversed(self.messages):
            if isinstance(entry, dict) and entry.get("level") == "error":
                return entry
        return {"text": self.error}  # an old failure: no cause recorded

    @property
    def error_message(self) -> str:
        """The failure message in the reader's language (old jobs: the stored text)."""
        from portal.jobs import render_message

        failure = self.failure
        if failure is None:
            return self.error
        return render_message(failure) or self.error

    @property
    def is_confidential(self) -> bool:
        """Every read of a confidential job's messages or result is written to the access log."""
        from portal import job_kinds

        return job_kinds.is_confidential(self.kind)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
