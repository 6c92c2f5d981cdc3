"""Review before publishing for indicator imports (issue 10): publish or discard an import draft.

An import job first tries the file in a rolled-back transaction (``tasks.import_indicator_file``)
and leaves an ``ImportDraft`` with the report of what publishing would do. Publishing queues the
same import for real; nothing reaches the dashboards, the analytics API, the PDF reports or the
reporting views before that.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge_mgmt.models import ImportDraft, ImportDraftStatus
from portal.models import Job
from portal.types import Actor


def _lock_open(draft: ImportDraft, actor: Actor) -> ImportDraft:
    if actor is not None and not ImportDraft.objects.visible_to(actor).filter(pk=draft.pk).exists():
        raise PermissionDenied(_("Only programme staff publish indicator imports."))
    locked = ImportDraft.objects.select_for_update().select_related("job").get(pk=draft.pk)
    if locked.status != ImportDraftStatus.DRAFT or locked.publish_job_id:
        raise ValidationError(_("This import was already published or discarded."), code="decided")
    return locked


def publish_import(draft: ImportDraft, *, actor: Actor) -> Job:
    """Queue the import for real; the draft becomes published when that job succeeds."""
    from knowledge_mgmt.tasks import import_indicator_file
    from portal.jobs import start_job

    with transaction.atomic():
        draft = _lock_open(draft, actor)
        job = start_job(
            import_indicator_file,
            kind="knowledge_import",
            actor=actor,
            input_ref={**draft.job.input_ref, "publish": True, "draft": draft.pk},
        )
        draft.publish_job, draft.decided_by = job, actor
        draft.save(update_fields=["publish_job", "decided_by"])
    return job


def discard_import(draft: ImportDraft, *, actor: Actor) -> ImportDraft:
    with transaction.atomic():
        draft = _lock_open(draft, actor)
        draft.status, draft.decided_at, draft.decided_by = ImportDraftStatus.DISCARDED, timezone.now(), actor
        draft.save(update_fields=["status", "decided_at", "decided_by"])
    return draft
