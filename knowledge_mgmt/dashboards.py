"""Figures of the decision-makers' dashboards (johtamisen mittaristo), the municipality page and
the PDF report, read with a fixed number of queries whatever the amount of data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from knowledge_mgmt import svg
from knowledge_mgmt.aggregation import period_end, suppressed
from knowledge_mgmt.choices import ADDITIVE_TYPES, Direction, TargetStatus, ValueType
from knowledge_mgmt.imports import country_code
from knowledge_mgmt.models import Indicator, IndicatorValue, Target
from knowledge_mgmt.selectors import is_public_output
from portal.choices import OrganisationKind
from portal.models import Organisation, OrganisationMembership, Population


def region_code() -> str:
    return getattr(settings, "KNOWLEDGE_REGION_ORGANISATION_CODE", "maakunta-11")


def county_code() -> str:
    return getattr(settings, "KNOWLEDGE_COUNTY_ORGANISATION_CODE", "pshva")


@dataclass
class Cell:
    value: Decimal | None
    absolute_value: Decimal | None
    status: str
    suppressed: bool
    updated: object


@dataclass
class Panel:
    indicator: Indicator
    year: int | None
    unit: str
    decimals: int
    normalised: bool
    bars: list[tuple[Organisation, Decimal | None, bool, bool]] = field(default_factory=list)
    lines: list[tuple[str, Decimal]] = field(default_factory=list)
    series: list[tuple[str, list[tuple[int, Decimal | None]]]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    focus_value: Decimal | None = None
    focus_compare: Decimal | None = None
    target: Decimal | None = None
    target_status: str = TargetStatus.NO_DATA
    # The same figure a year with data earlier, and the change to it (None where either is missing).
    previous_year: int | None = None
    previous_compare: Decimal | None = None
    change: Decimal | None = None
    updated: object = None
    bar_svg: str = ""
    line_svg: str = ""

    @property
    def series_rows(self) -> list[tuple[int, list[Decimal | None]]]:
        lookup = [dict(points) for _label, points in self.series]
        return [(year, [points.get(year) for points in lookup]) for year in self.years]


def target_status(value: Decimal | None, target: Decimal | None, direction: str) -> str:
    if value is None or target is None or direction == Direction.NEUTRAL:
        return TargetStatus.NO_DATA
    met = value >= target if direction == Direction.HIGHER_IS_BETTER else value <= target
    return TargetStatus.MET if met else TargetStatus.NOT_MET


def _unit(indicator: Indicator, normalised: bool) -> str:
    if normalised:
        return _("euros per resident") if indicator.value_type == ValueType.EUROS else _("per 1 000 residents")
    return str(indicator.get_value_type_display())


class DashboardData:
    """Loads the values of some indicators once (5 queries) and builds panels from them."""

    def __init__(self, user, indicators: list[Indicator], *, sex: str = "total", breakdown: str = ""):
        self.user = user
        self.indicators = indicators
        self.public = is_public_output(user)
        self.cells: dict[tuple[int, int, int], Cell] = {}
        self.years_by_indicator: dict[int, set[int]] = defaultdict(set)
        ids = [i.pk for i in indicators]
        rows = (
            IndicatorValue.objects.visible_to(user)
            .filter(indicator_id__in=ids, sex=sex, breakdown=breakdown, quarter=0, month=0)
            .values_list("indicator_id", "organisation_id", "year", "value", "absolute_value", "status", "updated_at")
        )
        types = {i.pk: i.value_type for i in indicators}
        for ind_id, org_id, year, value, absolute, status, updated in rows:
            hide = self.public and suppressed(value, absolute, additive=types[ind_id] in ADDITIVE_TYPES)
            self.cells[(ind_id, org_id, year)] = Cell(
                None if hide else value, None if hide else absolute, status, hide, updated
            )
            self.years_by_indicator[ind_id].add(year)
        self.organisations = {
            o.pk: o
            for o in Organisation.objects.filter(
                Q(kind=OrganisationKind.MUNICIPALITY) | Q(code__in=[region_code(), county_code(), country_code()])
            )
        }
        self.by_code = {o.code: o for o in self.organisations.values()}
        self.memberships = list(
            OrganisationMembership.objects.filter(organisation__code=region_code()).values_list(
                "member_id", "valid_from", "valid_to"
            )
        )
        self.populations: dict[tuple[int, int], int] = {
            (org, year): count
            for org, year, count in Population.objects.values_list("organisation_id", "year", "count")
        }
        self.breakdowns = sorted(
            set(
                IndicatorValue.objects.visible_to(user)
                .filter(indicator_id__in=ids)
                .order_by()
                .values_list("breakdown", flat=True)
                .distinct()
            )
        )
        self.targets = {
            (t.indicator_id, t.organisation_id, t.year): t.value
            for t in Target.objects.visible_to(user).filter(indicator_id__in=ids)
        }

    @property
    def all_years(self) -> list[int]:
        return sorted(set().union(*self.years_by_indicator.values())) if self.years_by_indicator else []

    def members(self, year: int) -> list[Organisation]:
        day = period_end(year)
        result = [
            self.organisations[m]
            for m, start, end in self.memberships
            if m in self.organisations and (start is None or start <= day) and (end is None or end >= day)
        ]
        return sorted(result, key=lambda o: o.name)

    def population(self, org_id: int, year: int) -> int | None:
        if (org_id, year) in self.populations:
            return self.populations[(org_id, year)]
        years = [y for (o, y) in self.populations if o == org_id]
        if not years:
            return None
        return self.populations[(org_id, min(years, key=lambda y: (abs(y - year), y)))]

    def _normalise(self, indicator: Indicator, value: Decimal | None, population: int | None) -> Decimal | None:
        if value is None or not population:
            return None
        scale = 1 if indicator.value_type == ValueType.EUROS else 1000
        return (value * scale / population).quantize(Decimal("0.000001"), ROUND_HALF_UP)

    def value(self, indicator: Indicator, org: Organisation | None, year: int, *, normalised: bool) -> Decimal | None:
        if org is None:
            return None
        cell = self.cells.get((indicator.pk, org.pk, year))
        if cell is None:
            return None
        if not normalised:
            return cell.value
        if org.code in (region_code(), county_code()):
            members = self.members(year)
            population = sum(self.population(m.pk, year) or 0 for m in members) or None
        else:
            population = self.population(org.pk, year)
        return self._normalise(indicator, cell.value, population)

    def panel(self, indicator: Indicator, *, year: int | None, focus: Organisation | None) -> Panel:
        years = sorted(self.years_by_indicator.get(indicator.pk, ()))
        if year not in years:
            year = years[-1] if years else None
        normalised = indicator.value_type in ADDITIVE_TYPES
        decimals = max(indicator.decimals, 1 if normalised else 0)
        panel = Panel(indicator, year, _unit(indicator, normalised), decimals, normalised, years=years)
        if year is None:
            return panel
        region = self.by_code.get(region_code())
        county = self.by_code.get(county_code())
        country = self.by_code.get(country_code())
        for org in self.members(year):
            cell = self.cells.get((indicator.pk, org.pk, year))
            panel.bars.append(
                (
                    org,
                    self.value(indicator, org, year, normalised=normalised),
                    focus is not None and org.pk == focus.pk,
                    bool(cell and cell.suppressed),
                )
            )
        for label, org in (
            (_("Region"), region),
            (_("Wellbeing services county"), county),
            (_("Whole country"), country),
        ):
            value = self.value(indicator, org, year, normalised=normalised)
            if value is not None:
                panel.lines.append((f"{label} ({org.name})", value))
        series_orgs = [o for o in (focus, region, country) if o is not None]
        seen = set()
        for org in series_orgs:
            if org.pk in seen:
                continue
            seen.add(org.pk)
            points = [(y, self.value(indicator, org, y, normalised=normalised)) for y in years]
            if any(v is not None for _y, v in points):
                panel.series.append((org.name, points))
        target_org = focus or region
        if target_org is not None:
            cell = self.cells.get((indicator.pk, target_org.pk, year))
            panel.focus_value = cell.value if cell else None
            panel.focus_compare = self.value(indicator, target_org, year, normalised=normalised)
            panel.target = self.targets.get((indicator.pk, target_org.pk, year))
            panel.target_status = target_status(panel.focus_value, panel.target, indicator.direction)
            earlier = [y for y in years if y < year]
            if earlier:
                panel.previous_year = earlier[-1]
                panel.previous_compare = self.value(indicator, target_org, earlier[-1], normalised=normalised)
                if panel.focus_compare is not None and panel.previous_compare is not None:
                    panel.change = panel.focus_compare - panel.previous_compare
        stamps = [c.updated for (i, _o, _y), c in self.cells.items() if i == indicator.pk]
        panel.updated = max(stamps) if stamps else None
        title = indicator.title
        panel.bar_svg = svg.bar_chart(
            _("%(title)s, %(year)s (%(unit)s)") % {"title": title, "year": year, "unit": panel.unit},
            [(o.name, v, f) for o, v, f, _s in panel.bars],
            lines=panel.lines,
            decimals=decimals,
            desc=_("Municipalities compared; the table below the chart gives the figures."),
        )
        panel.line_svg = svg.line_chart(
            _("%(title)s over time (%(unit)s)") % {"title": title, "unit": panel.unit},
            panel.series,
            decimals=decimals,
            desc=_("Time series; the table below the chart gives the figures."),
            # Shares and counts start at zero; euros and rates start near the data so change shows.
            zero_based=indicator.value_type in (ValueType.PERCENT, ValueType.COUNT),
        )
        return panel

    def rows_for_download(self) -> list[list]:
        """Flat rows of every loaded value (codes first), for CSV/XLSX."""
        by_id = {i.pk: i for i in self.indicators}
        rows = []
        for (ind_id, org_id, year), cell in sorted(
            self.cells.items(), key=lambda item: (by_id[item[0][0]].code, item[0][1], item[0][2])
        ):
            org = self.organisations.get(org_id)
            if org is None:
                continue
            indicator = by_id[ind_id]
            rows.append(
                [
                    indicator.code,
                    indicator.title,
                    org.code,
                    org.name,
                    year,
                    cell.value,
                    cell.absolute_value,
                    cell.status,
                    "1" if cell.suppressed else "0",
                    cell.updated.isoformat() if cell.updated else "",
                ]
            )
        return sorted(rows, key=lambda r: (r[0], r[2], r[4]))


DOWNLOAD_HEADER = [
    "indicator",
    "indicator_title",
    "organisation",
    "organisation_name",
    "year",
    "value",
    "absolute_value",
    "status",
    "suppressed",
    "updated",
]
