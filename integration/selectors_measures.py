"""Reads of measures 3.1, 3.5 and 3.6, and the published interface other apps use.

``structured_documentation_indicator`` is the function knowledge management reads through the
core's provider registry (``portal.providers``), so knowledge_mgmt never imports integration.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, Sum

from integration.choices_measures import CareSector, KantaStage
from integration.models_measures import (
    ClientDataAccess,
    DocumentationReport,
    FlowQuerySet,
    InformationFlow,
    KantaReadiness,
    NationalClassification,
    RegionDocumentationFigure,
    UnaTariff,
    overlap_q,
    overlaps,
    quarter_bounds,
)
from portal.models import InformationSystem, Organisation, Population
from portal.models.base import validity_q

REGION_CODE = "maakunta-11"
INDICATOR_CODE = "integration.structured_documentation_share"


def weighted_share(structured: int, total: int) -> Decimal | None:
    """Structured share in per cent with one decimal (half up); None when nothing was recorded."""
    if not total:
        return None
    return (Decimal(structured) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def quarters_with_reports() -> list[tuple[int, int]]:
    return sorted(set(DocumentationReport.objects.values_list("year", "quarter").distinct()), reverse=True)


@dataclass
class OrganisationFigure:
    organisation: Organisation
    structured: int
    total: int

    @property
    def share(self) -> Decimal | None:
        return weighted_share(self.structured, self.total)


@dataclass
class DocumentationFigures:
    """One quarter (optionally one classification): per organisation, ended ones, the region."""

    year: int
    quarter: int
    rows: list[OrganisationFigure] = field(default_factory=list)
    ended: list[Organisation] = field(default_factory=list)
    structured: int = 0
    total: int = 0

    @property
    def share(self) -> Decimal | None:
        return weighted_share(self.structured, self.total)

    @property
    def plain_mean(self) -> Decimal | None:
        shares = [r.structured / r.total * 100 for r in self.rows if r.total]
        if not shares:
            return None
        return Decimal(sum(shares) / len(shares)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def documentation_figures(
    year: int, quarter: int, *, classification: NationalClassification | None = None
) -> DocumentationFigures:
    """The quarter's figures summed by volume over the organisations valid in the quarter.

    An organisation that had reported in earlier quarters but no longer exists in this one gives no
    row; it is listed in ``ended`` so that the page can point to its successor.
    """
    start, end = quarter_bounds(year, quarter)
    reports = DocumentationReport.objects.filter(year=year, quarter=quarter)
    if classification is not None:
        reports = reports.filter(classification=classification)
    sums = (
        reports.filter(overlap_q(start, end, prefix="organisation__"))
        .values("organisation")
        .annotate(s=Sum("structured_count"), t=Sum("total_count"))
        .order_by()
    )
    orgs = Organisation.objects.in_bulk([item["organisation"] for item in sums])
    figures = DocumentationFigures(year=year, quarter=quarter)
    for item in sums:
        figures.rows.append(OrganisationFigure(orgs[item["organisation"]], item["s"], item["t"]))
        figures.structured += item["s"]
        figures.total += item["t"]
    figures.rows.sort(key=lambda r: r.organisation.name_fi)
    earlier = DocumentationReport.objects.filter(Q(year__lt=year) | Q(year=year, quarter__lt=quarter))
    ended_ids = earlier.exclude(overlap_q(start, end, prefix="organisation__")).values("organisation").distinct()
    figures.ended = list(Organisation.objects.filter(pk__in=ended_ids).select_related("successor").order_by("name_fi"))
    return figures


def adoption_matrix(year: int, quarter: int) -> tuple[list[NationalClassification], list[dict[str, Any]]]:
    """Organisation x classification shares of a quarter (the XLSX matrix and the page table)."""
    start, end = quarter_bounds(year, quarter)
    classifications = list(NationalClassification.objects.all())
    reports = (
        DocumentationReport.objects.filter(year=year, quarter=quarter)
        .filter(overlap_q(start, end, prefix="organisation__"))
        .select_related("organisation")
    )
    by_org: dict[int, dict[str, Any]] = {}
    for report in reports:
        row = by_org.setdefault(report.organisation_id, {"organisation": report.organisation, "cells": {}})
        row["cells"][report.classification_id] = report
    rows = sorted(by_org.values(), key=lambda r: r["organisation"].name_fi)
    return classifications, rows


def organisation_history(organisation: Organisation) -> list[DocumentationReport]:
    return list(
        DocumentationReport.objects.filter(organisation=organisation)
        .select_related("classification", "classification_version")
        .order_by("year", "quarter", "classification__code")
    )


def structured_documentation_indicator(*, years: list[int] | None = None) -> list[dict[str, Any]]:
    """The published interface (provider ``integration.structured_documentation``): the nightly
    region figures as indicator values, one per classification and quarter."""
    figures = RegionDocumentationFigure.objects.select_related("classification").order_by(
        "classification__code", "year", "quarter"
    )
    if years:
        figures = figures.filter(year__in=years)
    return [
        {
            "indicator": INDICATOR_CODE,
            "organisation_code": REGION_CODE,
            "classification_code": f.classification.code,
            "classification_oid": f.classification.oid,
            "year": f.year,
            "quarter": f.quarter,
            "numerator": f.structured_count,
            "denominator": f.total_count,
            "value": weighted_share(f.structured_count, f.total_count),
            "unit": "%",
        }
        for f in figures
    ]


def current_readiness(day: dt.date | None = None) -> list[KantaReadiness]:
    """Each organisation's latest Kanta stage reached on ``day`` (today by default)."""
    day = day or dt.date.today()
    latest: dict[int, KantaReadiness] = {}
    order = list(KantaStage.values)
    for row in KantaReadiness.objects.filter(since__lte=day).select_related("organisation", "system"):
        held = latest.get(row.organisation_id)
        if held is None or order.index(row.stage) > order.index(held.stage):
            latest[row.organisation_id] = row
    return sorted(latest.values(), key=lambda r: r.organisation.name_fi)


