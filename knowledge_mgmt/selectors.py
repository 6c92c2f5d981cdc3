"""Read queries of the indicator bank: filtered data rows (API, downloads, dashboards) with
small-number suppression for public outputs.

Published (registered in ``portal.providers`` by the AppConfig):
- ``indicator_bank.indicator_values`` -> ``published_indicator_values(indicator=...)``: yearly
  values of one indicator for one organisation (default: the wellbeing services county, else the
  region), e.g. the digital services area imports a counselling segment's history from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from knowledge_mgmt.aggregation import small_number_threshold, suppressed
from knowledge_mgmt.choices import ADDITIVE_TYPES, Sex
from knowledge_mgmt.models import Indicator, IndicatorValue
from portal import roles
from portal.models import Organisation

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


def is_public_output(user) -> bool:
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

    user: object
    indicators: list[Indicator] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    sexes: list[str] = field(default_factory=list)
    breakdowns: list[str] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return is_public_output(self.user)

    def queryset(self):
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
        """(last update, number of rows, last metadata update): the basis of ETag and Last-Modified."""
        values = self.queryset().aggregate(last=Max("updated_at"), n=Count("id"))
        meta = Indicator.objects.visible_to(self.user)
        if self.indicators:
            meta = meta.filter(pk__in=[i.pk for i in self.indicators])
        meta_last = meta.aggregate(last=Max("updated_at"))["last"]
        return values["last"], values["n"], meta_last

    def tuples(self, *, offset: int = 0, limit: int | None = None) -> list[tuple]:
        """Rows as tuples in the order of ``ROW_FIELDS`` (value and absolute value already
        suppressed for public outputs), with ``suppressed`` replacing the value type."""
        qs = self.queryset().order_by(
            "indicator__code", "organisation__code", "year", "quarter", "month", "sex", "breakdown"
        )
        if limit is not None:
            qs = qs[offset : offset + limit]
        elif offset:
            qs = qs[offset:]
        raw = _fetch(qs.values_list(*ROW_FIELDS))
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


def _fetch(values_qs) -> list[tuple]:
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


def build_data_query(params, user) -> DataQuery:
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


def latest_year(indicator_ids, user) -> int | None:
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


def published_indicator_values(*, indicator: str, organisation: str | None = None, user=None) -> list[dict]:
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
