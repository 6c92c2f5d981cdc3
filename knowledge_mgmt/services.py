# Over 600 lines: the indicator bank's verbs all end in resolve_rows/store_values and share their row checks; the computed indicators already live in computed.py.
"""Verbs of the indicator bank: validate and store values, targets, aggregates, computed indicators.

Every import path (Sotkanet files, the CSV/XLSX template, manual entry, computed indicators) ends in
``resolve_rows`` (all rows validated first, every problem named by its row) and ``store_values``
(one transaction; rows whose value, absolute value and status are unchanged are not touched, so a
re-import of the same file changes nothing).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from knowledge_mgmt.aggregation import SIX_PLACES, Part, PopulationTable, combine, members_on, period_end
from knowledge_mgmt.choices import (
    Computation,
    Periodicity,
    Sex,
    ValueSource,
    ValueStatus,
)
from knowledge_mgmt.models import Indicator, IndicatorValue, Target
from knowledge_mgmt.receivers import KNOWLEDGE
from portal import datacache
from portal.choices import OrganisationKind
from portal.codes import code_problem
from portal.jobs import Message, msg
from portal.models import Job, Organisation
from portal.types import Actor, acting_user

if TYPE_CHECKING:
    from knowledge_mgmt.models import MaturitySurvey
    from portal.models import Concept

MAX_REPORTED_ERRORS = 20
SEX_ALIASES = {
    "total": Sex.TOTAL,
    "yhteensä": Sex.TOTAL,
    "yhteensa": Sex.TOTAL,
    "totalt": Sex.TOTAL,
    "": Sex.TOTAL,
    "male": Sex.MALE,
    "miehet": Sex.MALE,
    "män": Sex.MALE,
    "female": Sex.FEMALE,
    "naiset": Sex.FEMALE,
    "kvinnor": Sex.FEMALE,
}
STATUS_ALIASES = {"": ValueStatus.FINAL, "final": ValueStatus.FINAL, "provisional": ValueStatus.PROVISIONAL}


class InvalidInput(ValidationError):
    """Rows that cannot be stored; ``messages`` name each row and the problem.

    A ``ValidationError``, so the kit's one mapping shows it (form errors in the UI, 400 in the API);
    ``str()`` is the one-line summary a job shows (the first problems and how many more)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(list(messages))
        shown = messages[:MAX_REPORTED_ERRORS]
        more = len(messages) - len(shown)
        text = "; ".join(shown)
        if more:
            text += " " + _("(and %(n)s more problems)") % {"n": more}
        self.summary = text

    def __str__(self) -> str:
        return self.summary


@dataclass
class RawRow:
    """One input row as read from a file or a form; ``label`` names it in messages ("row 5")."""

    label: str
    indicator: str | Indicator
    organisation: str | Organisation
    year: object
    value: object
    absolute_value: object = None
    sex: str = Sex.TOTAL
    quarter: object = 0
    month: object = 0
    breakdown: str = ""
    status: str = ValueStatus.FINAL


@dataclass(frozen=True)
class ResolvedRow:
    label: str
    indicator: Indicator
    organisation: Organisation
    year: int
    quarter: int
    month: int
    sex: str
    breakdown: str
    value: Decimal | None
    absolute_value: Decimal | None
    status: str

    @property
    def key(self) -> tuple:
        return (self.indicator.pk, self.organisation.pk, self.year, self.quarter, self.month, self.sex, self.breakdown)


@dataclass
class StoreReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    notes: list[str | Message] = field(default_factory=list)
    # Per indicator code: {"created", "updated", "unchanged", "skipped"} (the import report).
    per_indicator: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, code: str, what: str, n: int = 1) -> None:
        entry = self.per_indicator.setdefault(code, {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0})
        entry[what] += n

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged, "deleted": self.deleted}

    def summary(self) -> Message:
        """Rendered in the reader's language when shown (a job message; ``str()`` renders it now)."""
        counts = self.as_dict()
        return msg(
            gettext_noop("%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(deleted)s removed"),
            **{key: counts[key] for key in ("created", "updated", "unchanged", "deleted")},
        )


def parse_decimal(raw: object) -> Decimal | None:
    """A number from a file cell: 1234.5, "1 234,5", "1234,5"; empty is None; anything else raises."""
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = re.sub(r"[\s\u00a0]", "", str(raw))
    if text == "":
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not number.is_finite():
        raise ValueError(raw)
    return number


