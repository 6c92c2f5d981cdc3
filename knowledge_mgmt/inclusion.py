"""The digital-exclusion indicator: residents who cannot use digital services, per municipality and
year, from the figures the digital services area publishes (``portal.providers``, provider
``digital_services.inclusion_indicators``; this app never imports that one).

It follows the rule of the net-cost indicators: a job computes it from the producer's figures and
stores provisional values with lineage to the job (no import draft: no file is read, the producer's
age structure and offline rates are its own reviewed data), restricted to signed-in readers (those
figures are internal to the portal), with region and county values summed from the municipalities.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from knowledge_mgmt.choices import Computation, Direction, Obtained, ValueSource, ValueStatus, ValueType
from knowledge_mgmt.computed import job_scope, note_skipped, required_provider
from knowledge_mgmt.models import Indicator, IndicatorValue
from knowledge_mgmt.services import RawRow, StoreReport, resolve_rows, store_aggregates, store_values
from portal.jobs import msg

INCLUSION_PROVIDER = "digital_services.inclusion_indicators"
#: The provider's indicator code of the estimate (persons); its other rows (shares) are not stored here.
PROVIDER_INDICATOR = "digital_offline_residents"
DIGITAL_EXCLUSION_INDICATOR_CODE = "digital-exclusion-estimate"
#: Stored as a marker and shown through its translation (``models.KNOWN_SOURCES``).
DIGITAL_EXCLUSION_SOURCE = "Digital services: residents per age band x sourced offline rates"


def ensure_digital_exclusion_indicator() -> Indicator:
    """The indicator; created once, its metadata then belongs to the programme staff."""
    indicator, _created = Indicator.objects.get_or_create(
        code=DIGITAL_EXCLUSION_INDICATOR_CODE,
        defaults={
            "title_fi": "Arvio asukkaista, jotka eivät pysty käyttämään digitaalisia palveluja",
            "title_sv": "Uppskattat antal invånare som inte kan använda digitala tjänster",
            "title_en": "Estimated residents who cannot use digital services",
            "description_fi": (
                "Asukkaat ikäryhmittäin kerrottuna ikäryhmän osuudella, joka ei käytä digitaalisia palveluja "
                "(lähteistetyt, muokattavat osuudet; digitaaliset palvelut -osio). Tavoite: ryhmä pysyy pienenä."
            ),
            "description_sv": (
                "Invånare per åldersgrupp gånger den andel av gruppen som inte använder digitala tjänster "
                "(andelar med källor som kan redigeras; området digitala tjänster). Målet: gruppen hålls liten."
            ),
            "description_en": (
                "Residents per age band times the band's share who do not use digital services (sourced, "
                "editable rates; the digital services area). The goal: keep that group small."
            ),
            "value_type": ValueType.COUNT,
            "source_value_type": "persons",
            "decimals": 0,
            "direction": Direction.LOWER_IS_BETTER,
            "obtained": Obtained.COMPUTED,
            "computation": Computation.DIGITAL_EXCLUSION,
            "source": DIGITAL_EXCLUSION_SOURCE,
            "licence": "CC BY 4.0",
            # Age structures and offline rates are read by signed-in users only in the producing area.
            "public": False,
            "first_year": 2015,
            "last_year": 2035,
        },
    )
    return indicator


def inclusion_provider() -> Callable:
    """The digital services area's published inclusion figures; a clear error when it publishes none."""
    return required_provider(
        INCLUSION_PROVIDER, _("No app publishes the digital inclusion figures (provider %(name)s is not registered).")
    )


def compute_digital_exclusion_indicator(
    *,
    organisation_codes: list[str] | None = None,
    years: list[int] | None = None,
    provider: Callable | None = None,
    job=None,
) -> StoreReport:
    """Store the provider's estimates (``digital_offline_residents``) as values of
    ``digital-exclusion-estimate``, per organisation and year, through ``resolve_rows``/``store_values``.

    Replaces this computation's previous values in its scope (all, or the organisations/years
    given), leaves imported or entered values alone, then re-aggregates the region and county.
    A row without a value (no offline rate for any of its bands) is not stored: "no value", never 0.
    """
    provider = provider or inclusion_provider()
    indicator = ensure_digital_exclusion_indicator()
    raw: list[RawRow] = []
    without_value = outside = 0
    for row in provider():
        if row.get("indicator") != PROVIDER_INDICATOR:
            continue
        org_code, year = str(row["organisation"]), int(row["year"])
        if organisation_codes is not None and org_code not in organisation_codes:
            continue
        if years is not None and year not in years:
            continue
        if row.get("value") is None:
            without_value += 1
            continue
        if not indicator.year_in_range(year):
            outside += 1
            continue
        raw.append(
            RawRow(
                label=f"{org_code} {year}",
                indicator=indicator,
                organisation=org_code,
                year=year,
                month=row.get("month") or 0,
                value=row["value"],
                status=ValueStatus.PROVISIONAL,
            )
        )
    rows = resolve_rows(raw)
    scope = job_scope(indicator, organisation_codes, years)
    previous_years = set(IndicatorValue.objects.filter(**scope).values_list("year", flat=True))
    report = store_values(rows, source_kind=ValueSource.JOB, job=job, replace_scope=lambda qs: qs.filter(**scope))
    note_skipped(
        report,
        indicator,
        without_value=without_value,
        without_value_msgid=gettext_noop(
            "%(n)s municipality-years with no offline rate for any of their age bands were not stored (no value)."
        ),
        outside=outside,
    )
    aggregate_years = sorted({r.year for r in rows} | previous_years)
    if aggregate_years:
        sub = store_aggregates(indicator, aggregate_years, job=job)
        report.notes.append(
            msg(
                gettext_noop("Region and county values of %(code)s: %(summary)s"),
                code=indicator.code,
                summary=sub.summary(),
            )
        )
    return report
