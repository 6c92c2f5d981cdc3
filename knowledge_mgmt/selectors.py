"""Read queries of the indicator bank: filtered data rows (API, downloads, dashboards) with
small-number suppression for public outputs.

Published (registered in ``portal.providers`` by the AppConfig):
- ``indicator_bank.indicator_values`` -> ``published_indicator_values(indicator=...)``: yearly
  values of one indicator for one organisation (default: the wellbeing services county, else the
  region), e.g. the digital services area imports a counselling segment's history from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knowledge_mgmt.aggregation import small_number_threshold, suppressed
from knowledge_mgmt.choices import ADDITIVE_TYPES, Sex
from knowledge_mgmt.models import Indicator, IndicatorSet, IndicatorValue
from knowledge_mgmt.receivers import KNOWLEDGE
from portal import datacache, roles
from portal.models import Organisation
from portal.types import Actor

if TYPE_CHECKING:
    from knowledge_mgmt.dashboards import Panel

MAX_LIST_ITEMS = 500
ROW_FIELDS = (
    "indicator__code",
    "organisation__code",
    "year",
    "quarter",
    "month",
    "sex",
    "breakdown",
    "value",
    "absolute_value",
    "status",
    "updated_at",
    "indicator__value_type",
)


class FilterError(ValueError):
    """A filter value the API answers with 400 and this message."""


class RestrictedError(FilterError):
    """Restricted indicators were asked for without signing in (401)."""


def is_public_output(user: Actor | None) -> bool:
    """Outputs for readers who are not signed in are public: small numbers are suppressed there."""
    return not roles.is_signed_in(user)


def parse_list(raw: str | None, name: str) -> list[str]:
    if raw is None:
        return []
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise FilterError(_("%(name)s: empty item in the comma-separated list") % {"name": name})
    if len(items) > MAX_LIST_ITEMS:
        raise FilterError(_("%(name)s: at most %(n)s items") % {"name": name, "n": MAX_LIST_ITEMS})
    return list(dict.fromkeys(items))


def parse_years(raw: str | None) -> list[int]:
    years: list[int] = []
    for item in parse_list(raw, "year"):
        bounds = item.split("-", 1) if "-" in item[1:] else [item, item]
        try:
            first, last = int(bounds[0]), int(bounds[1])
        except ValueError:
            raise FilterError(_("year: %(value)r is not a year or a range like 2019-2023") % {"value": item}) from None
        if not (1900 <= first <= last <= 2100):
            raise FilterError(_("year: %(value)r is outside 1900–2100 or reversed") % {"value": item})
        years.extend(range(first, last + 1))
    return sorted(set(years))


@dataclass
class DataQuery:
    """A validated data request."""

    user: Actor | None
    indicators: list[Indicator] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    sexes: list[str] = field(default_factory=list)
    breakdowns: list[str] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return is_public_output(self.user)

    def queryset(self) -> QuerySet[IndicatorValue]:
        qs = IndicatorValue.objects.visible_to(self.user)
        if self.indicators:
            qs = qs.filter(indicator__in=self.indicators)
        if self.organisations:
            qs = qs.filter(organisation__in=self.organisations)
        if self.years:
            qs = qs.filter(year__in=self.years)
        if self.sexes:
            qs = qs.filter(sex__in=self.sexes)
        if self.breakdowns:
            qs = qs.filter(breakdown__in=["" if b == "_T" else b for b in self.breakdowns])
        return qs

    def stamp(self) -> tuple:
        """(last update, number of rows, last metadata update): the basis of ETag and Last-Modified.

        For public outputs it is kept in the cache under the bank's data version
        (``portal.datacache``: a new version on commit of any write of the values or indicators),
        keyed by the selection's SQL: the count and latest update of an unfiltered request read
        every one of ten million rows (1.1 s on the idle benchmark machine), and a client polling the same selection
        needs them only once per change. Signed-in readers' visibility can change without a
        write of the bank (their permissions), so theirs is computed every time."""
        values_qs = self.queryset()
        meta = Indicator.objects.visible_to(self.user)
        if self.indicators:
            meta = meta.filter(pk__in=[i.pk for i in self.indicators])

        def compute() -> tuple:
            values = values_qs.aggregate(last=Max("updated_at"), n=Count("id"))
            return values["last"], values["n"], meta.aggregate(last=Max("updated_at"))["last"]

        if not self.public:
            return compute()
        sql, params = values_qs.query.sql_with_params()
        meta_sql, meta_params = meta.query.sql_with_params()
        return datacache.cached_value(
            [KNOWLEDGE], f"data-stamp\n{sql}\n{params!r}\n{meta_sql}\n{meta_params!r}", compute
        )

    def values(self, *, offset: int = 0, limit: int | None = None) -> QuerySet[IndicatorValue, tuple]:
        """The visible rows of the request in the API's order, as ``ROW_FIELDS`` tuples (unsuppressed)."""
        qs = self.queryset().order_by(
            "indicator__code", "organisation__code", "year", "quarter", "month", "sex", "breakdown"
        )
        if limit is not None:
            qs = qs[offset : offset + limit]
        elif offset:
            qs = qs[offset:]
        return qs.values_list(*ROW_FIELDS)

    def tuples(self, *, offset: int = 0, limit: int | None = None) -> list[tuple]:
        """Rows as tuples in the order of ``ROW_FIELDS`` (value and absolute value already
        suppressed for public outputs), with ``suppressed`` replacing the value type."""
        return self.suppress(_fetch(self.values(offset=offset, limit=limit)))

    def suppress(self, raw: Iterable[tuple]) -> list[tuple]:
        """``ROW_FIELDS`` tuples with small numbers hidden for public outputs (the last item, the
        value type, replaced by ``suppressed``)."""
        if not self.public:
            return [(*t[:11], False) for t in raw]
        threshold = small_number_threshold()
        out = []
        for t in raw:
            hide = suppressed(t[7], t[8], additive=t[11] in ADDITIVE_TYPES, threshold=threshold)
            out.append((*t[:7], None, None, *t[9:11], True) if hide else (*t[:11], False))
        return out

    def rows(self, *, offset: int = 0, limit: int | None = None) -> list[dict]:
        return [tuple_to_row(t) for t in self.tuples(offset=offset, limit=limit)]


