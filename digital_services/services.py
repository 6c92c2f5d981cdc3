"""Verbs of the digital-services area. Each checks rights, validates and writes in one transaction."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from digital_services import files
from digital_services.models import (
    ChatDailyStat,
    ChatIntent,
    CounsellingSegment,
    MonthlyFigure,
    Rollout,
    SegmentHistory,
)
from digital_services.selectors import COUNT_FIELDS, first_of_month, match_intent, population_on
from portal import permissions, roles
from portal.jobs import start_job
from portal.models import Job, Organisation
from portal.services import save_object
from portal.types import Actor
from portal.uploads import SPREADSHEETS, check_upload

FIGURE_UPLOAD = "digital_services.monthly_figures"
MUNICIPALITY_REPORT = "digital_services.municipality_report"
HUMAN_CHANNEL_AFTER = 3
#: The indicator bank's published values (``portal.providers``): called with ``indicator=<code>``,
#: it returns published yearly rows ``{"year", "value", ...}`` of the wellbeing services county.
INDICATOR_BANK_PROVIDER = "indicator_bank.indicator_values"


# --- monthly figures -------------------------------------------------------------------------------


def figure_problems(
    organisation: Organisation, month: dt.date, values: dict[str, int], *, exclude_pk: int | None = None
) -> dict[str, str]:
    """The rules of one month's figures: no future month, no duplicate month, no negative count,
    recipients not above the population. Returns ``{field: message}``."""
    problems: dict[str, str] = {}
    if month > first_of_month(timezone.localdate()):
        problems["month"] = _("%(month)s is in the future.") % {"month": month.strftime("%Y-%m")}
    duplicate = MonthlyFigure.objects.filter(organisation=organisation, month=month)
    if exclude_pk:
        duplicate = duplicate.exclude(pk=exclude_pk)
    if duplicate.exists():
        problems["month"] = _("%(organisation)s already has figures for %(month)s.") % {
            "organisation": organisation.name,
            "month": month.strftime("%Y-%m"),
        }
    for name in COUNT_FIELDS:
        value = values.get(name)
        if value is not None and value < 0:
            problems[name] = _("A count cannot be negative (%(value)s).") % {"value": value}
    recipients = values.get("messages_recipients") or 0
    population = population_on(organisation.pk, month.year)
    if population is not None and recipients > population:
        problems["messages_recipients"] = _(
            "%(recipients)s recipients is more than the population of %(organisation)s (%(population)s)."
        ) % {"recipients": recipients, "organisation": organisation.name, "population": population}
    return problems


def _require_own_organisation(actor: Actor, organisation: Organisation) -> None:
    if not MonthlyFigure.objects.can_create_for(actor, organisation):
        raise PermissionDenied(_("You may enter figures only for the organisations you are a data steward of."))


def save_monthly_figure(figure: MonthlyFigure, *, actor: Actor) -> MonthlyFigure:
    """Create or change one month's figures of the actor's own organisation."""
    if figure.pk:
        permissions.require_editable(actor, MonthlyFigure.objects.get(pk=figure.pk))
    _require_own_organisation(actor, figure.organisation)
    if figure.month:
        figure.month = first_of_month(figure.month)
    values = {name: getattr(figure, name) for name in COUNT_FIELDS}
    problems = figure_problems(figure.organisation, figure.month, values, exclude_pk=figure.pk)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        figure.full_clean()
        figure.save()
    return figure


MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$")


def _parse_month(raw: str) -> dt.date | None:
    match = MONTH.match(raw.strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1)


@dataclass
class FigureImport:
    rows: list[MonthlyFigure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def validate_figure_rows(rows: list[files.Row], *, filename: str, actor: Actor) -> FigureImport:
    """Turn numbered rows into unsaved figures, or row-numbered errors (file, row, column, expected)."""
    result = FigureImport()
    required = ("organisation", "month", *COUNT_FIELDS)
    if rows:
        missing = [c for c in required if c not in rows[0].values]
        if missing:
            result.errors.append(
                _("%(file)s: missing columns %(columns)s. Expected columns: %(expected)s.")
                % {"file": filename, "columns": ", ".join(missing), "expected": ", ".join(required)}
            )
            return result
    organisations = {
        o.code: o for o in Organisation.objects.filter(code__in={r.values.get("organisation", "") for r in rows})
    }
    seen: dict[tuple[str, dt.date], int] = {}
    for row in rows:
        where = _("%(file)s, row %(row)s") % {"file": filename, "row": row.number}
        code = row.values.get("organisation", "")
        organisation = organisations.get(code)
        if organisation is None:
            result.errors.append(
                _("%(where)s, column organisation: unknown organisation code %(code)r.")
                % {"where": where, "code": code}
            )
            continue
        if not MonthlyFigure.objects.can_create_for(actor, organisation):
            result.errors.append(
                _("%(where)s: you are not a data steward of %(organisation)s.")
                % {"where": where, "organisation": organisation.name}
            )
            continue
        month = _parse_month(row.values.get("month", ""))
        if month is None:
            result.errors.append(
                _("%(where)s, column month: expected a month as YYYY-MM, got %(value)r.")
                % {"where": where, "value": row.values.get("month", "")}
            )
            continue
        values: dict[str, int] = {}
        bad = False
        for name in COUNT_FIELDS:
            raw = row.values.get(name, "").replace(" ", "").replace("\u00a0", "")
            try:
                values[name] = int(raw or "0")
            except ValueError:
                result.errors.append(
                    _("%(where)s, column %(column)s: expected a whole number, got %(value)r.")
                    % {"where": where, "column": name, "value": raw}
                )
                bad = True
        if bad:
            continue
        key = (code, month)
        if key in seen:
            result.errors.append(
                _("%(where)s, column month: %(month)s of %(organisation)s is already on row %(other)s.")
                % {
                    "where": where,
                    "month": month.strftime("%Y-%m"),
                    "organisation": organisation.name,
                    "other": seen[key],
                }
            )
            continue
        seen[key] = row.number
        for column, message in figure_problems(organisation, month, values).items():
            result.errors.append(
                _("%(where)s, column %(column)s: %(message)s") % {"where": where, "column": column, "message": message}
            )
        result.rows.append(MonthlyFigure(organisation=organisation, month=month, **values))
    return result


def import_monthly_figures(content: bytes, *, filename: str, actor: Actor, job: Job | None = None) -> int:
    """All rows or none: any problem refuses the whole file with every problem listed."""
    try:
        rows = files.read_table(content, filename)
    except files.FileProblem as exc:
        raise ValidationError(str(exc)) from exc
    if not rows:
        raise ValidationError(_("%(file)s has no data rows.") % {"file": filename})
    result = validate_figure_rows(rows, filename=filename, actor=actor)
    if result.errors:
        raise ValidationError(result.errors)
    with transaction.atomic():
        for figure in result.rows:
            figure.job = job
            figure.full_clean()
            figure.save()
    return len(result.rows)


def start_figure_upload(upload: UploadedFile, *, actor: Actor) -> Job:
    """Store the upload untouched and queue the import job; the job page shows progress and errors."""
    if not roles.is_administrator(actor) and not roles.stewarded_organisation_ids(actor):
        raise PermissionDenied(_("Only data stewards upload monthly figures."))
    check_upload(upload, allowed=SPREADSHEETS)
    content = upload.read()
    name = (upload.name or "").rsplit("/", 1)[-1]
    path = default_storage.save(f"digital_services/uploads/{get_random_string(12)}-{name}", ContentFile(content))
    ids = roles.stewarded_organisation_ids(actor)
    organisation = Organisation.objects.filter(pk__in=ids).first() if len(ids) == 1 else None
    from digital_services.tasks import import_figures_job

    return start_job(
        import_figures_job,
        kind=FIGURE_UPLOAD,
        actor=actor,
        organisation=organisation,
        input_ref={"path": path, "filename": name, "actor_id": actor.pk},
    )


def save_rollout(rollout: Rollout, *, actor: Actor) -> Rollout:
    """Create or change a rollout: a steward only for their own organisation (refused before any
    validation, so nothing about another organisation's rows is revealed)."""
    if rollout.pk:
        permissions.require_editable(actor, Rollout.objects.get(pk=rollout.pk))
    if not Rollout.objects.can_create_for(actor, rollout.organisation if rollout.organisation_id else None):
        raise PermissionDenied(_("You may change rollouts only for the organisations you are a data steward of."))
    return save_object(rollout, actor=actor)


# --- reports ------------------------------------------------------------------------------------------


def start_municipality_report(organisation: Organisation, *, language: str, actor: Actor) -> Job:
    """Queue the municipality PDF (fi or sv)."""
    if not roles.is_signed_in(actor):
        raise PermissionDenied
    if language not in ("fi", "sv"):
        raise ValidationError({"language": _("The report is made in Finnish or Swedish.")})
    from digital_services.tasks import municipality_report_job

    return start_job(
        municipality_report_job,
        kind=MUNICIPALITY_REPORT,
        actor=actor,
        input_ref={"organisation": organisation.code, "language": language},
    )


# --- the guidance chat ------------------------------------------------------------------------------------

UNMATCHED = "unmatched"
HUMAN_CHANNEL = "human-channel"


@dataclass
class ChatReply:
    intent: ChatIntent | None
    answer: str
    escalation: int
    contacts: list[Any]
    unmatched: int
    human_channel: bool = False

    @property
    def code(self) -> str:
        if self.intent is not None:
            return self.intent.code
        return HUMAN_CHANNEL if self.human_channel else UNMATCHED


def _count(code: str, escalation: int, day: dt.date) -> None:
    """Add one to the day's count of ``code`` (the only trace a message leaves)."""
    with transaction.atomic():
        updated = ChatDailyStat.objects.filter(day=day, intent_code=code).update(count=F("count") + 1)
        if updated:
            return
        try:
            with transaction.atomic():
                ChatDailyStat.objects.create(day=day, intent_code=code, escalation=escalation, count=1)
        except IntegrityError:  # another process created the row in between
            ChatDailyStat.objects.filter(day=day, intent_code=code).update(count=F("count") + 1)


def answer_chat_message(text: str, *, language: str, unmatched_before: int) -> ChatReply:
    """Answer one message by the rules. The text is used here and forgotten: only the matched intent's
    code and the day's count are written. ``unmatched_before`` travels with the conversation (a form
    field), not in any store."""
    language = language if language in ("fi", "sv", "en") else "fi"
    intent = match_intent(text, language)
    day = timezone.localdate()
    if intent is not None:
        reply = ChatReply(intent, intent.answer(language), intent.escalation, list(intent.contacts.all()), 0)
        _count(intent.code, intent.escalation, day)
        return reply
    unmatched = unmatched_before + 1
    if unmatched >= HUMAN_CHANNEL_AFTER:
        human = ChatIntent.objects.filter(code=HUMAN_CHANNEL, active=True).prefetch_related("contacts").first()
        answer = (
            human.answer(language) if human else _("I could not help. Please contact a person: the contacts are below.")
        )
        contacts = list(human.contacts.all()) if human else []
        _count(HUMAN_CHANNEL, human.escalation if human else 1, day)
        return ChatReply(None, answer, human.escalation if human else 1, contacts, 0, human_channel=True)
    _count(UNMATCHED, 0, day)
    fallback = ChatIntent.objects.filter(code=UNMATCHED, active=True).first()
    answer = fallback.answer(language) if fallback else _("I did not understand. Could you say it in other words?")
    return ChatReply(None, answer, 0, [], unmatched)


# --- the counselling model --------------------------------------------------------------------------------


def import_segment_history(content: bytes, *, filename: str, actor: Actor) -> int:
    """Import segment history rows (columns segment, year, persons, contacts) from a CSV/XLSX file;
    all rows or none, errors name the row."""
    if not CounsellingSegment.objects.can_create(actor):
        raise PermissionDenied
    try:
        rows = files.read_table(content, filename)
    except files.FileProblem as exc:
        raise ValidationError(str(exc)) from exc
    segments = {s.code: s for s in CounsellingSegment.objects.all()}
    errors: list[str] = []
    parsed = []
    for row in rows:
        where = _("%(file)s, row %(row)s") % {"file": filename, "row": row.number}
        segment = segments.get(row.values.get("segment", ""))
        if segment is None:
            errors.append(
                _("%(where)s, column segment: unknown segment code %(code)r.")
                % {"where": where, "code": row.values.get("segment", "")}
            )
            continue
        try:
            year = int(row.values.get("year", ""))
            persons = int(row.values.get("persons", ""))
            contacts = int(row.values["contacts"]) if row.values.get("contacts") else None
        except ValueError:
            errors.append(_("%(where)s: year, persons and contacts must be whole numbers.") % {"where": where})
            continue
        if persons < 0 or (contacts is not None and contacts < 0):
            errors.append(_("%(where)s: counts cannot be negative.") % {"where": where})
            continue
        parsed.append((segment, year, persons, contacts))
    if errors:
        raise ValidationError(errors)
    return _store_history(parsed, source_kind="file", source=filename)


def import_segment_history_from_provider(
    segment: CounsellingSegment, *, indicator: str, actor: Actor, provider_name: str = INDICATOR_BANK_PROVIDER
) -> int:
    """Import a segment's history from a published indicator provider (``portal.providers``), by
    default the one the indicator bank registers; no cross-app import. Returns the rows stored
    (0 when the provider has no values of ``indicator``)."""
    from portal import providers

    if not CounsellingSegment.objects.can_create(actor):
        raise PermissionDenied
    provider = providers.get_optional(provider_name)
    if provider is None:
        raise ValidationError(_("No data provider %(name)s is registered.") % {"name": provider_name})
    parsed = [
        (segment, int(r["year"]), int(r["value"]), None)
        for r in provider(indicator=indicator)
        if r.get("value") is not None
    ]
    return _store_history(parsed, source_kind="indicator_bank", source=f"{provider_name}:{indicator}")


def _store_history(
    parsed: Sequence[tuple[CounsellingSegment, int, int, int | None]], *, source_kind: str, source: str
) -> int:
    with transaction.atomic():
        for segment, year, persons, contacts in parsed:
            row = SegmentHistory.objects.filter(segment=segment, year=year).first() or SegmentHistory(
                segment=segment, year=year
            )
            row.persons, row.contacts, row.source_kind, row.source = persons, contacts, source_kind, source
            row.full_clean()
            row.save()
    return len(parsed)
