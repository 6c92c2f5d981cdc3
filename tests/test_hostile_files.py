"""The hostile-file corpus (tests/hostile_files.py) against every import path (issue 11, point 1).

Each file must be refused within ``SECONDS`` with a message naming the file (and the row or cell
where known), peak Python memory (tracemalloc, which also counts numpy/pandas buffers) must stay
under ``MEMORY_BOUND``, and nothing may be stored. Before the safe reader the dimension bomb alone
took 69-300 s and several GB in these paths.
"""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from conftest import make_user
from portal import roles
from portal.models import Organisation
from tests.hostile_files import corpus

SECONDS = 10
MEMORY_BOUND = 64 * 1024 * 1024  # bytes of peak traced allocation while one file is refused


def measured(run):
    tracemalloc.start()
    started = time.monotonic()
    try:
        message = run()
    finally:
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return message, elapsed, peak


def check_corpus(header, run, stored, *, code_column=0, names_file=True):
    # One-time imports (the URL configuration, which a finished job's notification resolves) are
    # not the file's cost: load them before the first file is timed under tracemalloc.
    import portal.notifications.services  # noqa: F401

    reverse("portal:job-detail", kwargs={"pk": 1})
    before = stored()
    results = []
    for hostile in corpus(header, code_column=code_column):
        message, elapsed, peak = measured(lambda h=hostile: run(h.content, h.filename))
        results.append((hostile.name, message))
        assert message, f"{hostile.name}: accepted"
        if names_file:
            assert hostile.filename in message, (hostile.name, message)
        assert any(e.lower() in message.lower() for e in hostile.expect), (hostile.name, message)
        assert elapsed < SECONDS, (hostile.name, elapsed)
        assert peak < MEMORY_BOUND, (hostile.name, peak)
        assert stored() == before, hostile.name
    return results


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_ledger_conversion_refuses_every_hostile_file(steward_a, django_capture_on_commit_callbacks):
    from integration import services
    from integration.models import ConversionResult, PackageRow

    kuopio = Organisation.objects.get(code="297")

    def run(content, filename):
        with django_capture_on_commit_callbacks(execute=True):
            outcome = services.upload_ledger_bytes(
                data=content, filename=filename, organisation=kuopio, year=2020, actor=steward_a
            )
        outcome.job.refresh_from_db()
        assert outcome.job.status == "failed"
        return outcome.job.error

    results = check_corpus(
        ["kustannuspaikka", "tili", "summa"],
        run,
        lambda: (PackageRow.objects.count(), ConversionResult.objects.count()),
        names_file=False,  # the ledger's own messages name the row; the job is the file's conversion
    )
    # where the safe reader refuses, its message names the file
    assert "hostile-nul.csv, row 3" in dict(results)["NUL bytes"]
    assert "hostile-formula.xlsx, cell A2" in dict(results)["formula cells"]


@pytest.mark.django_db
def test_mapping_import_refuses_every_hostile_file(steward_a):
    from integration import services
    from integration.models import MappingVersion

    kuopio = Organisation.objects.get(code="297")

    def run(content, filename):
        version, errors = services.import_mapping(kuopio, content, filename=filename, actor=steward_a)
        assert version is None
        return "\n".join(errors)

    check_corpus(services.MAPPING_COLUMNS, run, lambda: MappingVersion.objects.count())


@pytest.mark.django_db
def test_code_list_import_refuses_every_hostile_file(reference_data):
    from integration import loaders
    from integration.models import CodeList, CodeListVersion

    loaders.load_code_lists()
    code_list = CodeList.objects.order_by("code").first()

    def run(content, filename):
        report = loaders.import_code_list(code_list, content, filename=filename)
        return "\n".join(report.errors)

    check_corpus(["code", "name_fi"], run, lambda: CodeListVersion.objects.count())


@pytest.mark.django_db
def test_staffing_import_refuses_every_hostile_file(reference_data, django_capture_on_commit_callbacks):
    from supervision import services
    from supervision.models import StaffingDay, SupervisorAssignment
    from supervision.tests.factories import UnitFactory

    user = make_user("supervisor-pshva", roles.SUPERVISOR)
    SupervisorAssignment.objects.create(user=user, organiser=Organisation.objects.get(code="pshva"))
    UnitFactory(code="kotirinne")

    def run(content, filename):
        with django_capture_on_commit_callbacks(execute=True):
            job = services.request_staffing_import(
                actor=user,
                uploaded_file=SimpleUploadedFile(filename, content),
                period_start=dt.date(2023, 4, 1),
                period_end=dt.date(2023, 4, 30),
            )
        job.refresh_from_db()
        assert job.status == "failed"
        return job.error

    check_corpus(["unit", "date", "clients"], run, lambda: StaffingDay.objects.count())


@pytest.mark.django_db
def test_knowledge_import_refuses_every_hostile_file(staff_user, django_capture_on_commit_callbacks):
    from knowledge_mgmt import services
    from knowledge_mgmt.imports import TEMPLATE_COLUMNS
    from knowledge_mgmt.models import Indicator, IndicatorValue

    def run(content, filename):
        with django_capture_on_commit_callbacks(execute=True):
            job = services.start_import(actor=staff_user, filename=filename, content=content)
        job.refresh_from_db()
        assert job.status == "failed"
        return job.error

    check_corpus(
        TEMPLATE_COLUMNS,
        run,
        lambda: (IndicatorValue.objects.count(), Indicator.objects.count()),
        code_column=TEMPLATE_COLUMNS.index("breakdown"),
    )


@pytest.mark.django_db
def test_maturity_import_refuses_every_hostile_file(reference_data):
    from knowledge_mgmt import maturity
    from knowledge_mgmt.models import MaturityArea, MaturityResponse, MaturitySurvey
    from knowledge_mgmt.services import InvalidInput

    survey = MaturitySurvey.objects.create(code="s2024", name_fi="Kysely", year=2024)
    MaturityArea.objects.create(survey=survey, code="vision", name_fi="Visio", order=1)

    def run(content, filename):
        with pytest.raises(InvalidInput) as exc:
            maturity.import_csv(survey, content, filename)
        return str(exc.value)

    check_corpus(
        ["response", "organisation", "role", "area", "current_state", "satisfaction"],
        run,
        lambda: MaturityResponse.objects.count(),
    )


@pytest.mark.django_db
def test_a_formula_breakdown_as_text_is_refused_with_its_row(staff_user, django_capture_on_commit_callbacks):
    """``=cmd|...`` typed as text (not a formula) is not a code: refused, never stored or published."""
    from knowledge_mgmt import services
    from knowledge_mgmt.models import IndicatorValue
    from knowledge_mgmt.tests.conftest import make_indicator

    make_indicator("test-count")
    content = (
        b"indicator;organisation;year;sex;breakdown;value\n"
        b"test-count;297;2023;total;P1;5\n"
        b"test-count;297;2023;total;=cmd|' /C calc'!A0;7\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_import(actor=staff_user, filename="values.csv", content=content)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "values.csv line 3" in job.error
    assert "breakdown code \"=cmd|' /C calc'!A0\" is not a code" in job.error
    assert IndicatorValue.objects.count() == 0
