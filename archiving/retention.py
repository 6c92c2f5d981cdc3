"""The retention engine: exact date arithmetic of retention periods, record by record or vectorised.

Pure functions, no database: a rule is given as a ``RuleSpec`` (made from a ``RetentionRule`` row),
so the same arithmetic serves the single-record check, the simulation job over a million records
and the tests. Calendar rules:

- a period of whole years lands on the same day and month; 29 February plus whole years lands on
  28 February when the target year is not a leap year (the record is not kept a day longer than
  the law requires, and never a day shorter than a whole year count would give);
- a record of a person born on one of the rule's sampling days of a month is kept permanently
  (patient records: 18th and 28th; social-welfare records also the 8th);
- when the trigger date (e.g. death) is not known, the rule's fallback applies (e.g. 120 years
  from birth); without either date the record cannot be dated and is an input error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

TRIGGERS = ("death", "birth", "case_closed", "created")


class RetentionError(ValueError):
    """A record cannot be dated: a needed date is missing or the dates contradict each other."""


@dataclass(frozen=True)
class RuleSpec:
    """The arithmetic of one retention rule (a plain copy of the ``RetentionRule`` row)."""

    code: str
    domain: str
    permanent: bool = False
    period_years: int | None = None
    trigger: str = ""
    fallback_years: int | None = None
    fallback_trigger: str = ""
    sampling_days: tuple[int, ...] = ()
    source: str = ""
    verified: bool = True

    @classmethod
    def from_rule(cls, rule) -> RuleSpec:
        return cls(
            code=rule.code,
            domain=rule.domain,
            permanent=rule.permanent,
            period_years=rule.period_years,
            trigger=rule.trigger,
            fallback_years=rule.fallback_years,
            fallback_trigger=rule.fallback_trigger,
            sampling_days=tuple(rule.sampling_day_list),
            source=rule.legal_source,
            verified=rule.verified,
        )


@dataclass(frozen=True)
class Outcome:
    """The retention of one record: permanent, or destroyable from ``destroy_on``."""

    permanent: bool
    destroy_on: dt.date | None
    basis: str  # which date the period was counted from ("death", "birth", ..., "sampled", "permanent")


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus whole years; 29 February lands on 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February -> a common year
        return day.replace(year=day.year + years, day=28)


def is_sampled(rule: RuleSpec, birth: dt.date | None) -> bool:
    return birth is not None and birth.day in rule.sampling_days


def check_dates(
    *, birth: dt.date | None, death: dt.date | None, others: Iterable[dt.date | None] = (), as_of: dt.date | None = None
) -> None:
    """Refuse contradictory dates: death before birth, any date after ``as_of``."""
    if birth and death and death < birth:
        raise RetentionError("death before birth")
    if as_of is not None:
        for day in (birth, death, *others):
            if day is not None and day > as_of:
                raise RetentionError("date in the future")


def destruction_date(
    rule: RuleSpec,
    *,
    birth: dt.date | None = None,
    death: dt.date | None = None,
    case_closed: dt.date | None = None,
    created: dt.date | None = None,
) -> Outcome:
    """When a record kept under ``rule`` may be destroyed (or that it is kept permanently)."""
    check_dates(birth=birth, death=death)
    if rule.permanent:
        return Outcome(True, None, "permanent")
    if is_sampled(rule, birth):
        return Outcome(True, None, "sampled")
    dates = {"death": death, "birth": birth, "case_closed": case_closed, "created": created}
    base = dates.get(rule.trigger)
    if base is not None and rule.period_years is not None:
        return Outcome(False, add_years(base, rule.period_years), rule.trigger)
    fallback = dates.get(rule.fallback_trigger) if rule.fallback_trigger else None
    if fallback is not None and rule.fallback_years is not None:
        return Outcome(False, add_years(fallback, rule.fallback_years), rule.fallback_trigger)
    needed = rule.trigger + (f" / {rule.fallback_trigger}" if rule.fallback_trigger else "")
    raise RetentionError(f"missing date: {needed}")


# --- Vectorised ------------------------------------------------------------------------------------

NAT = np.datetime64("NaT", "D")


def add_years_vec(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """Vectorised ``add_years`` over ``datetime64[D]`` (NaT stays NaT)."""
    days = days.astype("datetime64[D]")
    years = np.broadcast_to(np.asarray(years, dtype=np.int64), days.shape)
    missing = np.isnat(days)
    safe = np.where(missing, np.datetime64("2000-01-01", "D"), days)
    month_start = safe.astype("datetime64[M]")
    day_index = (safe - month_start.astype("datetime64[D]")).astype(np.int64)  # 0-based day of month
    month = month_start.astype(np.int64) % 12 + 1
    target_month = month_start + (12 * years).astype("timedelta64[M]")
    target_year = target_month.astype("datetime64[Y]").astype(np.int64) + 1970
    leap = (target_year % 4 == 0) & ((target_year % 100 != 0) | (target_year % 400 == 0))
    day_index = np.where((month == 2) & (day_index == 28) & ~leap, 27, day_index)
    result = target_month.astype("datetime64[D]") + day_index.astype("timedelta64[D]")
    return np.where(missing, NAT, result)


def day_of_month(days: np.ndarray) -> np.ndarray:
    """1-31, or 0 where the date is missing."""
    safe = np.where(np.isnat(days), np.datetime64("2000-01-01", "D"), days)
    dom = (safe - safe.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    return np.where(np.isnat(days), 0, dom)


@dataclass
class VectorResult:
    """Per-record outcome arrays of ``compute``: destroy date (NaT if permanent), permanent flag,
    and the indices of records that could not be dated."""

    destroy_on: np.ndarray
    permanent: np.ndarray
    undated: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))


def compute(
    rule_index: np.ndarray,
    rules: list[RuleSpec],
    dates: Mapping[str, np.ndarray],
) -> VectorResult:
    """Destroy dates of many records at once; ``rule_index[i]`` points into ``rules``.

    ``dates`` maps each trigger name to a ``datetime64[D]`` array (NaT where not known).
    """
    n = len(rule_index)
    destroy = np.full(n, NAT, dtype="datetime64[D]")
    permanent = np.zeros(n, dtype=bool)
    # Group the records by rule once; each rule then works on its own rows only.
    order = np.argsort(rule_index, kind="stable")
    bounds = np.searchsorted(rule_index[order], np.arange(len(rules) + 1))
    for i, rule in enumerate(rules):
        idx = order[bounds[i] : bounds[i + 1]]
        if len(idx) == 0:
            continue
        if rule.permanent:
            permanent[idx] = True
            continue
        if rule.sampling_days:
            sampled = np.isin(day_of_month(dates["birth"][idx]), rule.sampling_days)
            permanent[idx[sampled]] = True
            idx = idx[~sampled]
        chosen = add_years_vec(dates[rule.trigger][idx], rule.period_years or 0)
        if rule.fallback_trigger and rule.fallback_years is not None:
            missing = np.isnat(chosen)
            if missing.any():
                chosen[missing] = add_years_vec(dates[rule.fallback_trigger][idx[missing]], rule.fallback_years)
        destroy[idx] = chosen
    undated = np.flatnonzero(~permanent & np.isnat(destroy))
    return VectorResult(destroy_on=destroy, permanent=permanent, undated=undated)


def summarise(
    result: VectorResult, *, as_of: dt.date, rule_index: np.ndarray | None = None, rules: list[RuleSpec] | None = None
) -> dict:
    """Per year: records that become destroyable, records still kept at the year's end (of which
    permanent), and how many would need Kanta if the system were switched off that year; plus the
    earliest switch-off date per disposition plan. JSON-ready (dates as ISO strings)."""
    destroy = result.destroy_on
    dated = ~np.isnat(destroy)
    years = destroy[dated].astype("datetime64[Y]").astype(np.int64) + 1970
    total = len(destroy)
    permanent = int(result.permanent.sum())
    first = min(int(years.min()) if len(years) else as_of.year, as_of.year)
    last = max(int(years.max()) if len(years) else as_of.year, as_of.year)
    counts = np.bincount(years - first, minlength=last - first + 1) if len(years) else np.zeros(last - first + 1, int)
    cumulative = np.cumsum(counts)
    rows = []
    for offset, count in enumerate(counts):
        kept = total - int(cumulative[offset])
        rows.append(
            {
                "year": first + offset,
                "destroyable": int(count),
                "kept": kept,
                "permanent": permanent,
                "kanta": kept,  # every rule's records are client records Kanta can take
            }
        )
    as_of_np = np.datetime64(as_of, "D")
    overdue = int((destroy[dated] < as_of_np).sum())
    still_kept = total - overdue
    last_date = destroy[dated].max() if dated.any() else None
    destroy_date = None if permanent or last_date is None else str(last_date)
    switch_off = {
        "destroy": destroy_date,
        "read_only": destroy_date,
        "kanta_patient": as_of.isoformat(),
        "kanta_social": as_of.isoformat(),
        "migrate": as_of.isoformat(),
        "regional_archive": as_of.isoformat(),
    }
    per_rule = []
    if rule_index is not None and rules is not None:
        for i, rule in enumerate(rules):
            mask = rule_index == i
            if mask.any():
                per_rule.append(
                    {
                        "rule": rule.code,
                        "records": int(mask.sum()),
                        "permanent": int((mask & result.permanent).sum()),
                        "verified": rule.verified,
                    }
                )
    return {
        "as_of": as_of.isoformat(),
        "records": total,
        "permanent": permanent,
        "already_destroyable": overdue,
        "to_transfer_now": still_kept,
        "switch_off": switch_off,
        "years": rows,
        "rules": per_rule,
    }