def _fetch(values_qs: QuerySet[IndicatorValue, tuple]) -> list[tuple]:
    """The rows of a values_list queryset. On PostgreSQL the driver already returns Decimal and
    aware datetimes, so the compiled SQL (with every filter of the queryset) runs on a plain cursor
    and skips Django's per-row converters, which otherwise cost as much as the query itself."""
    if connection.vendor != "postgresql":
        return list(values_qs)
    sql, params = values_qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def tuple_to_row(values: tuple) -> dict:
    code, org, year, quarter, month, sex, breakdown, value, absolute, status, updated, hide = values
    return {
        "indicator": code,
        "organisation": org,
        "year": year,
        "quarter": quarter or None,
        "month": month or None,
        "sex": sex,
        "breakdown": breakdown,
        "value": value,
        "absolute_value": absolute,
        "status": status,
        "suppressed": hide,
        "updated": updated,
    }


def build_data_query(params: Mapping[str, str], user: Actor | None) -> DataQuery:
    """Validate the query parameters; unknown codes and bad values raise FilterError."""
    query = DataQuery(user=user)
    codes = parse_list(params.get("indicator"), "indicator")
    if codes:
        found = {i.code: i for i in Indicator.objects.visible_to(user).filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing and Indicator.objects.filter(code__in=missing).exists():
            raise RestrictedError(_("indicator: sign in or use a token to read restricted indicators"))
        if missing:
            raise FilterError(_("indicator: unknown codes %(codes)s") % {"codes": ", ".join(missing)})
        query.indicators = [found[c] for c in codes]
    org_codes = parse_list(params.get("organisation"), "organisation")
    if org_codes:
        found_orgs = {o.code: o for o in Organisation.objects.visible_to(user).filter(code__in=org_codes)}
        missing = [c for c in org_codes if c not in found_orgs]
        if missing:
            raise FilterError(_("organisation: unknown codes %(codes)s") % {"codes": ", ".join(missing)})
        query.organisations = [found_orgs[c] for c in org_codes]
    query.years = parse_years(params.get("year"))
    sexes = parse_list(params.get("sex"), "sex")
    bad = [s for s in sexes if s not in Sex.values]
    if bad:
        raise FilterError(
            _("sex: %(values)s not one of %(allowed)s") % {"values": ", ".join(bad), "allowed": ", ".join(Sex.values)}
        )
    query.sexes = sexes
    query.breakdowns = parse_list(params.get("breakdown"), "breakdown")
    return query


def latest_year(indicator_ids: Iterable[int], user: Actor | None) -> int | None:
    return IndicatorValue.objects.visible_to(user).filter(indicator_id__in=indicator_ids).aggregate(y=Max("year"))["y"]


def display_value(value: Decimal | None, decimals: int) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-decimals)) if decimals else value.quantize(Decimal(1))


__all__ = [
    "DataQuery",
    "FilterError",
    "build_data_query",
    "display_value",
    "is_public_output",
    "latest_year",
    "small_number_threshold",
    "tuple_to_row",
]


# --- published to other apps (portal.providers) ------------------------------------------------------

