"""Reads of the digital-services area, and the functions it publishes to other apps.

Published (registered in ``portal.providers`` by the AppConfig):
- ``digital_services.inclusion_indicators`` -> ``inclusion_indicators()``: per municipality and
  year the estimated residents who cannot use digital services, their share of the population,
  and per month the paperless share; rows shaped for an indicator bank.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone

from digital_services import choices
from digital_services.models import (
    AgeStructure,
    ChatDailyStat,
    ChatIntent,
    CounsellingSegment,
    DigitalService,
    MonthlyFigure,
    OfflineRate,
    Rollout,
)
from portal.models import Organisation, OrganisationMembership, Population
from portal.models.base import validity_q
from portal.types import Actor

REGION_CODE = "pshva"
PRE_REFORM_REGION_CODE = "maakunta-11"
ONE_DECIMAL = Decimal("0.1")


def ratio_percent(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` as a percentage with one decimal; no value (None) for a zero
    denominator, never 0: "nothing sent" is not "nothing digital"."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


# --- organisations of the time-valid hierarchy -------------------------------------------------


def region_for(day: dt.date) -> Organisation | None:
    """The region organisation on ``day``: the wellbeing services county from 2023, the maakunta before."""
    for code in (REGION_CODE, PRE_REFORM_REGION_CODE):
        org = Organisation.objects.filter(code=code).filter(validity_q(day)).first()
        if org is not None:
            return org
    return None


def region_municipalities(day: dt.date) -> list[Organisation]:
    """The member municipalities of the region valid on ``day`` (memberships and organisations)."""
    region = region_for(day)
    if region is None:
        return list(Organisation.objects.municipalities().filter(validity_q(day)).order_by("name_fi"))
    ids = (
        OrganisationMembership.objects.filter(organisation=region)
        .filter(validity_q(day))
        .filter(validity_q(day, prefix="member__"))
        .values_list("member_id", flat=True)
    )
    return list(Organisation.objects.filter(pk__in=list(ids)).order_by("name_fi"))


def organisations_covering(municipality_ids: list[int], day: dt.date) -> dict[int, set[int]]:
    """For each municipality, itself plus the organisations it was a member of on ``day``."""
    covering: dict[int, set[int]] = {mid: {mid} for mid in municipality_ids}
    memberships = (
        OrganisationMembership.objects.filter(member_id__in=municipality_ids)
        .filter(validity_q(day))
        .filter(validity_q(day, prefix="organisation__"))
        .values_list("member_id", "organisation_id")
    )
    for member_id, organisation_id in memberships:
        covering[member_id].add(organisation_id)
    return covering


# --- region matrix ------------------------------------------------------------------------------

STATE_RANK: dict[str | None, int] = {
    choices.RolloutState.LIVE: 4,
    choices.RolloutState.PILOT: 3,
    choices.RolloutState.PLANNED: 2,
    choices.RolloutState.RETIRED: 1,
}


@dataclass
class MatrixCell:
    state: str | None
    via: str = ""  # the organisation whose rollout gives the state, when not the municipality itself
    ebooking: bool = False

    @property
    def label(self) -> str:
        return str(choices.RolloutState(self.state).label) if self.state else ""


@dataclass
class RegionMatrix:
    day: dt.date
    services: list[DigitalService]
    rows: list[tuple[Organisation, list[MatrixCell]]] = field(default_factory=list)


def region_matrix(day: dt.date, *, user: Actor | None = None) -> RegionMatrix:
    """Municipalities x services on ``day``: a municipality's state is the best state of the rollouts
    of the organisations that served it that day (itself, a joint authority, the county)."""
    municipalities = region_municipalities(day)
    services = list(DigitalService.objects.visible_to(user).valid_on(day).order_by("name_fi"))
    covering = organisations_covering([m.pk for m in municipalities], day)
    all_org_ids = set().union(*covering.values()) if covering else set()
    rollouts = Rollout.objects.filter(organisation_id__in=all_org_ids, feature__isnull=True).select_related(
        "organisation"
    )
    by_key: dict[tuple[int, int], list[Rollout]] = defaultdict(list)
    for rollout in rollouts:
        by_key[(rollout.organisation_id, rollout.service_id)].append(rollout)
    matrix = RegionMatrix(day=day, services=services)
    for municipality in municipalities:
        cells = []
        for service in services:
            best: MatrixCell = MatrixCell(None)
            for org_id in covering[municipality.pk]:
                for rollout in by_key.get((org_id, service.pk), []):
                    state = rollout.state_on(day)
                    if state and STATE_RANK[state] > STATE_RANK.get(best.state, 0):
                        via = "" if org_id == municipality.pk else rollout.organisation.name
                        best = MatrixCell(state, via, rollout.ebooking_linked)
            cells.append(best)
        matrix.rows.append((municipality, cells))
    return matrix


# --- monthly indicators ---------------------------------------------------------------------------


@dataclass
class MonthIndicators:
    organisation_code: str
    organisation_name: str
    month: dt.date
    assessments_completed: int
    referred_to_booking: int
    messages_recipients: int
    paper_letters: int
    returns_to_paper: int
    virtual_contacts: int

    @property
    def paperless_share(self) -> Decimal | None:
        return ratio_percent(self.messages_recipients, self.messages_recipients + self.paper_letters)

    @property
    def omaolo_conversion(self) -> Decimal | None:
        return ratio_percent(self.referred_to_booking, self.assessments_completed)

    def as_dict(self) -> dict:
        return {
            "organisation": self.organisation_code,
            "organisation_name": self.organisation_name,
            "month": self.month.strftime("%Y-%m"),
            "assessments_completed": self.assessments_completed,
            "referred_to_booking": self.referred_to_booking,
            "messages_recipients": self.messages_recipients,
            "paper_letters": self.paper_letters,
            "returns_to_paper": self.returns_to_paper,
            "virtual_contacts": self.virtual_contacts,
            "paperless_share": self.paperless_share,
            "omaolo_conversion": self.omaolo_conversion,
        }


COUNT_FIELDS = (
    "assessments_completed",
    "referred_to_booking",
    "messages_recipients",
    "paper_letters",
    "returns_to_paper",
    "virtual_contacts",
)


def organisation_indicators(
    user: Actor | None, *, organisation_code: str | None = None, month: dt.date | None = None
) -> list[MonthIndicators]:
    """Computed indicators per organisation and month from the figures the user may see."""
    qs = MonthlyFigure.objects.visible_to(user).select_related("organisation")
    if organisation_code:
        qs = qs.filter(organisation__code=organisation_code)
    if month:
        qs = qs.filter(month=first_of_month(month))
    return [
        MonthIndicators(f.organisation.code, f.organisation.name, f.month, *(getattr(f, n) for n in COUNT_FIELDS))
        for f in qs.order_by("organisation__code", "month")
    ]


def region_indicators(user: Actor | None, *, months: list[dt.date] | None = None) -> list[MonthIndicators]:
    """The region per month: the sum over the member municipalities valid in that month."""
    qs = MonthlyFigure.objects.visible_to(user)
    wanted = sorted(set(months or qs.values_list("month", flat=True)))
    out = []
    for month in wanted:
        region = region_for(month)
        members = [m.pk for m in region_municipalities(month)]
        sums = qs.filter(month=month, organisation_id__in=members).aggregate(**{n: Sum(n) for n in COUNT_FIELDS})
        out.append(
            MonthIndicators(
                region.code if region else "region",
                region.name if region else "",
                month,
                *((sums[n] or 0) for n in COUNT_FIELDS),
            )
        )
    return out


# --- digital inclusion ------------------------------------------------------------------------------


@dataclass
class InclusionRow:
    organisation: Organisation
    year: int
    bands: list[tuple[str, int, Decimal | None, int | None]]  # band, residents, rate %, estimate
    population: int | None

    @property
    def estimate(self) -> int | None:
        values = [b[3] for b in self.bands if b[3] is not None]
        return sum(values) if values else None

    @property
    def share_percent(self) -> Decimal | None:
        return ratio_percent(self.estimate or 0, self.population or 0) if self.estimate is not None else None


def offline_estimate(residents: int, rate_percent: Decimal) -> int:
    """Residents x offline rate, rounded to whole persons (10 000 x 68 % = 6 800)."""
    return int((Decimal(residents) * Decimal(rate_percent) / 100).to_integral_value(rounding=ROUND_HALF_UP))


def population_on(organisation_id: int, year: int) -> int | None:
    row = Population.objects.filter(organisation_id=organisation_id, year__lte=year).order_by("-year").first()
    if row is None:
        row = Population.objects.filter(organisation_id=organisation_id).order_by("year").first()
    return row.count if row else None


def inclusion_rows(
    user: Actor | None = None, *, year: int | None = None, organisation_code: str | None = None
) -> list[InclusionRow]:
    """Per municipality and year: residents per age band x the band's offline rate."""
    rates = {(r.min_age, r.max_age): r.rate_percent for r in OfflineRate.objects.all()}
    qs = (
        AgeStructure.objects.visible_to(user).select_related("organisation")
        if user is not None
        else AgeStructure.objects.select_related("organisation")
    )
    if year:
        qs = qs.filter(year=year)
    if organisation_code:
        qs = qs.filter(organisation__code=organisation_code)
    grouped: dict[tuple[int, int], list[AgeStructure]] = defaultdict(list)
    orgs: dict[int, Organisation] = {}
    for row in qs.order_by("organisation__name_fi", "year", "min_age"):
        grouped[(row.organisation_id, row.year)].append(row)
        orgs[row.organisation_id] = row.organisation
    populations = {
        (p.organisation_id, p.year): p.count for p in Population.objects.filter(organisation_id__in=list(orgs))
    }
    result = []
    for (org_id, yr), rows in grouped.items():
        bands = []
        for row in rows:
            rate = rates.get((row.min_age, row.max_age))
            bands.append(
                (
                    f"{row.min_age}–{row.max_age}",
                    row.residents,
                    rate,
                    offline_estimate(row.residents, rate) if rate is not None else None,
                )
            )
        population = populations.get((org_id, yr))
        if population is None:
            earlier = [c for (o, y), c in sorted(populations.items()) if o == org_id and y <= yr]
            population = earlier[-1] if earlier else None
        result.append(InclusionRow(orgs[org_id], yr, bands, population))
    return result


