"""The whole story of a conversion in numbers (pure; no database writes).

"Unallocated 123,35 EUR" alone hides that three rows of 25 000 EUR gross were unmapped and netted
out. So the summary gives rows read and mapped, and for the unmapped rows their gross debit (the
sum of positive amounts), gross credit (the sum of negative amounts) and net, and the cost centres
and accounts that caused them, each with the same three sums. Amounts are strings of euros with two
decimals (JSON-safe, exact).
"""

from __future__ import annotations

import pandas as pd

from integration.conversion import MappingTables, map_pairs
from integration.ledger_stream import pairs_from_rows
from integration.parsing import cents_to_decimal

LIST_LIMIT = 200  # entries per list kept in the summary (the coverage page lists them all)


def _eur(cents: int) -> str:
    return str(cents_to_decimal(int(cents)))


def _sums(pairs: pd.DataFrame) -> dict:
    return {
        "rows": int(pairs["rows"].sum()) if len(pairs) else 0,
        "debit": _eur(int(pairs["debit"].sum()) if len(pairs) else 0),
        "credit": _eur(int(pairs["credit"].sum()) if len(pairs) else 0),
        "net": _eur(int(pairs["cents"].sum()) if len(pairs) else 0),
    }


def _grouped(pairs: pd.DataFrame, keys: list[str]) -> list[dict]:
    """Per group: the keys, rows, first row, debit, credit and net, biggest gross first."""
    if pairs.empty:
        return []
    grouped = (
        pairs.groupby(keys, sort=False)
        .agg(
            rows=("rows", "sum"),
            first_row=("first_row", "min"),
            debit=("debit", "sum"),
            credit=("credit", "sum"),
            net=("cents", "sum"),
        )
        .reset_index()
    )
    grouped["gross"] = grouped["debit"] - grouped["credit"]
    grouped = grouped.sort_values(["gross", "first_row"], ascending=[False, True]).head(LIST_LIMIT)
    return [
        {
            **{key: str(r[key]) for key in keys},
            "rows": int(r["rows"]),
            "first_row": int(r["first_row"]),
            "debit": _eur(r["debit"]),
            "credit": _eur(r["credit"]),
            "net": _eur(r["net"]),
        }
        for r in grouped.to_dict("records")
    ]


def summarise(ledger: pd.DataFrame, tables: MappingTables | None) -> dict:
    """Summary of a ledger under a mapping (``tables``), or with no mapping at all (None).

    ``ledger``: per-(cost centre, account) totals (``ledger_stream.aggregate_ledger``) or parsed
    rows. With no mapping every row is unallocated; the file's cost centres and accounts (with
    their sums) are listed in full so that a steward can start a mapping from them.
    """
    pairs = pairs_from_rows(ledger) if "row" in ledger.columns else ledger
    rows_read = int(pairs["rows"].sum()) if len(pairs) else 0
    if tables is None:
        unmapped = pairs
        cost_centres = _grouped(pairs, ["cost_centre"])
        accounts = _grouped(pairs, ["account"])
        unpackaged: list[dict] = []
    else:
        mapped = map_pairs(pairs.reset_index(drop=True), tables)
        unmapped = mapped[mapped["is_unallocated"]]
        cost_centres = _grouped(unmapped[~unmapped["cc_mapped"]], ["cost_centre"])
        accounts = _grouped(unmapped[unmapped["cost_type_code"] == ""], ["account"])
        unpackaged = _grouped(
            unmapped[unmapped["cc_mapped"] & (unmapped["package_code"] == "") & (unmapped["cost_type_code"] != "")],
            ["service_class_code", "client_group_code"],
        )
    totals = _sums(unmapped)
    return {
        "has_mapping": tables is not None,
        "rows_read": rows_read,
        "rows_mapped": rows_read - totals["rows"],
        "rows_unmapped": totals["rows"],
        "unmapped_debit": totals["debit"],
        "unmapped_credit": totals["credit"],
        "unmapped_net": totals["net"],
        "cost_centres": cost_centres,
        "accounts": accounts,
        "unpackaged": unpackaged,
    }
