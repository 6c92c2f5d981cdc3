"""Verbs of the governance area. Each checks rights through the querysets, validates with the
models' ``full_clean`` (so a refused input stores nothing) and runs in one transaction; the change
log is written by the audit receivers registered in ``GovernanceConfig.ready``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import choices
from governance.models import (
    Body,
    Decision,
    LegacyDocument,
    LegacyDocumentVersion,
    Meeting,
    MeetingAttachment,
    NewsItem,
    ProgressRisk,
)
from portal import services as core_services
from portal.jobs import start_job
from portal.models import Job, Measure, MeasureProgress
from portal.permissions import require_editable
from portal.types import Actor, acting_user

M = TypeVar("M", bound=models.Model)

DECISION_FOLLOW_UP_FIELDS = ("follow_up_status", "follow_up_notes")
MEETING_FIELDS_LOCKED_AFTER_APPROVAL = ("body_id", "number", "date", "minutes", "minutes_status", "minutes_approved_on")


class AppendOnlyError(ValidationError):
    """The record belongs to approved minutes: it is not changed, a correction is added instead."""


def _set_m2m(instance: models.Model, m2m: dict[str, Iterable] | None) -> None:
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)


def _guard_locked(instance: models.Model) -> None:
    """Refuse changes to decisions, meetings and agenda items of approved minutes."""
    if instance.pk is None:
        meeting_id = getattr(instance, "meeting_id", None)
        approved = meeting_id is not None and Meeting.objects.filter(pk=meeting_id, minutes_status="approved").exists()
        if approved and isinstance(instance, Decision):
            raise AppendOnlyError(
                _("The minutes of this meeting are approved: record the decision in a later meeting.")
            )
        if approved and not isinstance(instance, MeetingAttachment):
            raise AppendOnlyError(_("The minutes of this meeting are approved; its agenda is no longer changed."))
        return
    stored: Any = type(instance)._default_manager.get(pk=instance.pk)
    if isinstance(instance, Decision) and stored.is_locked:
        for field in instance._meta.concrete_fields:
            if field.attname in DECISION_FOLLOW_UP_FIELDS or field.primary_key:
                continue
            if getattr(stored, field.attname) != getattr(instance, field.attname):
                raise AppendOnlyError(
                    _(
                        "Decision %(number)s belongs to approved minutes and is not changed: "
                        "record a correcting decision that refers to it."
                    )
                    % {"number": stored.number}
                )
    if isinstance(instance, Meeting) and stored.minutes_approved:
        for attname in MEETING_FIELDS_LOCKED_AFTER_APPROVAL:
            if getattr(stored, attname) != getattr(instance, attname):
                raise AppendOnlyError(_("The minutes of this meeting are approved and are no longer changed."))
    if (
        hasattr(instance, "meeting_id")
        and not isinstance(instance, Decision | MeetingAttachment)
        and stored.meeting.minutes_approved
    ):
        raise AppendOnlyError(_("The minutes of this meeting are approved; its agenda is no longer changed."))


def save_object(instance: M, *, actor: Actor, m2m: dict[str, Iterable] | None = None) -> M:
    """Create or update a governance record after checking rights, dates and the append-only rule."""
    require_editable(actor, instance)
    _guard_locked(instance)
    attendees = (m2m or {}).get("attendees", []) if isinstance(instance, Meeting) else []
    body_id = getattr(instance, "body_id", None)
    if any(getattr(member, "body_id", body_id) != body_id for member in attendees):
        raise ValidationError({"attendees": _("Only members of the meeting's body are recorded as present.")})
    with transaction.atomic():
        instance.full_clean()
        if isinstance(instance, MeetingAttachment | LegacyDocumentVersion) and instance.file:
            instance.size = instance.file.size
        instance.save()
        if isinstance(instance, Meeting) and m2m and "attendees" in m2m and instance.minutes_approved:
            current = set(instance.attendees.values_list("pk", flat=True))
            if current != {getattr(m, "pk", m) for m in m2m["attendees"]}:
                raise AppendOnlyError(_("The minutes of this meeting are approved and are no longer changed."))
        _set_m2m(instance, m2m)
    return instance


def delete_object(instance: models.Model, *, actor: Actor) -> None:
    require_editable(actor, instance)
    if isinstance(instance, Decision) and instance.is_locked:
        raise AppendOnlyError(_("A decision of approved minutes is not deleted: record a correcting decision."))
    if isinstance(instance, Meeting) and instance.minutes_approved:
        raise AppendOnlyError(_("The minutes of this meeting are approved and are no longer changed."))
    with transaction.atomic():
        instance.delete()


# --- Meetings and decisions -------------------------------------------------------------------


def approve_minutes(meeting: Meeting, *, approved_on: dt.date | None = None, actor: Actor) -> Meeting:
    """Approve the minutes: from now on the meeting's decisions are append-only."""
    require_editable(actor, meeting)
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.minutes_approved:
            raise AppendOnlyError(_("The minutes are already approved."))
        if not current.minutes.strip():
            raise ValidationError({"minutes": _("Write the minutes before approving them.")})
        current.minutes_status = choices.MinutesStatus.APPROVED
        current.minutes_approved_on = approved_on or timezone.localdate()
        if current.minutes_approved_on < current.date:
            raise ValidationError({"minutes_approved_on": _("The minutes cannot be approved before the meeting.")})
        current.save(update_fields=["minutes_status", "minutes_approved_on"])
    return current