def inclusion_indicators() -> list[dict]:
    """Published to knowledge management (``portal.providers``): rows of
    ``{indicator, organisation, year, month, value, unit, source}`` with codes as keys.

    - ``digital_offline_residents``: estimated residents who cannot use digital services (persons)
    - ``digital_offline_share``: the same as a share of the population (%)
    - ``digital_paperless_share``: Suomi.fi Messages recipients / (recipients + paper letters) per month (%)
    A zero denominator gives ``value`` None, never 0.
    """
    rows: list[dict] = []
    for row in inclusion_rows(None):
        source = "digital_services: age structure x offline rate"
        rows.append(
            {
                "indicator": "digital_offline_residents",
                "organisation": row.organisation.code,
                "year": row.year,
                "month": None,
                "value": row.estimate,
                "unit": "persons",
                "source": source,
            }
        )
        rows.append(
            {
                "indicator": "digital_offline_share",
                "organisation": row.organisation.code,
                "year": row.year,
                "month": None,
                "value": row.share_percent,
                "unit": "%",
                "source": source,
            }
        )
    for figure in MonthlyFigure.objects.select_related("organisation").order_by("organisation__code", "month"):
        rows.append(
            {
                "indicator": "digital_paperless_share",
                "organisation": figure.organisation.code,
                "year": figure.month.year,
                "month": figure.month.month,
                "value": figure.paperless_share,
                "unit": "%",
                "source": "digital_services: monthly figures",
            }
        )
    return rows