def _int(raw: object, default: int | None = None) -> int:
    if raw in (None, ""):
        if default is None:
            raise ValueError(raw)
        return default
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return int(str(raw).strip())


def resolve_rows(rows: Iterable[RawRow]) -> list[ResolvedRow]:
    """Validate every row (two queries whatever the number of rows); raise InvalidInput naming rows."""
    rows = list(rows)
    codes = {r.indicator for r in rows if isinstance(r.indicator, str)}
    org_codes = {r.organisation for r in rows if isinstance(r.organisation, str)}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=org_codes)}
    errors: list[str] = []
    resolved: list[ResolvedRow] = []
    seen: dict[tuple, str] = {}
    for row in rows:
        problems: list[str] = []
        indicator = row.indicator if isinstance(row.indicator, Indicator) else indicators.get(str(row.indicator))
        if indicator is None:
            problems.append(_("unknown indicator code %(code)r") % {"code": row.indicator})
        organisation = (
            row.organisation if isinstance(row.organisation, Organisation) else organisations.get(str(row.organisation))
        )
        if organisation is None:
            problems.append(_("unknown organisation code %(code)r") % {"code": row.organisation})
        try:
            year = _int(row.year)
        except (TypeError, ValueError):
            year = None
            problems.append(_("year %(year)r is not a year") % {"year": row.year})
        if year is not None and indicator is not None and not indicator.year_in_range(year):
            problems.append(
                _("year %(year)s is outside the range %(first)s–%(last)s of indicator %(code)s")
                % {"year": year, "first": indicator.first_year, "last": indicator.last_year, "code": indicator.code}
            )
        try:
            quarter = _int(row.quarter, 0)
            month = _int(row.month, 0)
        except (TypeError, ValueError):
            quarter = month = 0
            problems.append(_("quarter or month is not a number"))
        if not 0 <= quarter <= 4 or not 0 <= month <= 12 or (quarter and month):
            problems.append(_("give a quarter 1–4 or a month 1–12, not both"))
        elif indicator is not None:
            if quarter and indicator.periodicity != Periodicity.QUARTER:
                problems.append(_("indicator %(code)s has no quarterly values") % {"code": indicator.code})
            if month and indicator.periodicity != Periodicity.MONTH:
                problems.append(_("indicator %(code)s has no monthly values") % {"code": indicator.code})
        sex = SEX_ALIASES.get(str(row.sex or "").strip().lower())
        if sex is None:
            problems.append(_("sex %(sex)r is not total, male or female") % {"sex": row.sex})
        status = STATUS_ALIASES.get(str(row.status or "").strip().lower())
        if status is None:
            problems.append(_("status %(status)r is not final or provisional") % {"status": row.status})
        values = []
        for name, raw in (("value", row.value), ("absolute value", row.absolute_value)):
            try:
                number = parse_decimal(raw)
            except ValueError:
                number = None
                problems.append(_("%(column)s %(raw)r is not a number") % {"column": _(name), "raw": raw})
            if number is not None and abs(number) >= Decimal("1e14"):
                problems.append(_("%(column)s %(raw)r is too large") % {"column": _(name), "raw": raw})
                number = None
            values.append(number.quantize(SIX_PLACES, ROUND_HALF_UP) if number is not None else None)
        if row.value is None or (isinstance(row.value, str) and not row.value.strip()):
            problems.append(_("value is missing"))
        breakdown = str(row.breakdown or "").strip()
        problem = code_problem(breakdown, what=_("breakdown code"), blank=True)
        if problem:
            problems.append(problem)
        # Each None below has added a problem; the test repeats it for the type checker.
        if not problems and indicator and organisation and year is not None and sex and status:
            item = ResolvedRow(
                label=row.label,
                indicator=indicator,
                organisation=organisation,
                year=year,
                quarter=quarter,
                month=month,
                sex=sex,
                breakdown=breakdown,
                value=values[0],
                absolute_value=values[1],
                status=status,
            )
            if item.key in seen:
                problems.append(_("duplicates %(other)s") % {"other": seen[item.key]})
            else:
                seen[item.key] = row.label
                resolved.append(item)
        if problems:
            errors.append(f"{row.label}: " + ", ".join(problems))
    if errors:
        raise InvalidInput(errors)
    return resolved


