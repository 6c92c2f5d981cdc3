"""The conversion job end to end: totals to the cent, replacement, failures keep the previous result."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from integration import services
from integration.models import ConversionResult, MappingVersion, PackageRow, UnmappedPolicy, Upload
from integration.selectors import net_cost_by_package
from integration.tests.conftest import publish_job
from portal.choices import JobStatus
from portal.jobs import rerun_job
from portal.models import ChangeLog

GOOD = (
    "Kustannuspaikka;Tili;Summa\n"
    "1010;4000;1 000,10\n"
    "1010;4001;2 000,20\n"
    "1010;3000;100,05-\n"
    "2010;4300;500,00\n"
    "2030;4400;0,01\n"
).encode("cp1252")


def upload(org, data: bytes, year: int, name: str = "ledger.csv", actor=None, publish: bool = True, **kwargs):
    """Upload and convert; then publish the draft as a steward would (``publish=False``: leave it)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        outcome = services.upload_ledger_bytes(
            data=data, filename=name, organisation=org, year=year, actor=actor, **kwargs
        )
    outcome.job.refresh_from_db()
    if publish:
        with TestCase.captureOnCommitCallbacks(execute=True):
            publish_job(outcome.job)
    return outcome


def snapshot(org, year):
    return sorted(
        PackageRow.objects.filter(organisation=org, year=year).values_list(
            "package_code",
            "service_class_code",
            "client_group_code",
            "cost_type_code",
            "production_mode_code",
            "amount",
            "job_id",
        )
    )


