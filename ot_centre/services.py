"""Verbs of the OT-centre consultation network.

Consultation cases are confidential: these verbs never go through the change log (the models are
not registered) and e-mails carry only a link. State changes run in ``transaction.atomic()`` with
the row locked, and every refusal raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ot_centre import deadlines
from ot_centre.choices import AgeBand, ConsultationMode, DeadlineKind, RequestStatus, RuleUrgency, Urgency
from ot_centre.identity import contains_identity_code
from ot_centre.models import (
    QUESTION_MAX_LENGTH,
    CaseConference,
    CaseMessage,
    CloseOutSurvey,
    ConsultationRequest,
    CooperationArea,
    DeadlineRule,
    ExperienceReport,
    Expert,
    ExpertiseArea,
    Pilot,
    ReminderSent,
    is_coordinator,
)
from portal import permissions, roles
from portal.errors import ConflictError
from portal.models import Job, Organisation
from portal.types import Actor, acting_user

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AREA_KEY = "ita-suomi"
CASE_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


# --- Notifications: the one place that sends e-mail ------------------------------------------------


def notify(
    users: Iterable[Any], *, subject: str, path: str, kind: str = "consultation_update", reference: str = ""
) -> int:
    """Notify each user through the portal's notification frame (inbox + e-mail per preference).

    Both consultation kinds are registered as confidential in ``portal.notifications.kinds``: the
    e-mail carries only the kind's label and a link to ``path``, never case text; the subject is
    shown in the inbox, behind sign-in. Returns the number of recipients with an e-mail address.
    """
    from portal.notifications.services import notify as portal_notify

    people = [u for u in users if u is not None]
    portal_notify(people, kind=kind, subject_params={"subject": subject, "reference": reference}, link=path)
    return len({u.email for u in people if u.email})


def _coordinators() -> QuerySet[User]:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=roles.OT_COORDINATOR, is_active=True)


def _case_path(request: ConsultationRequest) -> str:
    with translation.override("fi"):
        return reverse("ot_centre:request-detail", args=[request.case_code])


def _notify_on_commit(
    users: list, subject: str, request: ConsultationRequest, kind: str = "consultation_update"
) -> None:
    path = _case_path(request)
    code = request.case_code
    transaction.on_commit(lambda: notify(users, subject=subject, path=path, kind=kind, reference=code))


# --- Validation helpers -----------------------------------------------------------------------------


def check_free_text(field: str, text: str, *, max_length: int = QUESTION_MAX_LENGTH) -> None:
    """Refuse text over the limit or containing a valid personal identity code (nothing is stored)."""
    if len(text or "") > max_length:
        raise ValidationError(
            {
                field: _("The text is %(n)s characters long; at most %(max)s characters are allowed.")
                % {"n": len(text), "max": max_length}
            }
        )
    if contains_identity_code(text or ""):
        raise ValidationError(
            {
                field: _(
                    "The text contains a Finnish personal identity code. Consultations are made without the "
                    "client's identity: remove the code and describe the situation without identifying details."
                )
            }
        )


def area_counties(day: dt.date) -> list[Organisation]:
    """The member organisations of the co-operation area on ``day``."""
    from ot_centre.selectors import area_members

    area = CooperationArea.objects.filter(key=AREA_KEY).first()
    return list(area_members(area, day)) if area else []


def resolve_county(value: Any, day: dt.date) -> Organisation:
    members = area_counties(day)
    code = value.code if isinstance(value, Organisation) else str(value or "")
    for org in members:
        if org.code == code:
            return org
    raise ValidationError(
        {
            "county": _("Unknown county %(code)s: expected one of %(codes)s.")
            % {"code": repr(code), "codes": ", ".join(o.code for o in members)}
        }
    )


def resolve_expertise_area(value: Any) -> ExpertiseArea:
    if isinstance(value, ExpertiseArea):
        return value
    area = ExpertiseArea.objects.filter(code=str(value or "")).first()
    if area is None:
        codes = ", ".join(ExpertiseArea.objects.values_list("code", flat=True))
        raise ValidationError(
            {
                "expertise_area": _("Unknown expertise area %(code)s: expected one of %(codes)s.")
                % {"code": repr(value), "codes": codes}
            }
        )
    return area


def deadline_rule(kind: str, urgency: str) -> DeadlineRule:
    rule = DeadlineRule.objects.filter(kind=kind, urgency__in=(urgency, RuleUrgency.ANY)).order_by("-urgency").first()
    if rule is None:
        from ot_centre.reference import load_all

        load_all()
        rule = DeadlineRule.objects.filter(kind=kind, urgency__in=(urgency, RuleUrgency.ANY)).first()
    if rule is None:
        raise ValidationError(_("No deadline rule for %(kind)s.") % {"kind": kind})
    return rule


def due_at(kind: str, urgency: str, start: dt.datetime) -> dt.datetime:
    rule = deadline_rule(kind, urgency)
    return deadlines.add_period(start, rule.amount, rule.unit)


def _new_case_code() -> str:
    for _attempt in range(20):
        body = "".join(secrets.choice(CASE_CODE_ALPHABET) for _ in range(12))
        code = f"OT-{body[:4]}-{body[4:8]}-{body[8:]}"
        if not ConsultationRequest.objects.filter(case_code=code).exists():
            return code
    raise RuntimeError("could not draw a free case code")


def _locked(request: ConsultationRequest) -> ConsultationRequest:
    return ConsultationRequest.objects.select_for_update().get(pk=request.pk)


def _require_status(request: ConsultationRequest, allowed: tuple[str, ...], action: str) -> None:
    if request.status not in allowed:
        raise ConflictError(
            _("The case is %(status)s: it cannot be %(action)s.")
            % {"status": request.get_status_display().lower(), "action": action}
        )


# --- The consultation flow --------------------------------------------------------------------------


def submit_request(
    *,
    actor: Actor,
    mode: str,
    county: Any,
    age_band: str,
    expertise_area: Any,
    urgency: str,
    question: str,
    local_reference: str = "",
    now: dt.datetime | None = None,
) -> ConsultationRequest:
    """A professional asks the network; deadlines are fixed at submission from the rules."""
    permissions.require_creatable(actor, ConsultationRequest)
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if mode not in ConsultationMode.values:
        errors["mode"] = [_("Unknown mode %(v)s.") % {"v": repr(mode)}]
    if age_band not in AgeBand.values:
        errors["age_band"] = [
            _("Unknown age band %(v)s: expected one of %(values)s.")
            % {"v": repr(age_band), "values": ", ".join(AgeBand.values)}
        ]
    if urgency not in Urgency.values:
        errors["urgency"] = [_("Unknown urgency %(v)s.") % {"v": repr(urgency)}]
    if mode == ConsultationMode.ANONYMOUS and local_reference:
        errors["local_reference"] = [_("An anonymous case has no reference of your own organisation.")]
    for name, call in (
        ("county", lambda: resolve_county(county, timezone.localtime(now).date())),
        ("expertise_area", lambda: resolve_expertise_area(expertise_area)),
        ("question", lambda: check_free_text("question", question)),
        ("local_reference", lambda: check_free_text("local_reference", local_reference, max_length=40)),
    ):
        try:
            call()
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.message_dict.get(name, exc.messages))
    if not (question or "").strip():
        errors.setdefault("question", []).append(_("Write the question."))
    if errors:
        raise ValidationError(errors)
    county_obj = resolve_county(county, timezone.localtime(now).date())
    area = resolve_expertise_area(expertise_area)
    with transaction.atomic():
        request = ConsultationRequest(
            case_code=_new_case_code(),
            requester=acting_user(actor),
            mode=mode,
            county=county_obj,
            age_band=age_band,
            expertise_area=area,
            urgency=urgency,
            question=question.strip(),
            local_reference=local_reference.strip(),
            submitted_at=now,
            acknowledge_due=due_at(DeadlineKind.ACKNOWLEDGE, urgency, now),
            answer_due=due_at(DeadlineKind.ANSWER, urgency, now),
        )
        request.full_clean()
        request.save()
        _notify_on_commit(list(_coordinators()), _("New OT-centre consultation request"), request)
    return request


def _require_coordinator(actor: Actor) -> None:
    if not is_coordinator(actor):
        raise PermissionDenied


def triage_request(
    request: ConsultationRequest,
    *,
    actor: Actor,
    expertise_area: Any = None,
    urgency: str | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ConsultationRequest:
    """The coordinator acknowledges the case and may correct its area and urgency."""
    permissions.require_visible(actor, request)
    _require_coordinator(actor)
    check_free_text("note", note)
    area = resolve_expertise_area(expertise_area) if expertise_area else None
    if urgency is not None and urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Unknown urgency %(v)s.") % {"v": repr(urgency)}})
    with transaction.atomic():
        current = _locked(request)
        _require_status(current, (RequestStatus.SUBMITTED,), _("triaged"))
        current.triaged_at = now or timezone.now()
        current.triage_note = note
        if area is not None:
            current.expertise_area = area
        if urgency is not None and urgency != current.urgency:
            current.urgency = urgency
            current.answer_due = due_at(DeadlineKind.ANSWER, urgency, current.submitted_at)
        current.status = RequestStatus.TRIAGED
        current.save()
        _notify_on_commit([current.requester], _("Your OT-centre consultation was received"), current)
    return current


def assign_expert(
    request: ConsultationRequest, *, actor: Actor, expert: Expert, now: dt.datetime | None = None
) -> ConsultationRequest:
    """The coordinator assigns an expert of the case's expertise area who is in the network today."""
    permissions.require_visible(actor, request)
    _require_coordinator(actor)
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked(request)
        _require_status(current, (RequestStatus.TRIAGED, RequestStatus.ASSIGNED), _("assigned"))
        if not expert.expertise_areas.filter(pk=current.expertise_area_id).exists():
            raise ValidationError(
                {
                    "expert": _("%(expert)s does not cover the expertise area %(area)s; choose an expert of that area.")
                    % {"expert": expert, "area": current.expertise_area.name}
                }
            )
        if not expert.is_valid_on(timezone.localtime(now).date()):
            raise ValidationError({"expert": _("%(expert)s is not in the network on this date.") % {"expert": expert}})
        current.assigned_expert = expert
        current.assigned_at = now
        current.status = RequestStatus.ASSIGNED
        current.save()
        _notify_on_commit(
            [expert.user], _("An OT-centre consultation was assigned to you"), current, kind="consultation_assigned"
        )
    return current