# --- 3.1 flow map ---------------------------------------------------------------------------------


def flows_for(
    *,
    from_sector: str = "",
    to_sector: str = "",
    organisation: Organisation | None = None,
    year: int | None = None,
    day: dt.date | None = None,
) -> FlowQuerySet:
    """Flows across one sector boundary (``from`` -> ``to``), for an organisation on either side,
    valid on a day or on at least one day of a year."""
    qs = InformationFlow.objects.select_related(
        "from_organisation", "to_organisation", "from_system", "to_system", "operating_model"
    )
    if from_sector:
        qs = qs.filter(from_sector=from_sector)
    if to_sector:
        qs = qs.filter(to_sector=to_sector)
    if organisation is not None:
        qs = qs.filter(Q(from_organisation=organisation) | Q(to_organisation=organisation))
    if day is not None:
        qs = qs.valid_on(day)
    elif year is not None:
        qs = qs.overlapping(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return qs


def flow_map_layout(flows: Iterable[InformationFlow]) -> dict[str, Any]:
    """Positions for the SVG: senders in the left column, receivers in the right, one line per flow."""
    senders: list[str] = []
    receivers: list[str] = []

    def label(org: Organisation, system: InformationSystem | None) -> str:
        return f"{org.name} · {system.name}" if system else org.name

    edges = []
    for flow in flows:
        s = label(flow.from_organisation, flow.from_system)
        r = label(flow.to_organisation, flow.to_system)
        if s not in senders:
            senders.append(s)
        if r not in receivers:
            receivers.append(r)
        edges.append((s, r, flow))
    step = 56
    height = max(len(senders), len(receivers), 1) * step + 40
    y_of_s = {name: 40 + i * step for i, name in enumerate(senders)}
    y_of_r = {name: 40 + i * step for i, name in enumerate(receivers)}
    return {
        "height": height,
        "senders": [{"name": n, "y": y} for n, y in y_of_s.items()],
        "receivers": [{"name": n, "y": y} for n, y in y_of_r.items()],
        "edges": [
            {"y1": y_of_s[s], "y2": y_of_r[r], "flow": f, "channel": f.channel, "label_y": (y_of_s[s] + y_of_r[r]) // 2}
            for s, r, f in edges
        ],
    }


SECTOR_BOUNDARIES = [
    (CareSector.SPECIALISED_CARE, CareSector.PRIMARY_CARE),
    (CareSector.PRIMARY_CARE, CareSector.SPECIALISED_CARE),
    (CareSector.PRIMARY_CARE, CareSector.SOCIAL_WELFARE),
    (CareSector.SOCIAL_WELFARE, CareSector.PRIMARY_CARE),
    (CareSector.SPECIALISED_CARE, CareSector.SOCIAL_WELFARE),
    (CareSector.SOCIAL_WELFARE, CareSector.SPECIALISED_CARE),
]


# --- 3.6 availability and UNA costs -----------------------------------------------------------------


def availability_matrix(day: dt.date) -> dict[str, Any]:
    """Viewer organisations (rows) x data owners (columns) on ``day``: channel and since when."""
    rows = ClientDataAccess.objects.valid_on(day).select_related("viewer", "data_owner")
    viewers: dict[int, Organisation] = {}
    owners: dict[int, Organisation] = {}
    cells: dict[tuple[int, int], list[ClientDataAccess]] = defaultdict(list)
    for access in rows:
        viewers[access.viewer_id] = access.viewer
        owners[access.data_owner_id] = access.data_owner
        cells[(access.viewer_id, access.data_owner_id)].append(access)
    owner_list = sorted(owners.values(), key=lambda o: o.name_fi)
    return {
        "owners": owner_list,
        "rows": [
            {"viewer": v, "cells": [cells.get((v.pk, o.pk), []) for o in owner_list]}
            for v in sorted(viewers.values(), key=lambda o: o.name_fi)
        ],
    }


def region_population(year: int | None = None, *, day: dt.date | None = None) -> tuple[int, int | None]:
    """(residents, population year) of the region's current members (member on ``day``, today by
    default) using the population figures of ``year`` (the latest year with figures when None).

    The cost of a service is for the region as it is now: Joroinen, a member since 2021, counts
    with its 2020 population too (19 municipalities, 248 265 residents on 31.12.2020).
    """
    region = Organisation.objects.filter(code=REGION_CODE).first()
    if region is None:
        return 0, None
    day = day or dt.date.today()
    # One filter() call: the membership conditions must hold for the same membership row.
    members = Population.objects.filter(
        validity_q(day, prefix="organisation__member_of__"),
        organisation__member_of__organisation=region,
    )
    if year is None:
        year = members.order_by("-year").values_list("year", flat=True).first()
        if year is None:
            return 0, None
    return members.filter(year=year).aggregate(n=Sum("count"))["n"] or 0, year


def una_cost_cents(cents_per_resident: int, residents: int) -> int:
    """Yearly cost in integer cents: 30 cents x 248 265 residents = 7 447 950 cents (74 479,50 EUR)."""
    return int(cents_per_resident) * int(residents)


def una_costs(residents: int, tariffs: Iterable[UnaTariff] | None = None) -> dict[str, Any]:
    """Per tariff and all together; ``is_example`` when any price is an example price."""
    tariffs = list(tariffs if tariffs is not None else UnaTariff.objects.select_related("module"))
    lines = [{"tariff": t, "cents": una_cost_cents(t.cents_per_resident, residents)} for t in tariffs]
    total_rate = sum(t.cents_per_resident for t in tariffs)
    return {
        "residents": residents,
        "lines": lines,
        "rate_cents": total_rate,
        "total_cents": una_cost_cents(total_rate, residents),
        "is_example": any(t.is_example for t in tariffs),
    }


def organisation_valid_in_quarter(organisation: Organisation, year: int, quarter: int) -> bool:
    start, end = quarter_bounds(year, quarter)
    return overlaps(organisation.valid_from, organisation.valid_to, start, end)
