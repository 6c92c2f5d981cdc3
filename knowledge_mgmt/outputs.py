"""Output formats of the analytics API: flat JSON rows, CSV (comma or the Finnish-Excel semicolon
variant with decimal commas) and JSON-stat 2.0."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from knowledge_mgmt.models import Indicator
from portal.exports import safe_cell

CSV_COLUMNS = [
    "indicator",
    "organisation",
    "year",
    "quarter",
    "month",
    "sex",
    "breakdown",
    "value",
    "absolute_value",
    "status",
    "suppressed",
    "updated",
]
BREAKDOWN_TOTAL = "_T"


def _number(value: Decimal | None):
    """A JSON number: integers without a fraction, others as the shortest float."""
    if value is None:
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() and abs(as_float) < 2**53 else as_float


def _iso_cache():
    """Rows of one import share their timestamp: format each distinct one once."""
    stamps: dict = {}

    def iso(moment) -> str:
        text = stamps.get(moment)
        if text is None:
            text = stamps[moment] = moment.isoformat()
        return text

    return iso


def json_rows(tuples: list[tuple]) -> list[dict]:
    """Flat rows from ``DataQuery.tuples`` (one pass, no intermediate dicts)."""
    number = _number
    iso = _iso_cache()
    return [
        {
            "indicator": code,
            "organisation": org,
            "year": year,
            "quarter": quarter or None,
            "month": month or None,
            "sex": sex,
            "breakdown": breakdown,
            "value": number(value),
            "absolute_value": number(absolute),
            "status": status,
            "suppressed": hide,
            "updated": iso(updated),
        }
        for code, org, year, quarter, month, sex, breakdown, value, absolute, status, updated, hide in tuples
    ]


def _csv_number(value: Decimal | None, decimal_comma: bool) -> str:
    if value is None:
        return ""
    text = str(value)
    if "E" in text or "e" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def csv_text(tuples: list[tuple], *, semicolon: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if semicolon else ",", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    iso = _iso_cache()
    writer.writerows(
        [
            safe_cell(code),
            safe_cell(org),
            year,
            quarter or "",
            month or "",
            sex,
            safe_cell(breakdown),
            _csv_number(value, semicolon),
            _csv_number(absolute, semicolon),
            status,
            "1" if hide else "0",
            iso(updated),
        ]
        for code, org, year, quarter, month, sex, breakdown, value, absolute, status, updated, hide in tuples
    )
    return "\ufeff" + buffer.getvalue()


JSONSTAT_DIMENSIONS = ["indicator", "organisation", "year", "sex", "breakdown"]


def period_id(row: dict) -> str:
    if row["quarter"]:
        return f"{row['year']}Q{row['quarter']}"
    if row["month"]:
        return f"{row['year']}M{row['month']:02d}"
    return str(row["year"])


def jsonstat(rows: list[dict], *, labels: dict[str, dict[str, str]], updated, lang: str = "fi") -> dict:
    """A JSON-stat 2.0 dataset: dimensions indicator, organisation, year, sex, breakdown (row-major)."""
    dims = JSONSTAT_DIMENSIONS
    keys = {
        "indicator": lambda r: r["indicator"],
        "organisation": lambda r: r["organisation"],
        "year": period_id,
        "sex": lambda r: r["sex"],
        "breakdown": lambda r: r["breakdown"] or BREAKDOWN_TOTAL,
    }
    categories: dict[str, list[str]] = {d: [] for d in dims}
    seen: dict[str, set] = {d: set() for d in dims}
    for row in rows:
        for d in dims:
            key = keys[d](row)
            if key not in seen[d]:
                seen[d].add(key)
                categories[d].append(key)
    for d in ("organisation", "year", "sex", "breakdown"):
        categories[d].sort()
    index = {d: {c: i for i, c in enumerate(categories[d])} for d in dims}
    size = [len(categories[d]) for d in dims]
    total = 1
    for n in size:
        total *= n
    values: list = [None] * (total if rows else 0)
    status: dict[str, str] = {}
    for row in rows:
        position = 0
        for d, n in zip(dims, size, strict=True):
            position = position * n + index[d][keys[d](row)]
        values[position] = _number(row["value"])
        if row["suppressed"]:
            status[str(position)] = "suppressed"
        elif row["status"] == "provisional":
            status[str(position)] = "provisional"
    return jsonstat_dataset([categories[d] for d in dims], values, status, labels=labels, updated=updated)


def jsonstat_dataset(
    categories: list[list[str]], values: Any, status: dict[str, str], *, labels: dict, updated
) -> dict:
    """The JSON-stat 2.0 dataset around its cells: ``categories`` per dimension (in
    ``JSONSTAT_DIMENSIONS`` order, each in its index order), ``values`` row-major. One builder for
    the answer built whole (``jsonstat``) and the one written from database rows (``api/rows.py``)."""
    indicator_meta = labels.get("indicator_meta", {})
    dimension = {}
    for d, cats in zip(JSONSTAT_DIMENSIONS, categories, strict=True):
        category: dict = {
            "index": {c: i for i, c in enumerate(cats)},
            "label": {c: labels.get(d, {}).get(c, c) for c in cats},
        }
        if d == "indicator":
            category["unit"] = {
                c: {
                    "label": indicator_meta.get(c, {}).get("unit", ""),
                    "decimals": indicator_meta.get(c, {}).get("decimals", 0),
                }
                for c in cats
            }
        dimension[d] = {"label": labels.get("_dimensions", {}).get(d, d), "category": category}
    dataset = {
        "version": "2.0",
        "class": "dataset",
        "label": labels.get("_title", "Indicator data"),
        "source": labels.get("_source", ""),
        "updated": updated.isoformat() if updated else None,
        "id": list(JSONSTAT_DIMENSIONS),
        "size": [len(c) for c in categories],
        "role": {"time": ["year"], "geo": ["organisation"], "metric": ["indicator"]},
        "dimension": dimension,
        "value": values,
    }
    if status:
        dataset["status"] = status
    return dataset


def jsonstat_labels(rows: list[dict], lang: str) -> dict:
    from portal.models import Organisation

    codes = {r["indicator"] for r in rows}
    orgs = {r["organisation"] for r in rows}
    name_field = "name_sv" if lang == "sv" else "name_fi"
    indicator_labels, meta = {}, {}
    for ind in Indicator.objects.filter(code__in=codes):
        indicator_labels[ind.code] = getattr(ind, f"title_{lang}", "") or ind.title_fi
        meta[ind.code] = {"unit": ind.get_value_type_display(), "decimals": ind.decimals}
    org_labels = {
        code: (named or fallback)
        for code, named, fallback in Organisation.objects.filter(code__in=orgs).values_list(
            "code", name_field, "name_fi"
        )
    }
    return {"indicator": indicator_labels, "organisation": org_labels, "indicator_meta": meta}


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
