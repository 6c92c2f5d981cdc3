"""Read-only reporting views for Tableau and SQL clients (PostgreSQL only).

Schema ``knowledge_reporting``:
- ``indicator``: metadata of public indicators;
- ``indicator_value_public``: values of public indicators, small numbers suppressed (NULL) with the
  threshold in force when the migration ran (KNOWLEDGE_SMALL_NUMBER_THRESHOLD, default 5);
- ``target_public``: targets of public indicators;
- ``indicator_value`` and ``target``: every row, unsuppressed (grant only to internal readers).
Codes, not database ids, are the keys.
"""

from __future__ import annotations

SCHEMA = "knowledge_reporting"
PUBLIC_VIEWS = ("indicator", "indicator_value_public", "target_public")
INTERNAL_VIEWS = ("indicator_value", "target")

_SMALL = (
    "((v.absolute_value IS NOT NULL AND v.absolute_value > 0 AND v.absolute_value < __T__)"
    " OR (v.absolute_value IS NULL AND i.value_type IN ('count', 'euros') AND v.value > 0 AND v.value < __T__))"
)
_VALUE_COLUMNS = """
    i.code AS indicator, o.code AS organisation, o.name_fi AS organisation_name_fi,
    o.name_sv AS organisation_name_sv, o.kind AS organisation_kind, v.year, v.quarter, v.month,
    v.sex, v.breakdown, __VALUE__ AS value, __ABSOLUTE__ AS absolute_value, v.status,
    v.source_kind AS source, v.updated_at AS updated"""
_FROM_VALUES = """
    FROM knowledge_mgmt_indicatorvalue v
    JOIN knowledge_mgmt_indicator i ON i.id = v.indicator_id
    JOIN portal_organisation o ON o.id = v.organisation_id"""
_STATEMENTS = [
    "CREATE SCHEMA IF NOT EXISTS __S__",
    "CREATE OR REPLACE VIEW __S__.indicator AS"
    " SELECT code, title_fi, title_sv, title_en, value_type, decimals, direction, source, source_url,"
    " licence, public, obtained, periodicity, first_year, last_year, sotkanet_id, source_data_updated,"
    " updated_at AS updated FROM knowledge_mgmt_indicator WHERE public",
    "CREATE OR REPLACE VIEW __S__.indicator_value_public AS SELECT"
    + _VALUE_COLUMNS.replace("__VALUE__", "CASE WHEN __SMALL__ THEN NULL ELSE v.value END").replace(
        "__ABSOLUTE__", "CASE WHEN __SMALL__ THEN NULL ELSE v.absolute_value END"
    )
    + ", __SMALL__ AS suppressed"
    + _FROM_VALUES
    + " WHERE i.public",
    "CREATE OR REPLACE VIEW __S__.indicator_value AS SELECT"
    + _VALUE_COLUMNS.replace("__VALUE__", "v.value").replace("__ABSOLUTE__", "v.absolute_value")
    + ", i.public AS indicator_public"
    + _FROM_VALUES,
    "CREATE OR REPLACE VIEW __S__.target AS"
    " SELECT i.code AS indicator, o.code AS organisation, t.year, t.value, i.public AS indicator_public"
    " FROM knowledge_mgmt_target t JOIN knowledge_mgmt_indicator i ON i.id = t.indicator_id"
    " JOIN portal_organisation o ON o.id = t.organisation_id",
    "CREATE OR REPLACE VIEW __S__.target_public AS"
    " SELECT indicator, organisation, year, value FROM __S__.target WHERE indicator_public",
]


def create_sql(threshold: int) -> list[str]:
    small = _SMALL.replace("__T__", str(int(threshold)))
    return [s.replace("__SMALL__", small).replace("__S__", SCHEMA) for s in _STATEMENTS]


DROP_SQL = ["DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"]