def _participant(actor: Actor, request: ConsultationRequest) -> bool:
    return (
        request.requester_id == actor.pk
        or (request.assigned_expert is not None and request.assigned_expert.user_id == actor.pk)
        or is_coordinator(actor)
    )


def post_message(request: ConsultationRequest, *, actor: Actor, body: str) -> CaseMessage:
    """A message in the case's thread (requester, assigned expert or coordinator; not after closing)."""
    permissions.require_visible(actor, request)
    check_free_text("body", body)
    if not (body or "").strip():
        raise ValidationError({"body": _("Write the message.")})
    with transaction.atomic():
        current = _locked(request)
        _require_status(current, tuple(s for s in RequestStatus.values if s != RequestStatus.CLOSED), _("commented"))
        message = CaseMessage(request=current, author=acting_user(actor), body=body.strip())
        message.full_clean()
        message.save()
        others = [current.requester, current.assigned_expert.user if current.assigned_expert else None]
        _notify_on_commit(
            [u for u in others if u is not None and u.pk != actor.pk],
            _("New message in an OT-centre consultation"),
            current,
        )
    return message


def record_conference(
    request: ConsultationRequest, *, actor: Actor, held_on: dt.date, attendees: str, statement: str
) -> CaseConference:
    """The expert or coordinator records the optional case conference and its written statement."""
    permissions.require_visible(actor, request)
    if not (is_coordinator(actor) or (request.assigned_expert and request.assigned_expert.user_id == actor.pk)):
        raise PermissionDenied
    check_free_text("attendees", attendees, max_length=1000)
    check_free_text("statement", statement)
    with transaction.atomic():
        current = _locked(request)
        _require_status(current, (RequestStatus.ASSIGNED, RequestStatus.ANSWERED), _("given a case conference"))
        conference = CaseConference.objects.filter(request=current).first() or CaseConference(request=current)
        conference.held_on, conference.attendees, conference.statement = held_on, attendees, statement
        conference.full_clean()
        conference.save()
    return conference


