"""The structured-documentation indicator: the share of documentation entries recorded structurally,
per organisation and quarter, from the figures the integration area publishes (``portal.providers``,
provider ``integration.structured_documentation``; this app never imports that one).

It follows the rule of the digital-exclusion estimate (``inclusion.py``): a job computes it from the
producer's figures and stores provisional values with lineage to the job (no import draft: no file is
read, the producer's nightly region figures are its own reviewed data), restricted to signed-in readers
(those figures are internal to the portal). The provider gives one row per classification and quarter:
each is stored with the classification code as its breakdown, and the total (breakdown "") is the
weighted share of the summed structured and recorded entries of the quarter. The provider already
gives the region's figure, and a share is not summed, so no region or county values are aggregated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from knowledge_mgmt.choices import Computation, Direction, Obtained, Periodicity, ValueSource, ValueStatus, ValueType
from knowledge_mgmt.computed import job_scope, note_skipped, required_provider
from knowledge_mgmt.models import Indicator
from knowledge_mgmt.services import RawRow, StoreReport, resolve_rows, store_values

DOCUMENTATION_PROVIDER = "integration.structured_documentation"
#: The provider's indicator code of the share; rows of any other code are not stored here.
PROVIDER_INDICATOR = "integration.structured_documentation_share"
STRUCTURED_DOCUMENTATION_INDICATOR_CODE = "structured-documentation-share"
#: Stored as a marker and shown through its translation (``models.KNOWN_SOURCES``).
STRUCTURED_DOCUMENTATION_SOURCE = "Integration: structured entries / all entries per national classification"
#: The breakdown label (``models.KNOWN_BREAKDOWNS``): a breakdown value is a classification code.
CLASSIFICATION_BREAKDOWN = "national classification"


def share(structured: int, total: int) -> Decimal | None:
    """Structured share in per cent with one decimal (half up); None when nothing was recorded."""
    if not total:
        return None
    return (Decimal(structured) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def ensure_structured_documentation_indicator() -> Indicator:
    """The indicator; created once, its metadata then belongs to the programme staff."""
    indicator, _created = Indicator.objects.get_or_create(
        code=STRUCTURED_DOCUMENTATION_INDICATOR_CODE,
        defaults={
            "title_fi": "Rakenteisesti kirjattujen merkintöjen osuus",
            "title_sv": "Andel strukturerat dokumenterade anteckningar",
            "title_en": "Share of entries documented in structured form",
            "description_fi": (
                "Rakenteisesti kirjatut merkinnät prosentteina kaikista merkinnöistä neljännesvuosittain, "
                "kansallisen luokituksen mukaan ja yhteensä (integraatio-osio). Tavoite: osuus kasvaa."
            ),
            "description_sv": (
                "Strukturerat dokumenterade anteckningar i procent av alla anteckningar per kvartal, per "
                "nationell klassifikation och totalt (området integration). Målet: andelen ökar."
            ),
            "description_en": (
                "Entries documented in structured form as a percentage of all entries per quarter, per "
                "national classification and in total (the integration area). The goal: a growing share."
            ),
            "value_type": ValueType.PERCENT,
            "source_value_type": "percent",
            "decimals": 1,
            "direction": Direction.HIGHER_IS_BETTER,
            "obtained": Obtained.COMPUTED,
            "computation": Computation.STRUCTURED_DOCUMENTATION,
            "source": STRUCTURED_DOCUMENTATION_SOURCE,
            "licence": "CC BY 4.0",
            "breakdown_label": CLASSIFICATION_BREAKDOWN,
            "periodicity": Periodicity.QUARTER,
            # The documentation reports are read by signed-in users only in the producing area.
            "public": False,
            "first_year": 2015,
            "last_year": 2035,
        },
    )
    return indicator


def documentation_provider() -> Callable:
    """The integration area's published documentation figures; a clear error when it publishes none."""
    return required_provider(
        DOCUMENTATION_PROVIDER,
        _("No app publishes the structured documentation figures (provider %(name)s is not registered)."),
    )


def compute_structured_documentation_indicator(
    *,
    organisation_codes: list[str] | None = None,
    years: list[int] | None = None,
    provider: Callable | None = None,
    job=None,
) -> StoreReport:
    """Store the provider's shares (``integration.structured_documentation_share``) as values of
    ``structured-documentation-share``, per organisation, year and quarter, one per classification
    (breakdown) and their total, through ``resolve_rows``/``store_values``.

    Replaces this computation's previous values in its scope (all, or the organisations/years
    given) and leaves imported or entered values alone. A row without recorded entries is not
    stored: "no value", never 0.
    """
    provider = provider or documentation_provider()
    indicator = ensure_structured_documentation_indicator()
    raw: list[RawRow] = []
    totals: dict[tuple[str, int, int], list[int]] = defaultdict(lambda: [0, 0])
    without_value = outside = 0
    for row in provider(years=years):
        if row.get("indicator") != PROVIDER_INDICATOR:
            continue
        org_code, year, quarter = str(row["organisation_code"]), int(row["year"]), int(row.get("quarter") or 0)
        if organisation_codes is not None and org_code not in organisation_codes:
            continue
        if years is not None and year not in years:
            continue
        structured, total = int(row.get("numerator") or 0), int(row.get("denominator") or 0)
        value = share(structured, total)
        if value is None:
            without_value += 1
            continue
        if not indicator.year_in_range(year):
            outside += 1
            continue
        totals[(org_code, year, quarter)][0] += structured
        totals[(org_code, year, quarter)][1] += total
        raw.append(
            RawRow(
                label=f"{org_code} {year} Q{quarter} {row.get('classification_code', '')}",
                indicator=indicator,
                organisation=org_code,
                year=year,
                quarter=quarter,
                breakdown=str(row.get("classification_code") or ""),
                value=value,
                absolute_value=structured,
                status=ValueStatus.PROVISIONAL,
            )
        )
    for (org_code, year, quarter), (structured, total) in totals.items():
        raw.append(
            RawRow(
                label=f"{org_code} {year} Q{quarter}",
                indicator=indicator,
                organisation=org_code,
                year=year,
                quarter=quarter,
                value=share(structured, total),
                absolute_value=structured,
                status=ValueStatus.PROVISIONAL,
            )
        )
    rows = resolve_rows(raw)
    scope = job_scope(indicator, organisation_codes, years)
    report = store_values(rows, source_kind=ValueSource.JOB, job=job, replace_scope=lambda qs: qs.filter(**scope))
    note_skipped(
        report,
        indicator,
        without_value=without_value,
        without_value_msgid=gettext_noop(
            "%(n)s classification-quarters with no recorded entries were not stored (no value)."
        ),
        outside=outside,
    )
    return report
