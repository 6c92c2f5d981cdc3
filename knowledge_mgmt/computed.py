"""Indicators that a job computes from figures other areas publish (``portal.providers``).

- the net operating cost per resident per SOTE package and client group (integration's package rows);
- the digital-exclusion estimate (``inclusion.py``) and the structured-documentation share
  (``documentation.py``), both read from one provider each through the helpers below.

They share one rule: a job computes the values and stores them as provisional through
``services.resolve_rows``/``store_values`` with lineage to the job (no file is read, so no import
draft), replacing only this computation's earlier values in its scope (all, or the organisations and
years given); imported or entered values are never touched. This app never imports the producing app.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from knowledge_mgmt.aggregation import SIX_PLACES, PopulationTable, members_on, period_end
from knowledge_mgmt.choices import Computation, Direction, Obtained, ValueSource, ValueStatus, ValueType
from knowledge_mgmt.models import Indicator
from knowledge_mgmt.services import InvalidInput, RawRow, StoreReport, resolve_rows, store_aggregates, store_values
from portal import roles
from portal.jobs import msg, start_job
from portal.models import Job, Organisation
from portal.types import Actor

if TYPE_CHECKING:
    from celery import Task

PACKAGE_INDICATOR_CODE = "net-cost-per-resident-package"
CLIENT_GROUP_INDICATOR_CODE = "net-cost-per-resident-client-group"


# --- indicators fed by one provider (shared by inclusion.py and documentation.py) --------------------


def required_provider(name: str, missing: str) -> Callable:
    """The provider registered under ``name``; ``InvalidInput(missing)`` when no app publishes it."""
    from portal import providers

    provider = providers.get_optional(name)
    if provider is None:
        raise InvalidInput([missing % {"name": name}])
    return provider


def job_scope(indicator: Indicator, organisation_codes: list[str] | None, years: list[int] | None) -> dict:
    """The values this computation owns in its scope: its job-computed values of the indicator."""
    scope: dict = {"indicator": indicator, "source_kind": ValueSource.JOB}
    if organisation_codes is not None:
        scope["organisation__code__in"] = organisation_codes
    if years is not None:
        scope["year__in"] = years
    return scope


def note_skipped(
    report: StoreReport, indicator: Indicator, *, without_value: int, without_value_msgid: str, outside: int
) -> None:
    """The rows the computation did not store, and why, as notes of the job's report."""
    if without_value:
        report.notes.append(msg(without_value_msgid, n=without_value))
    if outside:
        report.notes.append(
            msg(
                gettext_noop("%(n)s rows outside the years %(first)s–%(last)s of the indicator were not stored."),
                n=outside,
                first=indicator.first_year,
                last=indicator.last_year,
            )
        )


# --- indicators computed from the SOTE data packages ----------------------------------------------


def ensure_package_indicators() -> tuple[Indicator, Indicator]:
    """The two computed indicators; created once, their metadata then belongs to the staff."""
    common = {
        "value_type": ValueType.PER_RESIDENT,
        "decimals": 0,
        "direction": Direction.NEUTRAL,
        "obtained": Obtained.COMPUTED,
        "source": "SOTE-tietopaketit (integration) / Tilastokeskus (väestö)",
        "licence": "CC BY 4.0",
        # Package rows are internal (integration): the computed figures are for signed-in users.
        "public": False,
        "first_year": 2015,
        "last_year": 2035,
    }
    package, _c = Indicator.objects.get_or_create(
        code=PACKAGE_INDICATOR_CODE,
        defaults={
            **common,
            "computation": Computation.PACKAGE_NET_COST_PER_RESIDENT,
            "title_fi": "Nettokäyttökustannukset asukasta kohden SOTE-tietopaketeittain",
            "title_sv": "Nettodriftskostnader per invånare enligt SOTE-datapaket",
            "title_en": "Net operating cost per resident per SOTE package",
            "breakdown_label": "SOTE package",
        },
    )
    group, _c = Indicator.objects.get_or_create(
        code=CLIENT_GROUP_INDICATOR_CODE,
        defaults={
            **common,
            "computation": Computation.CLIENT_GROUP_NET_COST_PER_RESIDENT,
            "title_fi": "Nettokäyttökustannukset asukasta kohden asiakasryhmittäin",
            "title_sv": "Nettodriftskostnader per invånare enligt klientgrupp",
            "title_en": "Net operating cost per resident per client group",
            "breakdown_label": "client group",
        },
    )
    return package, group


class _PopulationWithMembers:
    """Populations of organisations; one without figures of its own (a wellbeing services county)
    gets the sum of its member municipalities valid at the end of the year."""

    def __init__(self, organisation_ids: list[int]) -> None:
        from portal.models import OrganisationMembership

        self.own = PopulationTable(organisation_ids)
        self.organisation_ids = organisation_ids
        self._members: dict[int, dict[int, list[int]]] = {}
        self._member_table = PopulationTable(
            OrganisationMembership.objects.filter(organisation_id__in=organisation_ids).values_list(
                "member_id", flat=True
            )
        )

    def get(self, organisation_id: int, year: int) -> int | None:
        count = self.own.get(organisation_id, year)
        if count:
            return count
        if year not in self._members:
            self._members[year] = members_on(self.organisation_ids, period_end(year))
        members = self._members[year].get(organisation_id)
        if not members:
            return None
        counts = [self._member_table.get(m, year) for m in members]
        known = [c for c in counts if c is not None]
        if len(known) < len(counts):
            return None
        return sum(known)