def store_values(
    rows: list[ResolvedRow],
    *,
    source_kind: str,
    job: Job | None = None,
    source_file: str = "",
    actor: Actor | None = None,
    replace_scope: Callable | None = None,
) -> StoreReport:
    """Write resolved rows in one transaction; unchanged rows are left alone.

    ``replace_scope``, when given, is a queryset filter function: existing values inside it that
    the new rows do not contain are deleted (a recomputation replaces its previous run).
    """
    report = StoreReport()
    now = timezone.now()
    with transaction.atomic():
        existing: dict[tuple, IndicatorValue] = {}
        by_indicator: dict[int, set[int]] = defaultdict(set)
        for row in rows:
            by_indicator[row.indicator.pk].add(row.year)
        for indicator_id, years in by_indicator.items():
            for obj in IndicatorValue.objects.filter(indicator_id=indicator_id, year__in=years).select_for_update():
                key = (obj.indicator_id, obj.organisation_id, obj.year, obj.quarter, obj.month, obj.sex, obj.breakdown)
                existing[key] = obj
        to_create, to_update = [], []
        for row in rows:
            obj = existing.get(row.key)
            if obj is None:
                report.count(row.indicator.code, "created")
                to_create.append(
                    IndicatorValue(
                        indicator=row.indicator,
                        organisation=row.organisation,
                        year=row.year,
                        quarter=row.quarter,
                        month=row.month,
                        sex=row.sex,
                        breakdown=row.breakdown,
                        value=row.value,
                        absolute_value=row.absolute_value,
                        status=row.status,
                        source_kind=source_kind,
                        job=job,
                        source_file=source_file,
                        entered_by=acting_user(actor),
                    )
                )
            elif (obj.value, obj.absolute_value, obj.status) != (row.value, row.absolute_value, row.status):
                obj.value, obj.absolute_value, obj.status = row.value, row.absolute_value, row.status
                obj.source_kind, obj.job, obj.source_file = source_kind, job, source_file
                obj.entered_by = acting_user(actor)
                obj.updated_at = now
                report.count(row.indicator.code, "updated")
                to_update.append(obj)
            else:
                report.unchanged += 1
                report.count(row.indicator.code, "unchanged")
        if source_kind == ValueSource.USER:
            # A person's entry (the value form: one row) is saved row by row so that the change
            # log records it; files and jobs write in bulk and are traced through their Job.
            for obj in [*to_create, *to_update]:
                obj.save()
        else:
            IndicatorValue.objects.bulk_create(to_create, batch_size=1000)
            IndicatorValue.objects.bulk_update(
                to_update,
                ["value", "absolute_value", "status", "source_kind", "job", "source_file", "entered_by", "updated_at"],
                batch_size=1000,
            )
        report.created, report.updated = len(to_create), len(to_update)
        if replace_scope is not None:
            keep = {row.key for row in rows}
            stale = [
                obj.pk
                for obj in replace_scope(IndicatorValue.objects.all())
                if (obj.indicator_id, obj.organisation_id, obj.year, obj.quarter, obj.month, obj.sex, obj.breakdown)
                not in keep
            ]
            report.deleted = IndicatorValue.objects.filter(pk__in=stale).delete()[0] if stale else 0
        if to_create or to_update or report.deleted:  # bulk writes send no signals: new page version
            datacache.changed(KNOWLEDGE)
    return report


def enter_value(
    *,
    actor: Actor,
    indicator: Indicator,
    organisation: Organisation,
    year: object,
    value: object,
    absolute_value: object = None,
    sex: str = Sex.TOTAL,
    quarter: object = 0,
    month: object = 0,
    breakdown: str = "",
    status: str = ValueStatus.FINAL,
) -> StoreReport:
    """Manual entry of one value (validated exactly like a file row)."""
    rows = resolve_rows(
        [
            RawRow(
                label=_("entry"),
                indicator=indicator,
                organisation=organisation,
                year=year,
                value=value,
                absolute_value=absolute_value,
                sex=sex,
                quarter=quarter,
                month=month,
                breakdown=breakdown,
                status=status,
            )
        ]
    )
    return store_values(rows, source_kind=ValueSource.USER, actor=actor)


def set_target(
    *, actor: Actor, indicator: Indicator, organisation: Organisation, year: int, value: Decimal, note: str = ""
) -> Target:
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            indicator=indicator, organisation=organisation, year=year, defaults={"value": value, "note": note}
        )
    return target