def answer_request(
    request: ConsultationRequest, *, actor: Actor, answer: str, now: dt.datetime | None = None
) -> ConsultationRequest:
    """The assigned expert answers; a closed case cannot be answered (409, nothing stored)."""
    permissions.require_visible(actor, request)
    check_free_text("answer", answer)
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer.")})
    with transaction.atomic():
        current = _locked(request)
        if current.status == RequestStatus.CLOSED:
            raise ConflictError(_("The case is closed: it can no longer be answered."))
        if current.assigned_expert is None or current.assigned_expert.user_id != actor.pk:
            raise PermissionDenied
        _require_status(current, (RequestStatus.ASSIGNED, RequestStatus.ANSWERED), _("answered"))
        current.answer = answer.strip()
        current.answered_at = current.answered_at or now or timezone.now()
        current.status = RequestStatus.ANSWERED
        current.save()
        _notify_on_commit([current.requester], _("Your OT-centre consultation was answered"), current)
    return current


def close_request(
    request: ConsultationRequest, *, actor: Actor, survey: dict | None = None, now: dt.datetime | None = None
) -> ConsultationRequest:
    """Close the case (requester with the close-out survey, or the coordinator) and fix the
    date on which its free text is removed."""
    permissions.require_visible(actor, request)
    now = now or timezone.now()
    is_requester = request.requester_id == actor.pk
    if not (is_requester or is_coordinator(actor)):
        raise PermissionDenied
    if is_requester and survey is None:
        raise ValidationError({"usefulness": _("Answer the close-out survey to close the case.")})
    if survey is not None:
        usefulness = survey.get("usefulness")
        if not isinstance(usefulness, int) or not 1 <= usefulness <= 5:
            raise ValidationError({"usefulness": _("Usefulness must be a whole number from 1 to 5.")})
        for key in ("plan_changed", "referral_avoided", "identity_needed"):
            if not isinstance(survey.get(key), bool):
                raise ValidationError({key: _("Answer yes or no.")})
    with transaction.atomic():
        current = _locked(request)
        _require_status(
            current, (RequestStatus.ANSWERED,) if is_requester else tuple(RequestStatus.values[:-1]), _("closed")
        )
        if survey is not None:
            CloseOutSurvey.objects.filter(request=current).delete()
            row = CloseOutSurvey(
                request=current,
                **{k: survey[k] for k in ("usefulness", "plan_changed", "referral_avoided", "identity_needed")},
            )
            row.full_clean()
            row.save()
        current.status = RequestStatus.CLOSED
        current.closed_at = now
        current.redaction_due = due_at(DeadlineKind.REDACTION, RuleUrgency.ANY, now)
        current.save()
    return current


