"""The simulation job end to end (eager Celery), destruction lists and the PDFs (real WeasyPrint)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from archiving import services
from archiving.demo import extract_csv
from archiving.models import DestructionList, PlanItem, ProcurementPack, RetentionSimulation
from archiving.tasks import destruction_list_pdf
from archiving.tests.factories import PlanFactory
from conftest import PASSWORD
from portal.models import Job

HEADER = "record_id,record_type,birth_date,death_date,case_closed_date,created_date\n"
ROWS = (
    "a1,Lapsiperheiden palvelutehtävä,1980-05-03,,2015-06-30,2010-01-01\n"
    "a2,patient-main,1940-02-03,2010-03-15,,2000-01-01\n"
    "a3,patient-main,1950-01-17,,,2000-01-01\n"
    "a4,patient-main,1950-01-18,,,2000-01-01\n"
    "a5,social-older-people,1950-01-08,,2015-06-30,2001-01-01\n"
)


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
def test_simulation_job_end_to_end(system_a, steward_a, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("ote.csv", (HEADER + ROWS).encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(
            system=system_a, upload=upload, actor=steward_a, as_of=dt.date(2026, 1, 1)
        )
    simulation.refresh_from_db()
    assert simulation.job.status == "succeeded"
    result = simulation.result
    assert (result["records"], result["permanent"], result["already_destroyable"]) == (5, 2, 1)
    years = {row["year"]: row for row in result["years"]}
    assert years[2022]["destroyable"] == 1 and years[2045]["destroyable"] == 1 and years[2070]["destroyable"] == 1
    assert result["switch_off"]["destroy"] is None and result["switch_off"]["kanta_patient"] == "2026-01-01"
    destruction = services.create_destruction_list(simulation=simulation, year=2045, actor=steward_a)
    assert list(destruction.lines.values_list("record_id", "destroyable_on")) == [("a1", dt.date(2045, 6, 30))]
    with pytest.raises(Exception, match="already exists"):
        services.create_destruction_list(simulation=simulation, year=2045, actor=steward_a)
    assert DestructionList.objects.count() == 1


@pytest.mark.django_db
def test_bad_row_deep_in_the_file_fails_the_job_and_keeps_nothing(
    system_a, steward_a, django_capture_on_commit_callbacks
):
    good = "".join(f"r{i},patient-main,1950-01-17,,,2000-01-01\n" for i in range(2100))
    upload = SimpleUploadedFile(
        "big.csv", (HEADER + good + "bad,unknown-type,1950-01-17,,,2000-01-01\n").encode(), content_type="text/csv"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.start_simulation(system=system_a, upload=upload, actor=steward_a)
    job = Job.objects.get(kind=services.SIMULATION_KIND)
    assert (
        job.status == "failed" and "rows 2102, column record_type: unknown retention rule 'unknown-type'" in job.error
    )
    assert RetentionSimulation.objects.count() == 0


@pytest.mark.django_db
def test_destruction_list_approval_and_exports(system_a, steward_a, archivist, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("demo.csv", extract_csv(200), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(
            system=system_a, upload=upload, actor=steward_a, as_of=dt.date(2026, 1, 1)
        )
    simulation.refresh_from_db()
    year = next(r["year"] for r in simulation.result["years"] if r["destroyable"] and r["year"] >= 2026)
    destruction = services.create_destruction_list(simulation=simulation, year=year, actor=steward_a)
    assert destruction.line_count > 0
    client = Client()
    client.login(username=steward_a.username, password=PASSWORD)
    url = reverse("archiving:destruction-detail", args=[destruction.pk])
    csv = client.get(url, {"export": "csv"}).content.decode("utf-8-sig").splitlines()
    assert len(csv) == destruction.line_count + 1
    assert all("kansallisarkisto.fi" in line or "minilex.fi" in line for line in csv[1:])  # every line's source
    assert client.post(reverse("archiving:destruction-approve", args=[destruction.pk])).status_code == 403
    archivist_client = Client()
    archivist_client.login(username=archivist.username, password=PASSWORD)
    assert archivist_client.post(reverse("archiving:destruction-approve", args=[destruction.pk])).status_code == 302
    assert archivist_client.post(reverse("archiving:destruction-approve", args=[destruction.pk])).status_code == 409
    pages, text = pdf_text(destruction_list_pdf(DestructionList.objects.get(pk=destruction.pk), language="fi"))
    assert pages > 0 and "Hyväksytty" in text and ("Potilasasiakirjat" in text or "palvelutehtävä" in text)


@pytest.mark.django_db
def test_procurement_pack_pdfs_fi_sv_and_matrix(system_a, staff_user, django_capture_on_commit_callbacks):
    plan = services.save_plan(PlanFactory.build(), actor=staff_user)
    services.save_plan_item(
        PlanItem(plan=plan, system=system_a, method="regional_archive", target_date=dt.date(2027, 1, 1)),
        actor=staff_user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_procurement_pack(plan=plan, actor=staff_user)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    pack = ProcurementPack.objects.get(job=job)
    pages_fi, text_fi = pdf_text(pack.specification_fi.read())
    pages_sv, text_sv = pdf_text(pack.specification_sv.read())
    assert pages_fi > 0 and pages_sv > 0
    assert "Arkistojärjestelmän toiminnallinen määrittely" in text_fi and "ARK-001" in text_fi
    assert "Funktionell specifikation av arkivsystemet" in text_sv and "Arkivdatabasen" in text_sv
    sheet = load_workbook(io.BytesIO(pack.matrix.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "ARK-001" and rows[1][7] in (None, "") and len(rows) == 15