# --- the counselling model ---------------------------------------------------------------------------


def projected_contacts(persons: int, contact_rate: Decimal, growth_percent: Decimal, years_ahead: int) -> int:
    """persons x contact rate x (1 + growth)^years, rounded to whole contacts (1 000 x 0.8 x 1.02^2 = 832)."""
    factor = (1 + Decimal(growth_percent) / 100) ** years_ahead
    return int((Decimal(persons) * Decimal(contact_rate) * factor).to_integral_value(rounding=ROUND_HALF_UP))


def projection(segment: CounsellingSegment, years: int = 5) -> list[dict]:
    """Volume per year from the base year: persons grow with the segment's growth, contacts = persons x rate."""
    out = []
    for n in range(years + 1):
        factor = (1 + segment.growth_percent / 100) ** n
        persons = int((Decimal(segment.base_persons) * factor).to_integral_value(rounding=ROUND_HALF_UP))
        out.append(
            {
                "year": segment.base_year + n,
                "years_ahead": n,
                "persons": persons,
                "contacts": projected_contacts(segment.base_persons, segment.contact_rate, segment.growth_percent, n),
            }
        )
    return out


# --- the chat --------------------------------------------------------------------------------------

WORD = re.compile(r"[\w']+", re.UNICODE)


def normalise(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def match_intent(text: str, language: str) -> ChatIntent | None:
    """The rule that matches: highest escalation first, then priority, whatever the language of the
    phrase (a Finnish message typed on the English page still matches, and danger written in one language
    wins over worry written in the page's language). Within one rule the page's language is tried first."""
    message = f" {normalise(text)} "
    if not message.strip():
        return None
    intents = list(ChatIntent.objects.filter(active=True).prefetch_related("contacts"))
    languages = [language] + [lang for lang in ("fi", "sv", "en") if lang != language]
    for intent in intents:  # ordered: -escalation, priority
        for lang in languages:
            for pattern in intent.patterns(lang):
                if f" {normalise(pattern)} " in message:
                    return intent
    return None


def chat_statistics(user: Actor | None, *, since: dt.date | None = None) -> list[ChatDailyStat]:
    qs = ChatDailyStat.objects.visible_to(user)
    if since:
        qs = qs.filter(day__gte=since)
    return list(qs.order_by("-day", "intent_code"))


def chat_totals(user: Actor | None) -> list[dict]:
    return list(
        ChatDailyStat.objects.visible_to(user)
        .values("intent_code")
        .annotate(total=Sum("count"))
        .order_by("-total", "intent_code")
    )


def this_month() -> dt.date:
    return first_of_month(timezone.localdate())


def latest_figure_month(user: Actor | None) -> dt.date | None:
    return MonthlyFigure.objects.visible_to(user).order_by("-month").values_list("month", flat=True).first()


def paper_beside_inclusion(user: Actor | None, month: dt.date | None) -> list[dict]:
    """Per municipality: estimated offline residents beside the month's paper letters and returns to paper."""
    figures = {}
    if month:
        figures = {f.organisation_id: f for f in MonthlyFigure.objects.visible_to(user).filter(month=month)}
    rows = []
    latest: dict[int, InclusionRow] = {}
    for row in inclusion_rows(user):
        if row.organisation.pk not in latest or row.year > latest[row.organisation.pk].year:
            latest[row.organisation.pk] = row
    for org_id, row in sorted(latest.items(), key=lambda kv: kv[1].organisation.name_fi):
        figure = figures.get(org_id)
        rows.append(
            {
                "organisation": row.organisation,
                "year": row.year,
                "estimate": row.estimate,
                "share": row.share_percent,
                "paper_letters": figure.paper_letters if figure else None,
                "returns_to_paper": figure.returns_to_paper if figure else None,
                "paperless_share": figure.paperless_share if figure else None,
            }
        )
    return rows
