"""Every upload passes portal.uploads.check_upload: type by extension and content, and the size limit."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from portal.models import Job
from portal.uploads import SPREADSHEETS, check_upload

XLSX_HEAD = b"PK\x03\x04" + b"\x00" * 100


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_accepts_matching_types_and_refuses_others(settings):
    check_upload(SimpleUploadedFile("a.csv", b"kp;tili;summa\n"), allowed=SPREADSHEETS)
    check_upload(SimpleUploadedFile("a.xlsx", XLSX_HEAD), allowed=SPREADSHEETS)
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("run.exe", b"MZ"), allowed=SPREADSHEETS)
    assert exc.value.messages == ["The file type .exe of run.exe is not allowed. Allowed types: csv, xlsx."]
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("fake.xlsx", b"not a zip"), allowed=SPREADSHEETS)
    assert exc.value.messages == ["The contents of fake.xlsx do not match its file type .xlsx."]
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("binary.csv", b"a;b\x00c"), allowed=SPREADSHEETS)
    assert exc.value.code == "type_mismatch"
    settings.PORTAL_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("big.csv", b"x" * 2048), allowed=SPREADSHEETS)
    assert exc.value.messages == ["The file big.csv is 2.0\xa0KB; the limit is 1.0\xa0KB."]


@pytest.mark.django_db
def test_knowledge_import_refuses_a_fake_spreadsheet_and_starts_no_job(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/en" + reverse("knowledge_mgmt:import")[3:], {"file": SimpleUploadedFile("values.xlsx", b"<html>not xlsx")}
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["file"] == ["The contents of values.xlsx do not match its file type .xlsx."]
    assert Job.objects.count() == 0


def test_staffing_import_form_refuses_a_forbidden_type():
    from supervision.forms import StaffingImportForm

    form = StaffingImportForm(
        data={"period_start": "2026-01-01", "period_end": "2026-01-31"},
        files={"file": SimpleUploadedFile("hours.exe", b"MZ")},
    )
    assert not form.is_valid()
    assert form.errors["file"] == ["The file type .exe of hours.exe is not allowed. Allowed types: csv, xlsx."]