INDICATOR_VALUES_PROVIDER = "indicator_bank.indicator_values"


def published_indicator_values(
    *, indicator: str, organisation: str | None = None, user: Actor | None = None
) -> list[dict]:
    """Published yearly values of ``indicator`` (its code) for one organisation, oldest first:
    ``[{"indicator", "organisation", "year", "value", "status"}]`` (value a Decimal or None).

    Only what readers of the bank see: values are stored only when an import is published (a draft
    never writes a value) or a computation job stores them, so every stored value is published.
    Whole-year cells only (no quarter or month), sex total, breakdown total. ``organisation`` is an
    organisation code; by default the wellbeing services county, or the region when the county has
    no values of the indicator. With ``user`` the reader's reach applies (restricted indicators only
    for signed-in users, small numbers suppressed for others); without one the caller is a service
    verb that has checked its own actor's rights. An unknown or unreadable code gives no rows.
    """
    from knowledge_mgmt.dashboards import county_code, region_code

    indicators = Indicator.objects.visible_to(user) if user is not None else Indicator.objects.all()
    found = indicators.filter(code=indicator).first()
    if found is None:
        return []
    values = IndicatorValue.objects.visible_to(user) if user is not None else IndicatorValue.objects.all()
    values = values.filter(indicator=found, quarter=0, month=0, sex=Sex.TOTAL, breakdown="")
    candidates = [organisation] if organisation else [county_code(), region_code()]
    public = user is not None and is_public_output(user)
    additive = found.value_type in ADDITIVE_TYPES
    threshold = small_number_threshold()
    for code in candidates:
        rows = list(
            values.filter(organisation__code=code)
            .order_by("year")
            .values_list("year", "value", "absolute_value", "status")
        )
        if rows:
            return [
                {
                    "indicator": found.code,
                    "organisation": code,
                    "year": year,
                    "value": None
                    if public and suppressed(value, absolute, additive=additive, threshold=threshold)
                    else value,
                    "status": status,
                }
                for year, value, absolute, status in rows
            ]
    return []


# --- overviews: what a page opens with (issue 16, summaries first) ---------------------------------

TARGET_STATES = {"met": "ok", "not_met": "bad", "no_data": "none"}


def signed(value: Decimal | None, decimals: int) -> str:
    """A change with its sign in the reader's locale (+1,2 / −0,4 / ±0); empty when unknown."""
    from knowledge_mgmt.svg import fmt

    if value is None:
        return ""
    if value == 0:
        return "±0"
    return ("+" if value > 0 else "−") + fmt(abs(value), decimals)


def panel_figures(panels: Iterable[Panel], *, comparison: bool = True) -> list[dict]:
    """One key figure per dashboard panel: the value of the latest year, its change from the year
    before, the target status and (``comparison``) the region's value beside it; each links to the
    panel's folded charts and tables further down the page."""
    from knowledge_mgmt.choices import TargetStatus
    from knowledge_mgmt.svg import fmt

    figures = []
    for panel in panels:
        note = ""
        if comparison and panel.lines:
            label, value = panel.lines[0]
            note = f"{label}: {fmt(value, panel.decimals)}"
        figures.append(
            {
                "label": panel.indicator.title,
                "url": f"#details-{panel.indicator.code}",
                "value": fmt(panel.focus_compare, panel.decimals) if panel.focus_compare is not None else "–",
                "unit": panel.unit if panel.focus_compare is not None else "",
                "year": panel.year,
                "change": signed(panel.change, panel.decimals),
                "change_note": _("from %(year)s") % {"year": panel.previous_year} if panel.change is not None else "",
                # no badge without a target: "no data" would read as if the figure were missing
                "state": TARGET_STATES.get(panel.target_status, "none"),
                "state_label": ""
                if panel.target_status == TargetStatus.NO_DATA
                else str(TargetStatus(panel.target_status).label),
                "note": (f"{panel.year} · {note}" if note else str(panel.year)) if panel.year else "",
                "indicator": panel.indicator.code,
            }
        )
    return figures


def panel_attention(
    panels: Iterable[Panel], organisation_name: str, *, link: Callable[[Panel], str] | None = None
) -> list[dict]:
    """What needs attention among the panels: targets not met, and indicators without a value for the
    organisation; each links (``link(panel)``) by default to the indicator's page (its whole series,
    sources and targets, where a steward enters a value)."""
    from django.urls import reverse

    from knowledge_mgmt.choices import TargetStatus
    from knowledge_mgmt.svg import fmt

    items = []
    for panel in panels:
        url = link(panel) if link else reverse("knowledge_mgmt:indicator-detail", args=[panel.indicator.code])
        if panel.target_status == TargetStatus.NOT_MET:
            items.append(
                {
                    "level": "bad",
                    "url": url,
                    "text": _("%(indicator)s: %(value)s in %(year)s, the target %(target)s is not met")
                    % {
                        "indicator": panel.indicator.title,
                        "value": fmt(panel.focus_value, panel.indicator.decimals),
                        "year": panel.year,
                        "target": fmt(panel.target, panel.indicator.decimals),
                    },
                }
            )
        elif panel.year is None or panel.focus_compare is None:
            items.append(
                {
                    "level": "warn",
                    "url": url,
                    "text": _("%(indicator)s: no figure for %(organisation)s yet")
                    % {"indicator": panel.indicator.title, "organisation": organisation_name},
                }
            )
    return items