# --- aggregation to regions and wellbeing services counties ---------------------------------------


AGGREGATE_KINDS = (OrganisationKind.REGION, OrganisationKind.WELLBEING_SERVICES_COUNTY)


def compute_aggregates(indicator: Indicator, years: Iterable[int]) -> list[RawRow]:
    """Region and county values from the municipalities' values (see aggregation.py for the rules).

    An organisation that already has an imported or entered value for a cell keeps it.
    """
    years = sorted(set(years))
    targets = list(Organisation.objects.filter(kind__in=AGGREGATE_KINDS))
    target_ids = [t.pk for t in targets]
    values = IndicatorValue.objects.filter(indicator=indicator, year__in=years)
    cells: dict[tuple, dict[int, IndicatorValue]] = defaultdict(dict)
    own: set[tuple] = set()
    for obj in values:
        cell = (obj.year, obj.quarter, obj.month, obj.sex, obj.breakdown)
        cells[cell][obj.organisation_id] = obj
        if obj.organisation_id in target_ids and obj.source_kind != ValueSource.AGGREGATION:
            own.add((obj.organisation_id, *cell))
    member_ids: set[int] = set()
    memberships_by_day = {}
    for cell in cells:
        day = period_end(cell[0], cell[1], cell[2])
        if day not in memberships_by_day:
            memberships_by_day[day] = members_on(target_ids, day)
            for ids in memberships_by_day[day].values():
                member_ids.update(ids)
    populations = PopulationTable(member_ids)
    result: list[RawRow] = []
    for cell, by_org in sorted(cells.items()):
        year, quarter, month, sex, breakdown = cell
        day = period_end(year, quarter, month)
        for target in targets:
            if (target.pk, *cell) in own or not target.is_valid_on(day):
                continue
            members = memberships_by_day[day].get(target.pk)
            if not members:
                continue
            parts = [
                Part(
                    member_id=m,
                    value=by_org[m].value if m in by_org else None,
                    absolute_value=by_org[m].absolute_value if m in by_org else None,
                    population=populations.get(m, year),
                )
                for m in members
            ]
            aggregate = combine(indicator.value_type, parts)
            if aggregate is None:
                continue
            statuses = {by_org[m].status for m in members}
            result.append(
                RawRow(
                    label=f"{target.code} {year}",
                    indicator=indicator,
                    organisation=target,
                    year=year,
                    quarter=quarter,
                    month=month,
                    sex=sex,
                    breakdown=breakdown,
                    value=aggregate.value,
                    absolute_value=aggregate.absolute_value,
                    status=ValueStatus.PROVISIONAL if ValueStatus.PROVISIONAL in statuses else ValueStatus.FINAL,
                )
            )
    return result


def store_aggregates(indicator: Indicator, years: Iterable[int], *, job: Job | None = None) -> StoreReport:
    years = sorted(set(years))
    rows = resolve_rows(compute_aggregates(indicator, years))
    return store_values(
        rows,
        source_kind=ValueSource.AGGREGATION,
        job=job,
        replace_scope=lambda qs: qs.filter(indicator=indicator, year__in=years, source_kind=ValueSource.AGGREGATION),
    )


# --- ratio indicators (numerator / denominator of two other indicators) ---------------------------


def compute_ratio_indicator(indicator: Indicator, *, job: Job | None = None) -> StoreReport:
    """value = numerator / denominator x scale for every cell where both exist (and the denominator
    is not zero); the absolute value is the numerator's. Replaces the previous computation."""
    if indicator.computation != Computation.RATIO or not (indicator.numerator_id and indicator.denominator_id):
        raise InvalidInput([_("indicator %(code)s is not a ratio indicator") % {"code": indicator.code}])
    fields = ("organisation_id", "year", "quarter", "month", "sex", "breakdown")
    denominators = {
        tuple(v[:6]): v[6]
        for v in IndicatorValue.objects.filter(indicator_id=indicator.denominator_id).values_list(*fields, "value")
    }
    organisations = {o.pk: o for o in Organisation.objects.all()}
    raw = []
    for *key, numerator in IndicatorValue.objects.filter(indicator_id=indicator.numerator_id).values_list(
        *fields, "value"
    ):
        denominator = denominators.get(tuple(key))
        if numerator is None or not denominator or not indicator.year_in_range(key[1]):
            continue
        org_id, year, quarter, month, sex, breakdown = key
        raw.append(
            RawRow(
                label=f"{organisations[org_id].code} {year}",
                indicator=indicator,
                organisation=organisations[org_id],
                year=year,
                quarter=quarter,
                month=month,
                sex=sex,
                breakdown=breakdown,
                value=(numerator / denominator * indicator.ratio_scale).quantize(SIX_PLACES, ROUND_HALF_UP),
                absolute_value=numerator,
            )
        )
    rows = resolve_rows(raw)
    return store_values(
        rows,
        source_kind=ValueSource.JOB,
        job=job,
        replace_scope=lambda qs: qs.filter(indicator=indicator, source_kind=ValueSource.JOB),
    )


