"""Deterministic DEMO ledgers (not real figures) in three layouts, their mappings, and conversion.

- Kuopio (297): CSV, ``;``, Windows-1252, decimal comma, space thousands, trailing minus, a title
  row, Finnish headers; one cost centre deliberately unmapped and booked to "unallocated".
- Iisalmi (140): XLSX with title rows and two sheets (an info sheet first), English headers.
- Varkaus (915): CSV, ``,``, UTF-8 with BOM, decimal point, leading minus, year column.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.files import File
from django.db import transaction
from openpyxl import Workbook

from integration import services
from integration.loaders import load_code_lists
from integration.models import (
    AccountMapping,
    ConversionDraft,
    CostCentreMapping,
    MappingVersion,
    UnmappedPolicy,
    Upload,
)
from integration.publication import publish_draft
from portal.models import Job, Organisation

DEMO_YEAR = 2020  # the year of the shipped populations, so per-resident figures work

# cost centre -> (service class, client group, production mode)
DEMO_COST_CENTRES = {
    "1010": ("2180", "lapset-perheet", "oma"),
    "1020": ("2180", "lapset-perheet", "osto"),
    "2010": ("2201", "ikaantyneet", "oma"),
    "2020": ("2232", "ikaantyneet", "oma"),
    "2030": ("2232", "ikaantyneet", "seteli"),
    "2040": ("2230", "ikaantyneet", "osto"),
}
# account range -> cost type (JHS 192 row codes of the shipped list)
DEMO_ACCOUNTS = [
    ("3000", "3099", "myyntituotot"),
    ("3100", "3199", "maksutuotot"),
    ("4000", "4099", "palkat-ja-palkkiot"),
    ("4100", "4199", "elakekulut"),
    ("4200", "4299", "muut-henkilosivukulut"),
    ("4300", "4399", "palvelujen-ostot"),
    ("4400", "4499", "aineet-tarvikkeet-ja-tavarat"),
    ("4600", "4699", "muut-toimintakulut"),
]
UNMAPPED_DEMO_CENTRE = "9990"


@dataclass
class DemoLedger:
    organisation_code: str
    path: Path
    sheet: str = ""


def _entries(seed: int, rows: int, centres: list[str]) -> list[tuple[str, str, Decimal, str]]:
    rng = random.Random(seed)  # deterministic: the same files every time
    out = []
    for i in range(rows):
        centre = centres[i % len(centres)]
        income = rng.random() < 0.15
        account = (
            str(rng.choice([3000, 3100]) + rng.randint(0, 99))
            if income
            else str(rng.choice([4000, 4100, 4200, 4300, 4400, 4600]) + rng.randint(0, 99))
        )
        amount = Decimal(rng.randint(100, 2_500_000)) / 100
        if income:
            amount = -amount
        month = 1 + i % 12
        out.append((centre, account, amount, f"{DEMO_YEAR}-{month:02d}-28"))
    return out


def _fi_amount(amount: Decimal) -> str:
    text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",")
    return text + "-" if amount < 0 else text


def write_demo_ledgers(directory: Path, rows: int = 1500) -> list[DemoLedger]:
    directory.mkdir(parents=True, exist_ok=True)
    centres = list(DEMO_COST_CENTRES)
    ledgers = []

    kuopio = directory / f"demo_kuopio_297_{DEMO_YEAR}.csv"
    buffer = io.StringIO()
    buffer.write("DEMO-AINEISTO: ei todellisia lukuja (Kuopio, pääkirja)\n")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Kustannuspaikka", "Tili", "Selite", "Summa"])
    for centre, account, amount, _date in _entries(297, rows, [*centres, UNMAPPED_DEMO_CENTRE]):
        writer.writerow([centre, account, "Demokirjaus – esimerkki", _fi_amount(amount)])
    kuopio.write_bytes(buffer.getvalue().encode("cp1252"))
    ledgers.append(DemoLedger("297", kuopio))

    iisalmi = directory / f"demo_iisalmi_140_{DEMO_YEAR}.xlsx"
    workbook = Workbook()
    info = workbook.active
    info.title = "Info"
    info.append(["DEMO DATA: not real figures (Iisalmi)"])
    sheet = workbook.create_sheet("Ledger 2020")
    sheet.append(["DEMO DATA: not real figures"])
    sheet.append([f"General ledger {DEMO_YEAR}, Iisalmi (demo)"])
    sheet.append([])
    sheet.append(["Cost centre", "Account", "Posting date", "Amount"])
    for centre, account, amount, date in _entries(140, rows, centres):
        sheet.append([centre, int(account), date, float(amount)])
    workbook.save(iisalmi)
    ledgers.append(DemoLedger("140", iisalmi, sheet="Ledger 2020"))

    varkaus = directory / f"demo_varkaus_915_{DEMO_YEAR}.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", lineterminator="\n")
    writer.writerow(["kp", "tili", "vuosi", "euro", "kuvaus"])
    for centre, account, amount, _date in _entries(915, rows, centres):
        writer.writerow([centre, account, DEMO_YEAR, f"{amount:.2f}", "DEMO"])
    varkaus.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    ledgers.append(DemoLedger("915", varkaus))
    return ledgers


def ensure_demo_mapping(organisation: Organisation, *, unallocated: bool = False) -> MappingVersion:
    """A demo mapping (version 1) for the organisation, unless it already has one."""
    existing = MappingVersion.objects.filter(organisation=organisation).order_by("-number").first()
    if existing is not None:
        return existing
    version = MappingVersion.objects.create(organisation=organisation, number=1, note="DEMO mapping (not real)")
    CostCentreMapping.objects.bulk_create(
        CostCentreMapping(
            version=version, cost_centre=cc, service_class_code=sc, client_group_code=cg, production_mode_code=pm
        )
        for cc, (sc, cg, pm) in DEMO_COST_CENTRES.items()
    )
    AccountMapping.objects.bulk_create(
        AccountMapping(version=version, account_from=a, account_to=b, cost_type_code=ct) for a, b, ct in DEMO_ACCOUNTS
    )
    services.update_settings(
        organisation,
        actor=None,
        unmapped_policy=UnmappedPolicy.UNALLOCATED if unallocated else UnmappedPolicy.FAIL,
    )
    return version


def run_demo(directory: Path, rows: int = 1500) -> list[tuple[DemoLedger, Job]]:
    load_code_lists()
    results = []
    for ledger in write_demo_ledgers(directory, rows=rows):
        organisation = Organisation.objects.get(code=ledger.organisation_code)
        ensure_demo_mapping(organisation, unallocated=ledger.organisation_code == "297")
        # A restart of `make demo` uploads nothing again: the demo ledger converted before stays.
        earlier = (
            Upload.objects.filter(
                organisation=organisation, year=DEMO_YEAR, original_name=ledger.path.name, job__status="succeeded"
            )
            .select_related("job")
            .order_by("pk")
            .first()
        )
        if earlier is not None and earlier.job is not None:
            results.append((ledger, earlier.job))
            continue
        with ledger.path.open("rb") as handle:
            outcome = services.upload_ledger(
                organisation=organisation,
                year=DEMO_YEAR,
                file=File(handle, name=ledger.path.name),
                filename=ledger.path.name,
                actor=None,
                sheet=ledger.sheet,
            )
        # The demo's data is reviewed by its author: publish the draft once the job has run (after
        # the conversion's own on-commit callback, also when a caller defers callbacks).
        transaction.on_commit(lambda job=outcome.job: _publish_demo_draft(job))
        outcome.job.refresh_from_db()
        results.append((ledger, outcome.job))
    return results


def _publish_demo_draft(job: Job) -> None:
    draft = ConversionDraft.objects.filter(job=job).first()
    if draft is not None and draft.can_be_published:
        publish_draft(draft, actor=None)
