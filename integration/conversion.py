"""Map and aggregate parsed ledger rows into SOTE package rows (pure; no database writes).

Mapping works on the distinct cost centres and accounts (a ledger has few of them and many rows):
``convert`` takes the per-(cost centre, account) totals that ``ledger_stream.aggregate_ledger``
gives (or parsed rows, aggregated first), so ten million rows cost no more to map than a thousand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from integration.models import AccountMapping, CostCentreMapping, MappingVersion, PackageDefinition, PackageMember

KEYS = ["package_code", "service_class_code", "client_group_code", "cost_type_code", "production_mode_code"]


@dataclass
class MappingTables:
    cost_centres: dict[str, tuple[str, str, str]]  # cost centre -> (service class, client group, mode)
    exact_accounts: dict[str, str]
    ranges: list[tuple[int, int, str]]  # numeric ranges (from, to, cost type)
    packages: dict[tuple[str, str], str]  # (service class, client group or "") -> package code

    @classmethod
    def load(cls, version: MappingVersion, definition: PackageDefinition) -> MappingTables:
        cost_centres = {
            m.cost_centre: (m.service_class_code, m.client_group_code, m.production_mode_code)
            for m in CostCentreMapping.objects.filter(version=version)
        }
        exact: dict[str, str] = {}
        ranges: list[tuple[int, int, str]] = []
        for m in AccountMapping.objects.filter(version=version):
            if m.account_to and m.account_to != m.account_from and m.account_from.isdigit() and m.account_to.isdigit():
                ranges.append((int(m.account_from), int(m.account_to), m.cost_type_code))
            else:
                exact[m.account_from] = m.cost_type_code
        ranges.sort()
        packages = {
            (m.service_class_code, m.client_group_code): m.package.code
            for m in PackageMember.objects.filter(package__definition=definition).select_related("package")
        }
        return cls(cost_centres, exact, ranges, packages)

    def cost_type(self, account: str) -> str | None:
        if account in self.exact_accounts:
            return self.exact_accounts[account]
        if account.isdigit():
            number = int(account)
            for low, high, code in self.ranges:
                if low <= number <= high:
                    return code
        return None

    def package(self, service_class: str, client_group: str) -> str | None:
        return self.packages.get((service_class, client_group)) or self.packages.get((service_class, ""))


@dataclass
class Converted:
    rows: pd.DataFrame  # KEYS + is_unallocated, cents, source_rows
    input_cents: int
    allocated_cents: int
    unallocated_cents: int
    unmapped_cost_centres: pd.DataFrame  # cost_centre, cents, rows, first_row
    unmapped_accounts: pd.DataFrame  # account, cents, rows, first_row
    unpackaged: pd.DataFrame  # service_class_code, client_group_code, cents, rows


def _pair_table(frame: pd.DataFrame, tables: MappingTables) -> tuple[np.ndarray, pd.DataFrame]:
    """Factorise (cost centre, account) pairs: returns each row's pair index and the mapped pairs.

    A ledger has few distinct pairs and many rows, so the mapping runs once per pair.
    """
    cc_codes, cc_uniques = pd.factorize(frame["cost_centre"].to_numpy(dtype=object))
    acc_codes, acc_uniques = pd.factorize(frame["account"].to_numpy(dtype=object))
    combined = cc_codes.astype(np.int64) * max(len(acc_uniques), 1) + acc_codes
    pair_codes, pair_keys = pd.factorize(combined)
    cc_of_pair = pair_keys // max(len(acc_uniques), 1)
    acc_of_pair = pair_keys % max(len(acc_uniques), 1)
    pairs = pd.DataFrame(
        {
            "cost_centre": np.asarray(cc_uniques, dtype=object)[cc_of_pair],
            "account": np.asarray(acc_uniques, dtype=object)[acc_of_pair],
        }
    )
    return pair_codes, map_pairs(pairs, tables)


def map_pairs(pairs: pd.DataFrame, tables: MappingTables) -> pd.DataFrame:
    """Add the mapped codes and flags to distinct (cost centre, account) pairs.

    Each distinct cost centre and account is looked up once (a ledger has tens of cost centres
    and hundreds of accounts, whatever its number of rows), then spread to the pairs."""
    out = pairs.copy()
    if out.empty:
        for column in [*KEYS, "cc_mapped", "has_package", "is_unallocated"]:
            out[column] = pd.Series(dtype=bool if column in ("cc_mapped", "has_package", "is_unallocated") else object)
        return out
    cc_codes, cc_uniques = pd.factorize(out["cost_centre"].to_numpy(dtype=object))
    acc_codes, acc_uniques = pd.factorize(out["account"].to_numpy(dtype=object))
    per_cc = []
    for centre in cc_uniques:
        mapped = tables.cost_centres.get(centre)
        service, client, mode = mapped or ("", "", "")
        package = (tables.package(service, client) or "") if mapped else ""
        per_cc.append((service, client, mode, package, mapped is not None))
    cc_table = np.array(per_cc, dtype=object).reshape(len(per_cc), 5)
    cost_types = np.array([tables.cost_type(a) or "" for a in acc_uniques], dtype=object)
    out["service_class_code"] = cc_table[cc_codes, 0]
    out["client_group_code"] = cc_table[cc_codes, 1]
    out["production_mode_code"] = cc_table[cc_codes, 2]
    out["cost_type_code"] = cost_types[acc_codes]
    out["package_code"] = cc_table[cc_codes, 3]
    out["cc_mapped"] = cc_table[cc_codes, 4].astype(bool)
    out["has_package"] = out["package_code"].to_numpy() != ""
    out["is_unallocated"] = (
        ~out["cc_mapped"].to_numpy() | (out["cost_type_code"].to_numpy() == "") | ~out["has_package"].to_numpy()
    )
    return out


def map_frame(frame: pd.DataFrame, tables: MappingTables) -> pd.DataFrame:
    """Add the mapped codes (empty string = unmapped) to the parsed rows (used for drill-down)."""
    pair_codes, pairs = _pair_table(frame, tables)
    out = frame.copy()
    if pairs.empty:
        for column in [*KEYS, "cc_mapped", "is_unallocated"]:
            out[column] = pd.Series(dtype=bool if column in ("cc_mapped", "is_unallocated") else object)
        return out
    for column in [*KEYS, "cc_mapped", "is_unallocated"]:
        values = pairs[column].to_numpy()[pair_codes]
        out[column] = values.astype(bool) if column in ("cc_mapped", "is_unallocated") else values
    return out


def _group_ids(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, int]:
    """Each row's group of ``keys`` (0..n-1 in order of first appearance) and n, from integer
    codes: pandas' named aggregations cost milliseconds of machinery for a few thousand pairs,
    more than the 1 M-row ledger's whole parse takes per core (docs/performance.md)."""
    ids = np.zeros(len(frame), dtype=np.int64)
    bins = 1
    for key in keys:
        codes, uniques = pd.factorize(frame[key].to_numpy())
        ids, distinct = pd.factorize(ids * max(len(uniques), 1) + codes)
        bins = len(distinct)
    return ids, bins