def package_rows_selector() -> Callable:
    """Net cost by package, as the integration app publishes it through ``portal.providers``."""
    from portal import providers

    return providers.get("net_cost_by_package")


def compute_package_indicators(
    *,
    organisation_codes: list[str] | None = None,
    years: list[int] | None = None,
    selector: Callable | None = None,
    job: Job | None = None,
) -> StoreReport:
    """Net operating cost per resident per package and per client group, per organisation and year.

    Replaces the previous values of the organisation-years it recomputes; then re-aggregates the
    region and county values of those years.
    """
    selector = selector or package_rows_selector()
    package_ind, group_ind = ensure_package_indicators()
    amounts: dict[tuple[Indicator, str, int, str], Decimal] = defaultdict(Decimal)
    for row in selector(organisation_codes=organisation_codes, years=years):
        org, year = row["organisation_code"], int(row["year"])
        amount = Decimal(row["amount"])
        # The total of all packages (breakdown "") is what a dashboard shows by default.
        amounts[(package_ind, org, year, "")] += amount
        amounts[(group_ind, org, year, "")] += amount
        if row.get("package_code"):
            amounts[(package_ind, org, year, str(row["package_code"]))] += amount
        if row.get("client_group_code"):
            amounts[(group_ind, org, year, str(row["client_group_code"]))] += amount
    orgs = {o.code: o for o in Organisation.objects.filter(code__in={k[1] for k in amounts})}
    populations = _PopulationWithMembers([o.pk for o in orgs.values()])
    raw: list[RawRow] = []
    problems: list[str] = []
    for (indicator, org_code, year, breakdown), amount in sorted(
        amounts.items(), key=lambda item: (item[0][0].code, *item[0][1:])
    ):
        org = orgs.get(org_code)
        population = populations.get(org.pk, year) if org else None
        if org is None or not population:
            problems.append(
                _("%(org)s %(year)s: no population figure, cannot compute per resident")
                % {"org": org_code, "year": year}
            )
            continue
        raw.append(
            RawRow(
                label=f"{org_code} {year} {breakdown}",
                indicator=indicator,
                organisation=org,
                year=year,
                breakdown=breakdown,
                value=(amount / population).quantize(SIX_PLACES, ROUND_HALF_UP),
                absolute_value=amount,
                status=ValueStatus.PROVISIONAL,
            )
        )
    if problems:
        raise InvalidInput(list(dict.fromkeys(problems)))
    rows = resolve_rows(raw)
    scope_years = sorted({r.year for r in rows}) if years is None else list(years)
    report = store_values(
        rows,
        source_kind=ValueSource.JOB,
        job=job,
        replace_scope=lambda qs: qs.filter(
            indicator__in=[package_ind, group_ind],
            year__in=scope_years,
            source_kind=ValueSource.JOB,
            **({"organisation__code__in": organisation_codes} if organisation_codes is not None else {}),
        ),
    )
    for indicator in (package_ind, group_ind):
        sub = store_aggregates(indicator, scope_years, job=job)
        report.notes.append(
            msg(
                gettext_noop("Region and county values of %(code)s: %(summary)s"),
                code=indicator.code,
                summary=sub.summary(),
            )
        )
    return report


# --- starting the jobs -------------------------------------------------------------------------


def _start(
    task: Task, kind: str, *, actor: Actor | None, organisation_codes: list[str] | None, years: list[int] | None
) -> Job:
    """Queue one of the computations. Programme staff and administrators start them from the import
    page; ``actor=None`` is the system (a conversion's receiver, the management commands)."""
    if actor is not None and not roles.is_programme_editor(actor):
        raise PermissionDenied(_("Only programme staff recompute the computed indicators."))
    return start_job(task, kind=kind, actor=actor, input_ref={"organisation_codes": organisation_codes, "years": years})


def start_package_recompute(
    *, actor: Actor | None = None, organisation_codes: list[str] | None = None, years: list[int] | None = None
) -> Job:
    from knowledge_mgmt.tasks import recompute_package_indicators

    return _start(
        recompute_package_indicators,
        "knowledge_package_indicators",
        actor=actor,
        organisation_codes=organisation_codes,
        years=years,
    )


def start_digital_exclusion_recompute(
    *, actor: Actor | None = None, organisation_codes: list[str] | None = None, years: list[int] | None = None
) -> Job:
    """The digital-exclusion estimate (``inclusion.compute_digital_exclusion_indicator``)."""
    from knowledge_mgmt.tasks import recompute_digital_exclusion_indicator

    return _start(
        recompute_digital_exclusion_indicator,
        "knowledge_digital_exclusion",
        actor=actor,
        organisation_codes=organisation_codes,
        years=years,
    )


def start_structured_documentation_recompute(
    *, actor: Actor | None = None, organisation_codes: list[str] | None = None, years: list[int] | None = None
) -> Job:
    """The structured-documentation share (``documentation.compute_structured_documentation_indicator``)."""
    from knowledge_mgmt.tasks import recompute_structured_documentation_indicator

    return _start(
        recompute_structured_documentation_indicator,
        "knowledge_structured_documentation",
        actor=actor,
        organisation_codes=organisation_codes,
        years=years,
    )
