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

    def centre(self, cost_centre: str) -> tuple[str, str, str, str, bool]:
        """(service class, client group, production mode, package or "", mapped) of a cost centre."""
        found = self.cost_centres.get(cost_centre)
        if found is None:
            return ("", "", "", "", False)
        service, client, mode = found
        return (service, client, mode, self.package(service, client) or "", True)


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
    per_cc = [tables.centre(centre) for centre in cc_uniques]
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


def _grouped(
    codes: np.ndarray, keys: dict[str, np.ndarray], sums: dict[str, np.ndarray], minimum: dict[str, np.ndarray]
) -> pd.DataFrame:
    """Rows grouped by ``codes`` (indexes into ``keys``' arrays, one entry per code): the keys, the
    exact sums and the minimums of each group, sorted by the keys as ``groupby(sort=True)`` sorts
    them, on a new index. Integers only: pandas' named aggregations cost milliseconds of machinery
    for a few thousand pairs, a tenth of the 1 M-row ledger's whole transform (docs/performance.md)."""
    from integration.ledger_stream import sum_by

    present, totals = sum_by(codes, sums, minimum)
    out = {name: values[present] for name, values in keys.items()} | totals
    return pd.DataFrame(out).sort_values(list(keys), kind="stable").reset_index(drop=True)


def _empty_converted() -> Converted:
    rows = pd.DataFrame(
        {column: pd.Series(dtype=object) for column in KEYS}
        | {
            "is_unallocated": pd.Series(dtype=bool),
            "cents": pd.Series(dtype=np.int64),
            "source_rows": pd.Series(dtype=np.int64),
        }
    )
    empty = pd.DataFrame(columns=["cents", "rows", "first_row"])
    return Converted(rows, 0, 0, 0, empty, empty, empty)


def convert(ledger: pd.DataFrame, tables: MappingTables) -> Converted:
    """Map and aggregate. ``ledger``: per-pair totals (``ledger_stream.PAIR_COLUMNS``, as
    ``aggregate_ledger`` gives them) or parsed rows (row, cost_centre, account, cents).

    The mapping is looked up once per distinct cost centre and account, and the pairs are
    grouped by integer codes: the package keys of a pair are a function of its cost centre's
    mapping and its account's cost type, so the few distinct (mapping, cost type) combinations are
    worded in Python and every pair just carries the number of its combination."""
    from integration.ledger_stream import pairs_from_rows

    per_pair = pairs_from_rows(ledger) if "row" in ledger.columns else ledger
    if per_pair.empty:
        return _empty_converted()
    cc_codes, cc_uniques = pd.factorize(per_pair["cost_centre"].to_numpy(dtype=object))
    acc_codes, acc_uniques = pd.factorize(per_pair["account"].to_numpy(dtype=object))
    cents = per_pair["cents"].to_numpy(dtype=np.int64)
    n = per_pair["rows"].to_numpy(dtype=np.int64)
    first_row = per_pair["first_row"].to_numpy(dtype=np.int64)

    mappings: dict[tuple, int] = {}  # (service class, client group, mode, package, mapped) -> number
    cc_mapping = np.empty(len(cc_uniques), dtype=np.int64)
    for i, centre in enumerate(cc_uniques):
        cc_mapping[i] = mappings.setdefault(tables.centre(centre), len(mappings))
    cost_types: dict[str, int] = {}
    acc_type = np.array(
        [cost_types.setdefault(tables.cost_type(a) or "", len(cost_types)) for a in acc_uniques], dtype=np.int64
    )
    mapping_list, type_list = list(mappings), list(cost_types)
    # Every (mapping, cost type) combination that occurs, worded once: its package keys.
    combination = cc_mapping[cc_codes] * len(type_list) + acc_type[acc_codes]
    combos, combo_of_pair = np.unique(combination, return_inverse=True)
    key_rows: dict[tuple, int] = {}
    combo_key = np.empty(len(combos), dtype=np.int64)
    for i, combo in enumerate(combos.tolist()):
        service, client, mode, package, found = mapping_list[combo // len(type_list)]
        cost_type = type_list[combo % len(type_list)]
        unallocated = not found or cost_type == "" or package == ""
        key = ("" if unallocated else package, service, client, cost_type, mode, unallocated)
        combo_key[i] = key_rows.setdefault(key, len(key_rows))
    group = combo_key[combo_of_pair]
    key_list = list(key_rows)
    columns = [*KEYS, "is_unallocated"]
    grouped = _grouped(
        group,
        {
            name: np.array([k[i] for k in key_list], dtype=bool if name == "is_unallocated" else object)
            for i, name in enumerate(columns)
        },
        {"cents": cents, "source_rows": n},
        {},
    )

    cc_found = np.array([m[4] for m in mapping_list], dtype=bool)[cc_mapping]  # per distinct cost centre
    cc_packaged = np.array([m[3] != "" for m in mapping_list], dtype=bool)[cc_mapping]
    typed = np.array([t != "" for t in type_list], dtype=bool)[acc_type]  # per distinct account
    pair_found, pair_typed = cc_found[cc_codes], typed[acc_codes]
    unallocated = ~pair_found | ~pair_typed | ~cc_packaged[cc_codes]
    input_cents = int(cents.sum())
    unallocated_cents = int(cents[unallocated].sum())

    def summary(mask: np.ndarray, codes: np.ndarray, keys: dict[str, np.ndarray]) -> pd.DataFrame:
        if not mask.any():
            return pd.DataFrame(columns=[*keys, "cents", "rows", "first_row"])
        return _grouped(
            codes[mask], keys, {"cents": cents[mask], "rows": n[mask]}, {"first_row": first_row[mask]}
        ).sort_values("first_row")

    services = [(m[0], m[1]) for m in mapping_list]
    service_ids = {pair: i for i, pair in enumerate(dict.fromkeys(services))}
    service_of_mapping = np.array([service_ids[pair] for pair in services], dtype=np.int64)
    service_keys = list(service_ids)
    return Converted(
        rows=grouped,
        input_cents=input_cents,
        allocated_cents=input_cents - unallocated_cents,
        unallocated_cents=unallocated_cents,
        unmapped_cost_centres=summary(~pair_found, cc_codes, {"cost_centre": np.asarray(cc_uniques, dtype=object)}),
        unmapped_accounts=summary(~pair_typed, acc_codes, {"account": np.asarray(acc_uniques, dtype=object)}),
        unpackaged=summary(
            pair_found & ~cc_packaged[cc_codes],
            service_of_mapping[cc_mapping[cc_codes]],
            {
                "service_class_code": np.array([k[0] for k in service_keys], dtype=object),
                "client_group_code": np.array([k[1] for k in service_keys], dtype=object),
            },
        ),
    )