def _group_sum(frame: pd.DataFrame, keys: list[str], sums: dict[str, str], minimum: dict[str, str]) -> pd.DataFrame:
    """``frame.groupby(keys, sort=True).agg(...)``, then ``reset_index()``: ``sums`` and ``minimum``
    name the output columns and their source columns (integers, summed exactly)."""
    ids, bins = _group_ids(frame, keys)
    first = np.full(bins, len(frame), dtype=np.int64)
    np.minimum.at(first, ids, np.arange(len(frame), dtype=np.int64))
    out = {key: frame[key].to_numpy()[first] for key in keys}
    for name, source in sums.items():
        values = frame[source].to_numpy(dtype=np.int64)
        out[name] = pd.Series(values).groupby(ids).sum().to_numpy(dtype=np.int64) if bins else values[:0]
    for name, source in minimum.items():
        low = np.full(bins, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(low, ids, frame[source].to_numpy(dtype=np.int64))
        out[name] = low
    return pd.DataFrame(out).sort_values(keys, kind="stable").reset_index(drop=True)


def convert(ledger: pd.DataFrame, tables: MappingTables) -> Converted:
    """Map and aggregate. ``ledger``: per-pair totals (``ledger_stream.PAIR_COLUMNS``, as
    ``aggregate_ledger`` gives them) or parsed rows (row, cost_centre, account, cents)."""
    from integration.ledger_stream import pairs_from_rows

    per_pair = pairs_from_rows(ledger) if "row" in ledger.columns else ledger
    pairs = map_pairs(per_pair.reset_index(drop=True), tables)
    pairs = pairs.rename(columns={"rows": "n"})
    pairs.loc[pairs["is_unallocated"], "package_code"] = ""  # unallocated rows keep the codes that did map
    grouped = _group_sum(pairs, [*KEYS, "is_unallocated"], {"cents": "cents", "source_rows": "n"}, {})

    def summary(mask: np.ndarray, key: list[str]) -> pd.DataFrame:
        sub = pairs[mask]
        if sub.empty:
            return pd.DataFrame(columns=[*key, "cents", "rows", "first_row"])
        return _group_sum(sub, key, {"cents": "cents", "rows": "n"}, {"first_row": "first_row"}).sort_values(
            "first_row"
        )

    if pairs.empty:
        empty = pd.DataFrame(columns=["cents", "rows", "first_row"])
        return Converted(grouped, 0, 0, 0, empty, empty, empty)
    cc_missing = ~pairs["cc_mapped"].to_numpy()
    cents = pairs["cents"].to_numpy(dtype=np.int64)
    input_cents = int(cents.sum())
    unallocated_cents = int(cents[pairs["is_unallocated"].to_numpy()].sum())
    return Converted(
        rows=grouped,
        input_cents=input_cents,
        allocated_cents=input_cents - unallocated_cents,
        unallocated_cents=unallocated_cents,
        unmapped_cost_centres=summary(cc_missing, ["cost_centre"]),
        unmapped_accounts=summary(pairs["cost_type_code"].to_numpy() == "", ["account"]),
        unpackaged=summary(~cc_missing & ~pairs["has_package"].to_numpy(), ["service_class_code", "client_group_code"]),
    )