# --- Scheduled work ---------------------------------------------------------------------------------


def redaction_text(request: ConsultationRequest) -> str:
    """The structured fields that replace the free text (no translation: stored once, read by all)."""
    return (
        f"[{request.expertise_area.code} | {request.age_band} | {request.county.code} | {request.urgency} | "
        f"{request.mode}]"
    )


def redact_due_requests(*, now: dt.datetime | None = None) -> int:
    """Replace the free text of closed cases whose redaction date has come; statistics stay.

    Idempotent: a redacted case has ``redacted_at`` and is skipped.
    """
    now = now or timezone.now()
    done = 0
    due = ConsultationRequest.objects.filter(
        status=RequestStatus.CLOSED, redaction_due__lte=now, redacted_at__isnull=True
    ).select_related("expertise_area", "county")
    for request in due:
        with transaction.atomic():
            current = (
                ConsultationRequest.objects.select_for_update()
                .select_related("expertise_area", "county")
                .get(pk=request.pk)
            )
            if current.redacted_at is not None:
                continue
            summary = redaction_text(current)
            current.question = summary
            current.answer = summary if current.answer else ""
            current.triage_note = ""
            current.local_reference = ""
            current.redacted_at = now
            current.save()
            CaseMessage.objects.filter(request=current).update(body=summary)
            CaseConference.objects.filter(request=current).update(attendees="", statement=summary)
            done += 1
    return done