def recompute_dependent_ratios(indicators: Iterable[Indicator], *, job: Job | None = None) -> list[Message]:
    """Recompute every ratio indicator whose numerator or denominator is among ``indicators``."""
    ids = [i.pk for i in indicators]
    notes = []
    for ratio in Indicator.objects.filter(computation=Computation.RATIO).filter(
        Q(numerator_id__in=ids) | Q(denominator_id__in=ids)
    ):
        report = compute_ratio_indicator(ratio, job=job)
        notes.append(msg("%(code)s: %(summary)s", code=ratio.code, summary=report.summary()))
    return notes


# --- starting jobs ----------------------------------------------------------------------------------


def start_import(*, actor: Actor, filename: str, content: bytes, fmt: str = "", skip_outside: bool = False) -> Job:
    """Store the upload untouched and queue its import job; returns the Job."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils.text import get_valid_filename

    from knowledge_mgmt.tasks import import_indicator_file
    from portal.jobs import start_job

    digest = hashlib.sha256(content).hexdigest()
    safe_name = get_valid_filename(filename)[:100] or "upload"
    path = default_storage.save(f"knowledge/imports/{digest[:16]}/{safe_name}", ContentFile(content))
    return start_job(
        import_indicator_file,
        kind="knowledge_import",
        actor=actor,
        input_ref={
            "path": path,
            "filename": safe_name,
            "sha256": digest,
            "size": len(content),
            "format": fmt,
            "skip_outside": skip_outside,
        },
    )


def start_maturity_import(*, actor: Actor, survey: MaturitySurvey, filename: str, content: bytes) -> Job:
    """Store the file and queue the maturity results import as a job (never in the web request)."""
    from knowledge_mgmt.tasks import import_maturity_file
    from portal.jobs import start_job
    from portal.uploads import save_import_file

    return start_job(
        import_maturity_file,
        kind="maturity_import",
        actor=actor,
        input_ref={**save_import_file(content, filename, folder="knowledge/imports/maturity"), "survey": survey.code},
    )


REPORT_LANGUAGES = ("fi", "sv")
MUNICIPALITY_REPORT_BATCH = "knowledge_report_batch"  # the job kind (registered in apps.py)


def start_municipality_report_batch(*, actor: Actor, year: int | None = None, language: str = "fi") -> Job:
    """Queue the municipality report PDFs of every municipality (one year, one language) as one job
    whose result is a ZIP of the PDFs. Programme staff and administrators only."""
    from django.core.exceptions import PermissionDenied

    from knowledge_mgmt.tasks import municipality_report_batch
    from portal import roles
    from portal.jobs import start_job

    if not roles.is_programme_editor(actor):
        raise PermissionDenied(_("Only programme staff create the reports of all municipalities at once."))
    if language not in REPORT_LANGUAGES:
        raise ValidationError({"language": _("The report is made in Finnish or Swedish.")})
    return start_job(
        municipality_report_batch,
        kind=MUNICIPALITY_REPORT_BATCH,
        actor=actor,
        input_ref={"year": year, "report_language": language},
    )


# --- concept links ----------------------------------------------------------------------------------


def link_concept(concept: Concept, indicator: Indicator, *, actor: Actor) -> None:
    """Link a catalogue concept to an indicator (idempotent: an existing link is kept as it is)."""
    from knowledge_mgmt.models import ConceptIndicatorLink
    from portal import permissions
    from portal.services import save_object

    permissions.require_creatable(actor, ConceptIndicatorLink)
    if not ConceptIndicatorLink.objects.filter(concept=concept, indicator=indicator).exists():
        save_object(ConceptIndicatorLink(concept=concept, indicator=indicator), actor=actor)