def panels_overview(panels: list[Panel], organisation_name: str) -> dict:
    return {"figures": panel_figures(panels), "attention": panel_attention(panels, organisation_name)}


def set_indicators(user: Actor | None, indicator_set: IndicatorSet) -> list[Indicator]:
    """The indicators of a curated set that ``user`` may see, in the set's order."""
    visible = set(Indicator.objects.visible_to(user).filter(sets=indicator_set).values_list("pk", flat=True))
    items = indicator_set.items.select_related("indicator").order_by("order", "indicator__code")
    return [item.indicator for item in items if item.indicator_id in visible]


KEY_SET_SETTING = "KNOWLEDGE_KEY_SET_CODE"


def key_indicators(user: Actor | None) -> tuple[IndicatorSet | None, list[Indicator]]:
    """The set of key indicators (the setting's, else the first visible set) and its indicators."""
    from django.conf import settings

    sets = IndicatorSet.objects.visible_to(user)
    chosen = sets.filter(code=getattr(settings, KEY_SET_SETTING, "johtamisen-mittaristo")).first() or sets.first()
    if chosen is None:
        return None, list(Indicator.objects.visible_to(user).order_by("code")[:12])
    return chosen, set_indicators(user, chosen)


def area_overview(user: Actor | None) -> dict:
    """The front page's overview: what the bank holds for this reader and the region's key figures
    against their targets; open import drafts for those who publish them (programme staff and
    administrators: the drafts' own visibility)."""
    from django.urls import reverse

    from knowledge_mgmt.dashboards import DashboardData, region_code
    from knowledge_mgmt.models import ImportDraft, ImportDraftStatus, MaturitySurvey

    indicators = Indicator.objects.visible_to(user)
    latest = IndicatorValue.objects.visible_to(user).aggregate(y=Max("year"))["y"]
    chosen, key = key_indicators(user)
    panels = [DashboardData(user, key).panel(i, year=None, focus=None) for i in key] if key else []
    met = sum(1 for p in panels if p.target_status == "met")
    with_target = sum(1 for p in panels if p.target_status != "no_data")
    figures = [
        {
            "label": _("Indicators in the bank"),
            "value": indicators.count(),
            "url": reverse("knowledge_mgmt:indicator-list"),
        },
        {"label": _("Latest year with figures"), "value": str(latest) if latest else "–"},
        {
            "label": _("Dashboards"),
            "value": IndicatorSet.objects.visible_to(user).count(),
            "url": reverse("knowledge_mgmt:dashboard-list"),
        },
        {
            "label": _("Region's key figures meeting their target"),
            "value": _("%(met)s of %(total)s") % {"met": met, "total": with_target} if with_target else "–",
            "state": ("ok" if met == with_target else "bad") if with_target else "",
            "state_label": (_("All targets met") if met == with_target else _("Targets not met"))
            if with_target
            else "",
            "url": reverse("knowledge_mgmt:dashboard", args=[chosen.code]) if chosen else "",
        },
        {
            "label": _("Maturity surveys"),
            "value": MaturitySurvey.objects.visible_to(user).count(),
            "url": reverse("knowledge_mgmt:survey-list"),
        },
    ]
    region = Organisation.objects.filter(code=region_code()).first()
    dashboard_url = reverse("knowledge_mgmt:dashboard", args=[chosen.code]) if chosen else ""
    attention = panel_attention(
        [p for p in panels if p.target_status == "not_met"],
        region.name if region else "",
        link=lambda p: f"{dashboard_url}#details-{p.indicator.code}",
    )
    for draft in ImportDraft.objects.visible_to(user).filter(status=ImportDraftStatus.DRAFT).order_by("created_at"):
        attention.append(
            {
                "level": "warn",
                "url": reverse("portal:job-detail", args=[draft.job_id]),
                "text": _("An indicator import of %(date)s awaits review and publishing")
                % {"date": date_format(timezone.localtime(draft.created_at), "SHORT_DATE_FORMAT")},
            }
        )
    return {"figures": figures, "attention": attention}