def send_due_reminders(*, now: dt.datetime | None = None) -> int:
    """One reminder per case and kind when a deadline is near or past and the step is not done.

    Acknowledgement reminders go to the coordinators, answer reminders to the assigned expert (or the
    coordinators while nobody is assigned). The ``ReminderSent`` row, unique per case and kind, is
    written in the same transaction before the e-mail is queued on commit: a second run sends nothing.
    """
    now = now or timezone.now()
    rules = {(r.kind, r.urgency): r for r in DeadlineRule.objects.all()}

    def lead(kind: str, urgency: str) -> dt.timedelta:
        rule = rules.get((kind, urgency)) or rules.get((kind, RuleUrgency.ANY))
        return dt.timedelta(hours=rule.remind_before_hours if rule else 0)

    sent = 0
    open_cases = (
        ConsultationRequest.objects.exclude(status__in=(RequestStatus.ANSWERED, RequestStatus.CLOSED))
        .select_related("assigned_expert__user")
        .order_by("pk")
    )
    for request in open_cases:
        due: list[str] = []
        if request.status == RequestStatus.SUBMITTED and now >= request.acknowledge_due - lead(
            DeadlineKind.ACKNOWLEDGE, request.urgency
        ):
            due.append(DeadlineKind.ACKNOWLEDGE)
        if now >= request.answer_due - lead(DeadlineKind.ANSWER, request.urgency):
            due.append(DeadlineKind.ANSWER)
        for kind in due:
            if ReminderSent.objects.filter(request=request, kind=kind).exists():
                continue
            if kind == DeadlineKind.ANSWER and request.assigned_expert is not None:
                users = [request.assigned_expert.user]
            else:
                users = list(_coordinators())
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        request=request, kind=kind, recipients=len({u.email for u in users if u.email})
                    )
                    subject = _("Reminder: an OT-centre consultation deadline is near or past")
                    _notify_on_commit(users, subject, request)
            except IntegrityError:
                continue  # a parallel run recorded it first
            sent += 1
    return sent


# --- Pilot evidence ---------------------------------------------------------------------------------


def submit_experience_report(
    *,
    actor: Actor,
    pilot: Pilot,
    county: Any,
    profession: str,
    ease_of_use: int,
    support_for_work: int,
    would_use_again: bool,
    tools_needed: str = "",
    comment: str = "",
) -> ExperienceReport:
    """A professional's short survey; no name is stored with it."""
    permissions.require_creatable(actor, ExperienceReport)
    check_free_text("comment", comment, max_length=2000)
    check_free_text("tools_needed", tools_needed, max_length=2000)
    county_obj = resolve_county(county, timezone.localdate())
    with transaction.atomic():
        report = ExperienceReport(
            pilot=pilot,
            county=county_obj,
            profession=profession,
            ease_of_use=ease_of_use,
            support_for_work=support_for_work,
            would_use_again=would_use_again,
            tools_needed=tools_needed,
            comment=comment,
        )
        report.full_clean()
        report.save()
    return report


def request_pilot_report(*, actor: Actor, month: dt.date, language: str) -> Job:
    """Queue the monthly pilot report PDF (fi or sv)."""
    from ot_centre.models import PilotReport
    from ot_centre.tasks import PILOT_REPORT_JOB, generate_pilot_report
    from portal.jobs import start_job

    permissions.require_creatable(actor, PilotReport)
    if language not in ("fi", "sv"):
        raise ValidationError({"language": _("Choose Finnish or Swedish.")})
    return start_job(
        generate_pilot_report,
        kind=PILOT_REPORT_JOB,
        actor=actor,
        input_ref={"language": language, "month": month.replace(day=1).isoformat()},
    )
