"""Readers of the import formats: Sotkanet (THL indicator bank REST 1.1) and the portal's template.

Sotkanet formats (https://sotkanet.fi/rest/1.1/):
- ``/indicators/{id}``: metadata JSON (id, title/description fi/sv/en, primaryValueType, decimals,
  range, data-updated, organization, classifications);
- ``/regions``: the region list (id, code, category, title); a region id is Sotkanet's own, not a
  municipality code, so data rows are mapped through it (municipalities: category KUNTA with a
  3-digit code; wellbeing services counties: HYVINVOINTIALUE, from portal/reference when no region
  file has been imported);
- ``/json``: flat data rows (indicator, region, year, gender, value, absValue);
- ``/csv``: the same rows separated by semicolons.
The template (CSV or XLSX) has the columns of ``TEMPLATE_COLUMNS``.

Readers return ``RawRow``s for ``services.resolve_rows`` or raise ``InvalidInput`` naming the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from knowledge_mgmt.choices import Obtained, ValueType
from knowledge_mgmt.models import Indicator, SotkanetRegion
from knowledge_mgmt.services import InvalidInput, RawRow, StoreReport
from portal import safe_reader
from portal.choices import OrganisationKind
from portal.models import Organisation

REFERENCE_COUNTIES = Path(settings.BASE_DIR) / "portal" / "reference" / "sotkanet_wellbeing_counties.csv"
SOTKANET_FINLAND_ID = 658
TEMPLATE_COLUMNS = [
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
]
# Sotkanet's primaryValueType codes (indicator metadata, e.g. PROS for 5051, 5074 and 5033,
# PER10000 for 3336) and the spelled-out forms seen in older downloads. A code not listed here is
# imported as "other" with the code kept and a warning: a new type never refuses the file.
VALUE_TYPES = {
    "ABS": ValueType.COUNT,
    "ABSOLUTE": ValueType.COUNT,
    "COUNT": ValueType.COUNT,
    "LKM": ValueType.COUNT,
    "PROS": ValueType.PERCENT,
    "PERCENTAGE": ValueType.PERCENT,
    "PERCENT": ValueType.PERCENT,
    "PROSENTTI": ValueType.PERCENT,
    "PER1000": ValueType.PER_1000,
    "PROMILLE": ValueType.PER_1000,
    "PER10000": ValueType.PER_10000,
    "PER100000": ValueType.PER_100000,
    "PER_RESIDENT": ValueType.PER_RESIDENT,
    "PERASUKAS": ValueType.PER_RESIDENT,
    "EUR": ValueType.EUROS,
    "EUROS": ValueType.EUROS,
    "EUROA": ValueType.EUROS,
    "INDEX": ValueType.INDEX,
    "INDEKSI": ValueType.INDEX,
    "RATIO": ValueType.RATIO,
    "SUHDE": ValueType.RATIO,
    "DAYS": ValueType.DAYS,
    "VRK": ValueType.DAYS,
    "PAIVAT": ValueType.DAYS,
}
FORMATS = ("sotkanet-metadata", "sotkanet-regions", "sotkanet-json", "sotkanet-csv", "template-csv", "template-xlsx")
# Column aliases of Sotkanet's CSV (English and Finnish headers are both seen in downloads).
CSV_ALIASES = {
    "indicator": ("indicator", "indicator id", "indikaattori", "indikaattori id", "indikaattori-id"),
    "region": ("region", "region id", "alue", "alue id", "alue-id"),
    "year": ("year", "vuosi"),
    "gender": ("gender", "sex", "sukupuoli"),
    "value": ("primary value", "primaryvalue", "value", "arvo", "ensisijainen arvo"),
    "absValue": ("absolute value", "absvalue", "absoluuttinen arvo"),
}


def country_code() -> str:
    """Our organisation code for the whole country (Statistics Finland's "SSS", koko maa)."""
    return getattr(settings, "KNOWLEDGE_COUNTRY_ORGANISATION_CODE", "SSS")


def detect_format(filename: str, content: bytes) -> str:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return "template-xlsx"
    if name.endswith(".json"):
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInput([_("%(file)s is not valid JSON: %(error)s") % {"file": filename, "error": exc}]) from exc
        first = data[0] if isinstance(data, list) and data else data
        if isinstance(first, dict) and "category" in first:
            return "sotkanet-regions"
        if isinstance(first, dict) and "region" in first and "indicator" in first:
            return "sotkanet-json"
        if isinstance(first, dict) and ("primaryValueType" in first or "range" in first):
            return "sotkanet-metadata"
        raise InvalidInput([_("%(file)s: not a Sotkanet metadata, region or data file") % {"file": filename}])
    header = content.decode("utf-8-sig", errors="replace").splitlines()[:1]
    cells = {c.strip().strip('"').lower() for c in header[0].split(";")} if header else set()
    if cells & set(CSV_ALIASES["region"]):
        return "sotkanet-csv"
    return "template-csv"


def _load_json(content: bytes, filename: str):
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput([_("%(file)s is not valid JSON: %(error)s") % {"file": filename, "error": exc}]) from exc


# --- Sotkanet metadata -----------------------------------------------------------------------------


def plain_text(html: str) -> str:
    """Sotkanet descriptions hold HTML (``<br>``, ``<p id=...>``): keep the text and its paragraph
    breaks, drop every tag and attribute with a maintained sanitiser (nh3), unescape entities. The
    result is plain text, escaped again wherever it is shown."""
    import html as html_lib
    import re

    import nh3

    if not html or "<" not in html and "&" not in html:
        return (html or "").strip()
    marked = re.sub(r"(?i)<br\s*/?>|</p\s*>|</li\s*>|</div\s*>", "\n", html)
    cleaned = html_lib.unescape(nh3.clean(marked, tags=set(), attributes={}))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in cleaned.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _text(obj, lang: str) -> str:
    if isinstance(obj, dict):
        return str(obj.get(lang) or "")
    return str(obj or "") if lang == "fi" else ""


def import_sotkanet_metadata(content: bytes, filename: str) -> StoreReport:
    """Create or update indicators ``sotkanet-{id}`` from ``/indicators/{id}`` JSON (one or a list)."""
    data = _load_json(content, filename)
    items = data if isinstance(data, list) else [data]
    errors: list[str] = []
    warnings: list[tuple[int, str]] = []
    prepared: list[tuple[int, dict]] = []
    for number, item in enumerate(items, start=1):
        label = _("indicator %(n)s") % {"n": number}
        if not isinstance(item, dict) or not isinstance(item.get("id"), int):
            errors.append(_("%(label)s: no numeric id") % {"label": label})
            continue
        label = f"{label} (id {item['id']})"
        raw_type = item.get("primaryValueType") or {}
        value_type_code = str((raw_type.get("code") if isinstance(raw_type, dict) else raw_type) or "").strip()
        value_type = VALUE_TYPES.get(value_type_code.upper().replace(" ", ""))
        if value_type is None:
            value_type = ValueType.OTHER
            warnings.append(
                (
                    item["id"],
                    _(
                        "%(label)s: primary value type %(code)r is new to the portal; imported as 'other' with the code kept."
                    )
                    % {"label": label, "code": value_type_code},
                )
            )
        years = item.get("range") or {}
        try:
            first, last = int(years["start"]), int(years["end"])
        except (KeyError, TypeError, ValueError):
            errors.append(_("%(label)s: range start/end missing") % {"label": label})
            continue
        updated = None
        if item.get("data-updated"):
            try:
                updated = dt.date.fromisoformat(str(item["data-updated"])[:10])
            except ValueError:
                errors.append(_("%(label)s: data-updated is not a date") % {"label": label})
                continue
        title = item.get("title") or {}
        if not _text(title, "fi"):
            errors.append(_("%(label)s: no Finnish title") % {"label": label})
            continue
        organisation = item.get("organization") or {}
        prepared.append(
            (
                item["id"],
                {
                    "title_fi": _text(title, "fi")[:300],
                    "title_sv": _text(title, "sv")[:300],
                    "title_en": _text(title, "en")[:300],
                    "description_fi": plain_text(_text(item.get("description"), "fi")),
                    "description_sv": plain_text(_text(item.get("description"), "sv")),
                    "description_en": plain_text(_text(item.get("description"), "en")),
                    "value_type": value_type,
                    "source_value_type": value_type_code[:40],
                    "decimals": int(item.get("decimals") or 0),
                    "first_year": first,
                    "last_year": last,
                    "source_data_updated": updated,
                    "source": ("Sotkanet / " + _text(organisation.get("title"), "fi")).strip(" /")[:300],
                    "source_url": f"https://sotkanet.fi/sotkanet/fi/metadata/indicators/{item['id']}",
                    "licence": "CC BY 4.0",
                    "obtained": Obtained.IMPORTED,
                },
            )
        )
    if errors:
        raise InvalidInput(errors)
    report = StoreReport()
    report.notes.extend(text for _id, text in warnings)
    with transaction.atomic():
        for sotkanet_id, values in prepared:
            indicator = Indicator.objects.filter(sotkanet_id=sotkanet_id).first()
            if indicator is None:
                indicator = Indicator.objects.create(code=f"sotkanet-{sotkanet_id}", sotkanet_id=sotkanet_id, **values)
                report.created += 1
                report.count(indicator.code, "created")
                continue
            changed = {k: v for k, v in values.items() if getattr(indicator, k) != v}
            if changed:
                for key, value in changed.items():
                    setattr(indicator, key, value)
                indicator.save()
                report.updated += 1
                report.count(indicator.code, "updated")
            else:
                report.unchanged += 1
                report.count(indicator.code, "unchanged")
    return report


# --- Sotkanet regions and the mapping to organisations ---------------------------------------------


def import_sotkanet_regions(content: bytes, filename: str) -> StoreReport:
    data = _load_json(content, filename)
    if not isinstance(data, list):
        raise InvalidInput([_("%(file)s: a region list (JSON array) was expected") % {"file": filename}])
    errors, prepared = [], {}
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), int) or not item.get("category"):
            errors.append(_("region %(n)s: id and category are required") % {"n": number})
            continue
        prepared[item["id"]] = {
            "category": str(item["category"]).upper()[:40],
            "code": str(item.get("code") or "")[:20],
            "title_fi": _text(item.get("title"), "fi")[:200],
        }
    if errors:
        raise InvalidInput(errors)
    report = StoreReport()
    with transaction.atomic():
        existing = {r.sotkanet_id: r for r in SotkanetRegion.objects.filter(sotkanet_id__in=prepared)}
        for sotkanet_id, values in prepared.items():
            region = existing.get(sotkanet_id)
            if region is None:
                SotkanetRegion.objects.create(sotkanet_id=sotkanet_id, **values)
                report.created += 1
            elif any(getattr(region, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(region, key, value)
                region.save()
                report.updated += 1
            else:
                report.unchanged += 1
    return report


@dataclass(frozen=True)
class RegionRef:
    category: str
    code: str


def known_regions() -> dict[int, RegionRef]:
    """Sotkanet ids we know: the reference wellbeing counties, Finland, and imported region lists."""
    regions: dict[int, RegionRef] = {SOTKANET_FINLAND_ID: RegionRef("MAA", "SSS")}
    with open(REFERENCE_COUNTIES, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            # Old and new ids of the same county both map to the county's current code.
            for key in ("uusi_id", "vanha_id"):
                if row[key]:
                    regions[int(row[key])] = RegionRef("HYVINVOINTIALUE", row["uusi_code"])
    for region in SotkanetRegion.objects.all():
        regions[region.sotkanet_id] = RegionRef(region.category, region.code)
    return regions


def organisation_for(ref: RegionRef, organisations: dict) -> Organisation | None:
    category = ref.category
    if category == "KUNTA":
        return organisations["code"].get(ref.code.zfill(3))
    if category == "HYVINVOINTIALUE":
        return organisations["county"].get(ref.code)
    if category == "MAAKUNTA":
        return organisations["region"].get(ref.code)
    if category == "MAA":
        return organisations["code"].get(country_code())
    return None


def _organisation_index() -> dict:
    index = {"code": {}, "county": {}, "region": {}}
    for org in Organisation.objects.all():
        index["code"][org.code] = org
        if org.kind == OrganisationKind.WELLBEING_SERVICES_COUNTY and org.official_code:
            index["county"][org.official_code] = org
        if org.kind == OrganisationKind.REGION and org.official_code:
            index["region"][org.official_code] = org
    return index


@dataclass(frozen=True)
class SkippedRow:
    """A data row left out on purpose, reported per indicator with its reason (the import report)."""

    indicator_code: str
    label: str
    reason: str


def sotkanet_rows(
    records: list[tuple[str, dict]], *, skip_outside: bool = False
) -> tuple[list[RawRow], list[SkippedRow]]:
    """Map Sotkanet data records (label, {indicator, region, year, gender, value, absValue}) to rows.

    The keys are those of the API's data endpoint (``/rest/1.1/json``: indicator, region, year,
    gender, value, absValue; some versions send ``primaryValue`` instead of ``value``). A region id
    Sotkanet does not know to us is an error naming the row. With ``skip_outside`` a region we know
    but that is not one of our organisations (another county's municipality) is skipped, and the
    skipped rows are returned with their indicator and reason for the per-indicator report.
    """
    regions = known_regions()
    organisations = _organisation_index()
    indicators = {i.sotkanet_id: i for i in Indicator.objects.filter(sotkanet_id__isnull=False)}
    rows, errors, skipped = [], [], []
    for label, record in records:
        problems = []
        try:
            sotkanet_indicator = int(str(record.get("indicator", "")).strip())
        except ValueError:
            sotkanet_indicator = None
        indicator = indicators.get(sotkanet_indicator)
        if indicator is None:
            problems.append(
                _("Sotkanet indicator %(id)r has no indicator here (import its metadata first)")
                % {"id": record.get("indicator")}
            )
        try:
            region_id = int(str(record.get("region", "")).strip())
        except ValueError:
            region_id = None
        ref = regions.get(region_id)
        organisation = organisation_for(ref, organisations) if ref else None
        if organisation is None:
            if ref is not None and skip_outside and indicator is not None:
                skipped.append(
                    SkippedRow(
                        indicator.code,
                        label,
                        _("region %(region)s (%(category)s %(code)s) is outside the portal")
                        % {"region": region_id, "category": ref.category, "code": ref.code},
                    )
                )
                continue
            problems.append(
                _("Sotkanet region id %(id)r cannot be mapped to an organisation") % {"id": record.get("region")}
            )
        if problems:
            errors.append(f"{label}: " + ", ".join(problems))
            continue
        rows.append(
            RawRow(
                label=label,
                indicator=indicator,
                organisation=organisation,
                year=record.get("year"),
                value=record["value"] if "value" in record else record.get("primaryValue"),
                absolute_value=record.get("absValue", record.get("absvalue")),
                sex=str(record.get("gender") or "total"),
            )
        )
    if errors:
        raise InvalidInput(errors)
    return rows, skipped


def read_sotkanet_json(content: bytes, filename: str) -> list[tuple[str, dict]]:
    data = _load_json(content, filename)
    if not isinstance(data, list):
        raise InvalidInput([_("%(file)s: a list of data rows was expected") % {"file": filename}])
    records = []
    for number, item in enumerate(data, start=1):
        label = _("%(file)s row %(n)s") % {"file": filename, "n": number}
        if not isinstance(item, dict):
            raise InvalidInput([_("%(label)s: not an object") % {"label": label}])
        records.append((label, item))
    return records


def _decode(content: bytes, filename: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput([_("%(file)s: the file is not UTF-8 text") % {"file": filename}])


def read_sotkanet_csv(content: bytes, filename: str) -> list[tuple[str, dict]]:
    table = safe_reader.open_table(content, filename, encodings=("utf-8", "cp1252"), delimiters=(";",))
    rows = table.rows()
    header = next((row for row in rows if row.cells), None)
    if header is None:
        raise InvalidInput([_("%(file)s: the file is empty") % {"file": filename}])
    normalised = [str(h or "").strip().strip('"').lower() for h in header.cells]
    columns = {}
    for key, aliases in CSV_ALIASES.items():
        for index, name in enumerate(normalised):
            if name in aliases:
                columns[key] = index
                break
    missing = [key for key in ("indicator", "region", "year", "value") if key not in columns]
    if missing:
        raise InvalidInput(
            [_("%(file)s line 1: missing columns %(columns)s") % {"file": filename, "columns": ", ".join(missing)}]
        )
    records = []
    for row in rows:
        cells = [safe_reader.cell_text(c) for c in row.cells]
        if not any(c.strip() for c in cells):
            continue
        label = _("%(file)s line %(n)s") % {"file": filename, "n": row.number}
        record = {key: (cells[index].strip() if index < len(cells) else "") for key, index in columns.items()}
        records.append((label, record))
    if not records:
        raise safe_reader.FileRefused(
            filename, _("the file has a header (row %(row)s) but no data rows.") % {"row": header.number}
        )
    return records


# --- the portal's template ---------------------------------------------------------------------------


def _template_records(header: list, body, filename: str, label_word: str) -> list[RawRow]:
    normalised = [str(h or "").strip().lower() for h in header]
    missing = [c for c in ("indicator", "organisation", "year", "value") if c not in normalised]
    if missing:
        raise InvalidInput(
            [_("%(file)s: missing columns %(columns)s") % {"file": filename, "columns": ", ".join(missing)}]
        )
    index = {name: normalised.index(name) for name in TEMPLATE_COLUMNS if name in normalised}
    rows = []
    for number, cells in body:
        cells = list(cells)
        if not any(str(c or "").strip() for c in cells):
            continue

        def cell(name, default="", cells=cells):
            position = index.get(name)
            if position is None or position >= len(cells) or cells[position] is None:
                return default
            value = cells[position]
            return value.strip() if isinstance(value, str) else value

        rows.append(
            RawRow(
                label=f"{filename} {label_word} {number}",
                indicator=str(cell("indicator")),
                organisation=str(cell("organisation")),
                year=cell("year"),
                quarter=cell("quarter", 0),
                month=cell("month", 0),
                sex=str(cell("sex", "total")),
                breakdown=str(cell("breakdown")),
                value=cell("value", None),
                absolute_value=cell("absolute_value", None),
                status=str(cell("status", "final")),
            )
        )
    return rows


def _read_template(content: bytes, filename: str, label_word: str) -> list[RawRow]:
    """The template from CSV or XLSX through the core's safe reader (limits; formulas refused)."""
    table = safe_reader.open_table(content, filename, encodings=("utf-8", "cp1252"), delimiters=(";", ","))
    rows = table.rows()
    header = next((row for row in rows if row.cells), None)
    if header is None:
        raise InvalidInput([_("%(file)s: the file is empty") % {"file": filename}])
    records = _template_records(list(header.cells), ((row.number, row.cells) for row in rows), filename, label_word)
    if not records:
        raise safe_reader.FileRefused(
            filename, _("the file has a header (row %(row)s) but no data rows.") % {"row": header.number}
        )
    return records


def read_template_csv(content: bytes, filename: str) -> list[RawRow]:
    return _read_template(content, filename, _("line"))


def read_template_xlsx(content: bytes, filename: str) -> list[RawRow]:
    return _read_template(content, filename, _("row"))
