"""The whole story of a conversion in numbers (pure; no database writes).

"Unallocated 123,35 EUR" alone hides that three rows of 25 000 EUR gross were unmapped and netted
out. So the summary gives rows read and mapped, and for the unmapped rows their gross debit (the
sum of positive amounts), gross credit (the sum of negative amounts) and net, and the cost centres
and accounts that caused them, each with the same three sums. Amounts are strings of euros with two
decimals (JSON-safe, exact).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from integration.conversion import MappingTables, map_frame
from integration.parsing import cents_to_decimal

LIST_LIMIT = 200  # entries per list kept in the summary (the coverage page lists them all)


def _eur(cents: int) -> str:
    return str(cents_to_decimal(int(cents)))


def _sums(frame: pd.DataFrame) -> dict:
    cents = frame["cents"].to_numpy(dtype=np.int64) if len(frame) else np.zeros(0, dtype=np.int64)
    return {
        "rows": int(len(frame)),
        "debit": _eur(int(cents[cents > 0].sum())),
        "credit": _eur(int(cents[cents < 0].sum())),
        "net": _eur(int(cents.sum())),
    }


def _grouped(frame: pd.DataFrame, keys: list[str]) -> list[dict]:
    """Per group: the keys, rows, first row, debit, credit and net, biggest gross first."""
    if frame.empty:
        return []
    work = frame.assign(
        debit=frame["cents"].where(frame["cents"] > 0, 0), credit=frame["cents"].where(frame["cents"] < 0, 0)
    )
    grouped = (
        work.groupby(keys, sort=False)
        .agg(
            rows=("cents", "size"),
            first_row=("row", "min"),
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


def summarise(frame: pd.DataFrame, tables: MappingTables | None) -> dict:
    """Summary of the parsed rows under a mapping (``tables``), or with no mapping at all (None).

    With no mapping every row is unallocated; the file's cost centres and accounts (with their sums)
    are listed in full so that a steward can start a mapping from them.
    """
    if tables is None:
        unmapped = frame
        cost_centres = _grouped(frame, ["cost_centre"])
        accounts = _grouped(frame, ["account"])
        unpackaged: list[dict] = []
    else:
        mapped = map_frame(frame, tables)
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
        "rows_read": int(len(frame)),
        "rows_mapped": int(len(frame) - len(unmapped)),
        "rows_unmapped": totals["rows"],
        "unmapped_debit": totals["debit"],
        "unmapped_credit": totals["credit"],
        "unmapped_net": totals["net"],
        "cost_centres": cost_centres,
        "accounts": accounts,
        "unpackaged": unpackaged,
    }