@pytest.mark.django_db
def test_conversion_stores_package_rows_with_lineage_and_balanced_totals(
    kuopio, year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = upload(kuopio, GOOD, year)
    job = outcome.job
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref["rows_read"] == 5
    assert job.output_ref["input_total"] == "3400.26"
    assert job.output_ref["output_total"] == "3400.26"
    assert job.output_ref["unallocated_total"] == "0.00"
    assert job.output_ref["balanced"] is True
    assert any("the totals match to the cent" in m["text"] for m in job.messages)
    rows = snapshot(kuopio, year)
    assert rows == [
        ("ESIM-IAKKAAT", "2201", "ikaantyneet", "palvelujen-ostot", "oma", Decimal("500.00"), job.pk),
        ("ESIM-IAKKAAT", "2232", "ikaantyneet", "aineet-tarvikkeet-ja-tavarat", "seteli", Decimal("0.01"), job.pk),
        ("ESIM-LAPSET", "2180", "lapset-perheet", "myyntituotot", "oma", Decimal("-100.05"), job.pk),
        ("ESIM-LAPSET", "2180", "lapset-perheet", "palkat-ja-palkkiot", "oma", Decimal("3000.30"), job.pk),
    ]
    row = PackageRow.objects.get(cost_type_code="palkat-ja-palkkiot")
    assert (row.upload_id, row.mapping_version.number, row.source_rows) == (outcome.upload.pk, 1, 2)
    assert MappingVersion.objects.get(organisation=kuopio, number=1).frozen_by_job_id == job.pk
    result = ConversionResult.objects.get(organisation=kuopio, year=year)
    assert (result.input_total, result.output_total, result.unallocated_total) == (
        Decimal("3400.26"),
        Decimal("3400.26"),
        Decimal("0.00"),
    )
    assert list(net_cost_by_package(organisation_codes=["297"], years=[year])) == [
        {
            "organisation_code": "297",
            "year": year,
            "package_code": "ESIM-IAKKAAT",
            "client_group_code": "ikaantyneet",
            "amount": Decimal("500.01"),
        },
        {
            "organisation_code": "297",
            "year": year,
            "package_code": "ESIM-LAPSET",
            "client_group_code": "lapset-perheet",
            "amount": Decimal("2900.25"),
        },
    ]
    assert list(net_cost_by_package(organisation_codes=["140"])) == []


@pytest.mark.django_db
def test_upload_is_stored_untouched_and_duplicate_recognised(kuopio, year):
    first = upload(kuopio, GOOD, year)
    assert first.upload.size == len(GOOD)
    assert first.upload.file.read() == GOOD
    import hashlib

    assert first.upload.sha256 == hashlib.sha256(GOOD).hexdigest()
    second = upload(kuopio, GOOD, year, name="again.csv")
    assert second.duplicate_of == first.upload
    assert second.upload.file.name == first.upload.file.name
    assert second.notes and "already uploaded" in second.notes[0]
    assert second.job.status == JobStatus.SUCCEEDED
    # replaced, not duplicated
    assert PackageRow.objects.filter(organisation=kuopio, year=year).count() == 4
    assert set(PackageRow.objects.values_list("job_id", flat=True)) == {second.job.pk}


@pytest.mark.django_db
def test_unallocated_line_when_the_setting_says_so(kuopio, year):
    services.update_settings(kuopio, actor=None, unmapped_policy=UnmappedPolicy.UNALLOCATED)
    data = GOOD + b"7777;4000;10,00\n1010;9999;5,00\n"
    job = upload(kuopio, data, year).job
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (job.output_ref["input_total"], job.output_ref["output_total"], job.output_ref["unallocated_total"]) == (
        "3415.26",
        "3400.26",
        "15.00",
    )
    unallocated = PackageRow.objects.filter(is_unallocated=True).order_by("cost_type_code")
    assert [(r.package_code, r.service_class_code, r.cost_type_code, r.amount) for r in unallocated] == [
        ("", "2180", "", Decimal("5.00")),
        ("", "", "palkat-ja-palkkiot", Decimal("10.00")),
    ]


BAD_INPUTS = {
    "empty": (b"", "The file is empty. Nothing was stored."),
    "header only": (b"kp;tili;summa\n", "The file has a header (row 1) but no data rows."),
    "unknown encoding": (
        "kp;tili;summa\n1;2;3\n".encode("utf-16"),
        "The file is UTF-16 text: save it as CSV in UTF-8 (or as an XLSX workbook) and upload it again.",
    ),
    "missing column": (b"kp;tili\n1010;4000\n", "Missing required column amount"),
    "non-numeric": (
        b"kp;tili;summa\n1010;4000;x\n",
        'Row 2, column 3 "summa": a euro amount such as 1 234,56 or -12.50 was expected; found "x".',
    ),
    "year mismatch": (
        b"kp;tili;summa;vuosi\n1010;4000;1;2019\n",
        'Row 2, column 4 "vuosi": the year does not match the upload\'s year 2020; found "2019".',
    ),
    "unmapped cost centre": (
        b"kp;tili;summa\n1010;4000;1\n7777;4000;2,50\n",
        "1 rows (2.50\u00a0€) map to no package and the organisation's setting says fail; nothing was stored.\nCost centre 7777 has no mapping (first on row 3; 1 rows, 2.50\u00a0€).",
    ),
    "duplicate headers": (
        b"kp;tili;summa;summa\n1010;4000;1;1\n",
        'Duplicate header name "summa" in columns 3 and 4 (row 1).',
    ),
    "not an xlsx": (b"plain text", "The file is named ledger.xlsx but is not an XLSX workbook."),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_fails_clearly_stores_nothing_and_keeps_previous_result(case, kuopio, year):
    good = upload(kuopio, GOOD, year)
    before = snapshot(kuopio, year)
    result_before = ConversionResult.objects.get(organisation=kuopio, year=year)
    data, expected = BAD_INPUTS[case]
    name = "ledger.xlsx" if case == "not an xlsx" else "ledger.csv"
    if case == "empty":
        with pytest.raises(ValidationError) as exc:
            upload(kuopio, data, year, name=name)
        assert exc.value.messages == [expected]
        assert Upload.objects.count() == 1
    else:
        job = upload(kuopio, data, year, name=name).job
        assert job.status == JobStatus.FAILED
        assert job.error.startswith(expected), job.error
        assert job.output_ref == {}
    assert snapshot(kuopio, year) == before
    assert ConversionResult.objects.get(organisation=kuopio, year=year).job_id == result_before.job_id == good.job.pk
    assert MappingVersion.objects.filter(organisation=kuopio).count() == 1


@pytest.mark.django_db
def test_file_over_the_size_limit_is_refused(kuopio, year, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 50
    with pytest.raises(ValidationError) as exc:
        upload(kuopio, GOOD, year)
    assert exc.value.messages == [f"The file is {len(GOOD)} bytes; the limit is 50 bytes. Nothing was stored."]
    assert Upload.objects.count() == 0
    assert PackageRow.objects.count() == 0


@pytest.mark.django_db
def test_failed_job_can_be_rerun_after_the_mapping_is_fixed(kuopio, year, steward_a):
    data = GOOD + b"7777;4000;10,00\n"
    outcome = upload(kuopio, data, year)
    assert outcome.job.status == JobStatus.FAILED
    version = services.editable_version(kuopio, actor=None)
    assert version.number == 1  # not frozen: the failed job did not use it
    services.save_cost_centre_rule(
        version,
        actor=None,
        cost_centre="7777",
        service_class_code="2180",
        client_group_code="lapset-perheet",
        production_mode_code="osto",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        rerun_job(outcome.job, actor=steward_a)
    outcome.job.refresh_from_db()
    assert outcome.job.status == JobStatus.SUCCEEDED, outcome.job.error
    assert outcome.job.attempts == 2
    assert outcome.job.output_ref["input_total"] == "3410.26"
    assert outcome.job.output_ref["unallocated_total"] == "0.00"


@pytest.mark.django_db
def test_frozen_mapping_version_cannot_change_and_a_new_version_is_made(kuopio, year):
    upload(kuopio, GOOD, year)
    frozen = MappingVersion.objects.get(organisation=kuopio, number=1)
    assert frozen.is_frozen
    with pytest.raises(ValidationError):
        services.save_account_rule(frozen, actor=None, account_from="5000", account_to="", cost_type_code="avustukset")
    assert frozen.accounts.filter(account_from="5000").count() == 0
    new = services.editable_version(kuopio, actor=None)
    assert (new.number, new.based_on_id, new.cost_centres.count(), new.accounts.count()) == (
        2,
        frozen.pk,
        frozen.cost_centres.count(),
        frozen.accounts.count(),
    )


@pytest.mark.django_db
def test_steward_of_another_organisation_cannot_upload(kuopio, steward_b, year):
    changes = ChangeLog.objects.count()
    with pytest.raises(PermissionDenied):
        services.upload_ledger_bytes(data=GOOD, filename="x.csv", organisation=kuopio, year=year, actor=steward_b)
    assert Upload.objects.count() == 0
    assert ChangeLog.objects.count() == changes


@pytest.mark.django_db(transaction=True)
def test_import_ledger_command_prints_totals(kuopio, year, tmp_path, capsys):
    path = tmp_path / "ledger.csv"
    path.write_bytes(GOOD)
    call_command("import_ledger", str(path), "--organisation", "297", "--year", str(year), "--timeout", "20")
    out = capsys.readouterr().out
    assert (
        "rows read: 5\nrows mapped: 5\nrows unmapped: 0 (debit 0.00, credit 0.00, net 0.00)\n"
        "input total: 3400.26\noutput total: 3400.26\nunallocated total: 0.00\n"
    ) in out
    assert "status: succeeded" in out
    assert "awaiting review" in out and PackageRow.objects.count() == 0  # a draft until reviewed
    call_command(
        "import_ledger", str(path), "--organisation", "297", "--year", str(year), "--timeout", "20", "--publish"
    )
    assert "published: draft" in capsys.readouterr().out
    assert PackageRow.objects.filter(organisation=kuopio, year=year).count() == 4


@pytest.mark.django_db(transaction=True)
def test_import_ledger_command_fails_with_messages(kuopio, year, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"kp;tili;summa\n1010;4000;x\n")
    with pytest.raises(CommandError) as exc:
        call_command("import_ledger", str(path), "--organisation", "297", "--year", str(year), "--timeout", "20")
    assert str(exc.value).startswith('Row 2, column 3 "summa": a euro amount')
    assert "Nothing was stored." in str(exc.value)
    assert PackageRow.objects.count() == 0
    with pytest.raises(CommandError) as exc:
        call_command("import_ledger", str(path), "--organisation", "nope", "--year", str(year))
    assert str(exc.value) == "Unknown organisation 'nope'; nothing was stored."
    with pytest.raises(CommandError) as exc:
        call_command("import_ledger", str(path), "--organisation", "297", "--year", str(year), "--mapping-version", "9")
    assert str(exc.value) == "297 has no mapping version 9."
    assert Upload.objects.count() == 1


@pytest.mark.django_db
def test_demo_converts_every_layout_with_matching_totals(code_lists, tmp_path, settings):
    from integration.demo import run_demo

    with TestCase.captureOnCommitCallbacks(execute=True):
        results = run_demo(tmp_path, rows=120)
    for _ledger, job in results:
        job.refresh_from_db()
    assert [(ledger.organisation_code, job.status) for ledger, job in results] == [
        ("297", "succeeded"),
        ("140", "succeeded"),
        ("915", "succeeded"),
    ]
    for _ledger, job in results:
        out = job.output_ref
        assert out["rows_read"] == 120
        assert Decimal(out["input_total"]) == Decimal(out["output_total"]) + Decimal(out["unallocated_total"])
    assert Decimal(results[0][1].output_ref["unallocated_total"]) > 0  # Kuopio's demo has an unmapped centre
    assert results[1][1].output_ref["unallocated_total"] == "0.00"
    # deterministic
    first = (tmp_path / "demo_kuopio_297_2020.csv").read_bytes()
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_demo(tmp_path, rows=120)
    assert (tmp_path / "demo_kuopio_297_2020.csv").read_bytes() == first


@pytest.mark.django_db
def test_import_code_list_command_validates_and_imports(code_lists, tmp_path):
    from integration.models import CodeList

    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"code;name_fi;parent\nA;;\nA;Aa;Z\n")
    with pytest.raises(CommandError) as exc:
        call_command("import_code_list", str(bad), "--list", "rahoituskanavat")
    assert str(exc.value).splitlines() == [
        "Nothing was imported:",
        "Row 2: the Finnish name (name_fi) is missing.",
        "Row 3: duplicate code A (first on row 2).",
        "Row 3: unknown parent Z (not a code of this file).",
    ]
    code_list = CodeList.objects.get(code="rahoituskanavat")
    assert code_list.versions.count() == 1
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["code", "name_fi", "name_sv", "level", "parent"])
    workbook.active.append(["X", "Iks", "X sv", 1, None])
    workbook.active.append(["Y", "Yy", None, 2, "X"])
    path = tmp_path / "good.xlsx"
    workbook.save(path)
    call_command("import_code_list", str(path), "--list", "rahoituskanavat", "--source", "test")
    version = code_list.current_version()
    assert (version.number, version.source) == (2, "test")
    assert [(c.code, c.level, c.parent.code if c.parent else None) for c in version.codes.all()] == [
        ("X", 1, None),
        ("Y", 2, "X"),
    ]
    assert code_list.versions.get(number=1).status == "retired"


@pytest.mark.django_db
def test_code_list_loader_is_idempotent(code_lists):
    from integration.loaders import load_code_lists

    report = load_code_lists()
    assert not report.changed
    assert report.unchanged["codes"] == 4 + 34 + 5 + 3 + 5


@pytest.mark.django_db
def test_zip_bomb_upload_fails_the_job_and_keeps_the_previous_result(kuopio, year, settings):
    import io
    import zipfile

    good = upload(kuopio, GOOD, year)
    settings.PORTAL_IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (4 * 1024 * 1024))
    job = upload(kuopio, buffer.getvalue(), year, name="bomb.xlsx").job
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("bomb.xlsx: refused: the workbook would expand to 4 MB")
    assert ConversionResult.objects.get(organisation=kuopio, year=year).job_id == good.job.pk
    assert set(PackageRow.objects.values_list("job_id", flat=True)) == {good.job.pk}


@pytest.mark.django_db
def test_a_second_demo_run_uploads_and_converts_nothing_again(code_lists, tmp_path):
    """`make demo` restarted: the same three jobs and uploads, no new ones (issue 16 point 7)."""
    from integration.demo import run_demo
    from integration.models import Upload
    from portal.models import Job

    with TestCase.captureOnCommitCallbacks(execute=True):
        first = run_demo(tmp_path, rows=120)
    counts = (Job.objects.count(), Upload.objects.count())
    with TestCase.captureOnCommitCallbacks(execute=True):
        second = run_demo(tmp_path, rows=120)
    assert (Job.objects.count(), Upload.objects.count()) == counts
    assert counts[1] == 3
    assert [job.pk for _ledger, job in second] == [job.pk for _ledger, job in first]


@pytest.mark.parametrize("seed", range(12))
def test_group_sum_is_pandas_groupby(seed):
    """``convert`` groups with integer codes (``_grouped``, over ``ledger_stream.sum_by``) instead
    of pandas' named aggregations: the groups, their order, sums and minimums must be groupby's."""
    import random

    import numpy as np
    import pandas as pd

    from integration.conversion import _grouped

    rng = random.Random(seed)
    n = rng.randint(0, 400)
    frame = pd.DataFrame(
        {
            "a": [rng.choice(["", "x", "y", "zz"]) for _ in range(n)],
            "b": [rng.choice(["1", "2", ""]) for _ in range(n)],
            "flag": [rng.random() < 0.3 for _ in range(n)],
            "cents": [rng.randint(-(10**12), 10**12) for _ in range(n)],
            "n": [rng.randint(1, 9) for _ in range(n)],
            "first_row": [rng.randint(2, 10**6) for _ in range(n)],
        }
    ).astype({"cents": np.int64, "n": np.int64, "first_row": np.int64})
    codes, distinct = pd.factorize(
        pd.Series(list(zip(frame["a"], frame["b"], frame["flag"], strict=True)), dtype=object)
    )
    keys = {
        "a": np.array([k[0] for k in distinct], dtype=object),
        "b": np.array([k[1] for k in distinct], dtype=object),
        "flag": np.array([k[2] for k in distinct], dtype=bool),
    }
    got = _grouped(
        codes,
        keys,
        {"cents": frame["cents"].to_numpy(), "rows": frame["n"].to_numpy()},
        {"first_row": frame["first_row"].to_numpy()},
    )
    expected = (
        frame.groupby(["a", "b", "flag"], sort=True)
        .agg(cents=("cents", "sum"), rows=("n", "sum"), first_row=("first_row", "min"))
        .reset_index()
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def _reference_convert(per_pair, tables):
    """The conversion written plainly with pandas (map every pair, then groupby), as it was before
    ``convert`` grouped by integer codes."""
    from integration.conversion import KEYS, map_pairs

    pairs = map_pairs(per_pair.reset_index(drop=True), tables).rename(columns={"rows": "n"})
    pairs.loc[pairs["is_unallocated"], "package_code"] = ""
    rows = (
        pairs.groupby([*KEYS, "is_unallocated"], sort=True)
        .agg(cents=("cents", "sum"), source_rows=("n", "sum"))
        .reset_index()
    )

    def summary(mask, key):
        sub = pairs[mask]
        return (
            sub.groupby(key)
            .agg(cents=("cents", "sum"), rows=("n", "sum"), first_row=("first_row", "min"))
            .reset_index()
            .sort_values("first_row")
        )

    missing = ~pairs["cc_mapped"]
    return {
        "rows": rows,
        "unallocated_cents": int(pairs.loc[pairs["is_unallocated"], "cents"].sum()),
        "unmapped_cost_centres": summary(missing, ["cost_centre"]),
        "unmapped_accounts": summary(pairs["cost_type_code"] == "", ["account"]),
        "unpackaged": summary(~missing & ~pairs["has_package"], ["service_class_code", "client_group_code"]),
    }


@pytest.mark.parametrize("seed", range(10))
def test_convert_gives_what_plain_pandas_gives(seed):
    """Unmapped cost centres, unmapped accounts (exact and range rules), a service class without a
    package, amounts near the int64 float limit: the package rows, totals and the three summaries
    equal the plain pandas conversion's."""
    import random

    import pandas as pd

    from integration.conversion import MappingTables, convert
    from integration.ledger_stream import pairs_from_rows

    tables = MappingTables(
        cost_centres={f"C{i}": (["2180", "2201", "9999"][i % 3], ["lapset", "", "x"][i % 3], "oma") for i in range(30)},
        exact_accounts={"4500": "ostot", "abc": "muut"},
        ranges=[(3000, 3499, "myynti"), (4000, 4199, "palkat")],
        packages={("2180", "lapset"): "P1", ("2201", ""): "P2"},
    )
    rng = random.Random(seed)
    rows = [
        (
            i + 2,
            rng.choice([f"C{rng.randint(0, 40)}", "UNMAPPED"]),
            rng.choice([str(rng.randint(2900, 4300)), "abc", "4500", "x1"]),
            rng.randint(-(10**13), 10**13),
        )
        for i in range(rng.randint(1, 2500))
    ]
    per_pair = pairs_from_rows(pd.DataFrame(rows, columns=["row", "cost_centre", "account", "cents"]))
    got, expected = convert(per_pair, tables), _reference_convert(per_pair, tables)
    pd.testing.assert_frame_equal(got.rows, expected["rows"], check_dtype=False)
    assert got.unallocated_cents == expected["unallocated_cents"]
    assert got.input_cents == sum(r[3] for r in rows)
    for name in ("unmapped_cost_centres", "unmapped_accounts", "unpackaged"):
        pd.testing.assert_frame_equal(
            getattr(got, name).reset_index(drop=True), expected[name].reset_index(drop=True), check_dtype=False
        )
    assert len(got.unpackaged) and len(got.unmapped_accounts) and len(got.unmapped_cost_centres)