def record_decision(
    *,
    body: Body,
    number: str,
    date: dt.date,
    text: str,
    actor: Actor,
    meeting: Meeting | None = None,
    measures: Iterable[Measure] = (),
    corrects: Decision | None = None,
) -> Decision:
    decision = Decision(body=body, meeting=meeting, number=number, date=date, text=text, corrects=corrects)
    saved = save_object(decision, actor=actor, m2m={"measures": list(measures)})
    transaction.on_commit(lambda: _announce_decision(saved.pk))
    return saved


def _announce_decision(decision_id: int) -> None:
    """Programme staff and decision-makers follow the programme's decisions (inbox, and e-mail in
    the daily digest unless they chose otherwise): the notification frame's "decision recorded"."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import translation

    from portal import roles
    from portal.notifications.services import notify

    decision = Decision.objects.select_related("body").filter(pk=decision_id).first()
    if decision is None:
        return
    followers = (
        get_user_model()
        .objects.filter(groups__name__in=(roles.PROGRAMME_STAFF, roles.DECISION_MAKER), is_active=True)
        .distinct()
    )
    with translation.override("fi"):
        link = reverse("governance:decision-detail", args=[decision.pk])
    notify(
        followers, kind="decision_recorded", subject_params={"title": f"{decision.number} {decision.body}"}, link=link
    )


def correct_decision(
    original: Decision,
    *,
    number: str,
    date: dt.date,
    text: str,
    actor: Actor,
    meeting: Meeting | None = None,
    measures: Iterable[Measure] | None = None,
) -> Decision:
    """A correction is a new decision of the same body that refers to the original one."""
    require_editable(actor, original)
    return record_decision(
        body=original.body,
        meeting=meeting,
        number=number,
        date=date,
        text=text,
        actor=actor,
        measures=list(original.measures.all()) if measures is None else measures,
        corrects=original,
    )


def update_follow_up(decision: Decision, *, status: str, notes: str, actor: Actor) -> Decision:
    """The implementation follow-up is the one part of a decision that changes after approval."""
    if status not in choices.FollowUpStatus.values:
        raise ValidationError({"follow_up_status": _("Unknown status.")})
    current = Decision.objects.get(pk=decision.pk)
    current.follow_up_status = status
    current.follow_up_notes = notes
    return save_object(current, actor=actor)


def attach_file(meeting: Meeting, *, kind: str, title: str, file: File, actor: Actor) -> MeetingAttachment:
    attachment = MeetingAttachment(meeting=meeting, kind=kind, title=title, file=file, uploaded_by=acting_user(actor))
    return save_object(attachment, actor=actor)


# --- Measure tracking -------------------------------------------------------------------------


def submit_progress_report(
    measure: Measure,
    *,
    percent: int,
    status: str,
    note: str,
    actor: Actor,
    date: dt.date | None = None,
    risks: Iterable[dict] = (),
) -> MeasureProgress:
    """A progress report: the core's journal entry (``record_progress``) plus its risks and mitigations.

    Everything is validated before anything is written, and written in one transaction.
    """
    if not ProgressRisk.objects.can_create(actor):
        raise PermissionDenied
    risk_rows = []
    for index, risk in enumerate(risks, start=1):
        description = (risk.get("description") or "").strip()
        mitigation = (risk.get("mitigation") or "").strip()
        level = risk.get("level") or choices.RiskLevel.MEDIUM
        if not description and not mitigation:
            continue
        if not description:
            raise ValidationError({"risks": _("Risk %(n)s has a mitigation but no description.") % {"n": index}})
        if level not in choices.RiskLevel.values:
            raise ValidationError({"risks": _("Risk %(n)s has an unknown level.") % {"n": index}})
        risk_rows.append((description, level, mitigation))
    with transaction.atomic():
        entry = core_services.record_progress(
            measure, percent=percent, status=status, note=note, actor=actor, date=date
        )
        for description, level, mitigation in risk_rows:
            progress_risk = ProgressRisk(progress=entry, description=description, level=level, mitigation=mitigation)
            progress_risk.full_clean()
            progress_risk.save()
    return entry


# --- Communications, legacy material ----------------------------------------------------------


def publish_news(item: NewsItem, *, actor: Actor, at: dt.datetime | None = None) -> NewsItem:
    current = NewsItem.objects.get(pk=item.pk)
    current.published_at = at or timezone.now()
    return save_object(current, actor=actor)


def add_legacy_version(document: LegacyDocument, *, file: File, note: str, actor: Actor) -> LegacyDocumentVersion:
    """Keep a new file version; earlier versions stay."""
    require_editable(actor, document)
    with transaction.atomic():
        LegacyDocument.objects.select_for_update().get(pk=document.pk)
        latest = document.versions.aggregate(latest=Max("version"))["latest"] or 0
        version = LegacyDocumentVersion(
            document=document, version=latest + 1, file=file, note=note, uploaded_by=acting_user(actor)
        )
        return save_object(version, actor=actor)


# --- Status report ----------------------------------------------------------------------------


def request_status_report(*, language: str, actor: Actor) -> Job:
    from governance.models import StatusReport
    from governance.tasks import STATUS_REPORT_JOB, generate_status_report

    if not StatusReport.objects.can_create(actor):
        raise PermissionDenied
    if language not in choices.ReportLanguage.values:
        raise ValidationError({"language": _("The report is made in Finnish or Swedish.")})
    return start_job(generate_status_report, kind=STATUS_REPORT_JOB, actor=actor, input_ref={"language": language})
