from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from knowledge_mgmt import maturity
from knowledge_mgmt.models import MaturityArea, MaturityResponse, MaturityScore, MaturitySurvey
from knowledge_mgmt.services import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(reference_data):
    survey = MaturitySurvey.objects.create(code="s2024", name_fi="Kysely", year=2024)
    MaturityArea.objects.create(survey=survey, code="vision", name_fi="Visio", order=1)
    MaturityArea.objects.create(survey=survey, code="use", name_fi="Hyödyntäminen", order=2)
    return survey


def csv_for(rows):
    lines = ["response;organisation;role;area;current_state;satisfaction"]
    lines += [";".join(map(str, r)) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def five_kuopio_three_iisalmi():
    rows = []
    for n, (cur, sat) in enumerate([(1, 2), (2, 2), (3, 5), (4, 4), (2, 4)]):
        rows += [(f"k{n}", "297", "expert", "vision", cur, sat), (f"k{n}", "297", "expert", "use", 3, 3)]
    for n in range(3):
        rows += [(f"i{n}", "140", "staff", "vision", 5, 1)]
    return rows


def test_import_and_results_with_gap_and_small_groups_hidden(survey):
    assert maturity.import_csv(survey, csv_for(five_kuopio_three_iisalmi()), "old.csv") == 8
    assert maturity.import_csv(survey, csv_for(five_kuopio_three_iisalmi()), "old.csv") == 0  # same file again
    assert MaturityResponse.objects.count() == 8 and MaturityScore.objects.count() == 13
    result = maturity.results(survey)
    vision, use = result["overall"]
    # vision: 8 answers, current (1+2+3+4+2+5+5+5)/8 = 3.38, satisfaction (2+2+5+4+4+1+1+1)/8 = 2.5
    assert (vision[1].responses, vision[1].current_state, vision[1].satisfaction, vision[1].gap) == (
        8, Decimal("3.38"), Decimal("2.50"), Decimal("-0.88")
    )  # fmt: skip
    assert (use[1].responses, use[1].current_state, use[1].gap) == (5, Decimal("3.00"), Decimal("0.00"))
    by_org = {org.code: cells for org, cells in result["organisations"]}
    assert by_org["297"][0][1].current_state == Decimal("2.40")
    assert by_org["140"][0][1].suppressed and by_org["140"][0][1].current_state is None


def test_bad_rows_are_named_and_nothing_is_stored(survey):
    rows = [
        ("a", "297", "expert", "vision", 3, 3),
        ("b", "999", "expert", "vision", 3, 3),
        ("c", "297", "boss", "vision", 3, 3),
        ("d", "297", "expert", "nope", 3, 3),
        ("e", "297", "expert", "vision", 6, "x"),
        ("a", "297", "expert", "vision", 2, 2),
    ]
    with pytest.raises(InvalidInput) as excinfo:
        maturity.import_csv(survey, csv_for(rows), "bad.csv")
    assert excinfo.value.messages == [
        "bad.csv line 3: unknown organisation code '999'",
        "bad.csv line 4: role 'boss' is not one of leadership, decision_maker, expert, staff, other",
        "bad.csv line 5: unknown area code 'nope'",
        "bad.csv line 6: current_state '6' is not a whole number 1–5, satisfaction 'x' is not a whole number 1–5",
        "bad.csv line 7: duplicates line 2",
    ]
    assert MaturityResponse.objects.count() == 0


def test_results_page_and_import_page_permissions(client, survey, staff_user, decision_maker):
    maturity.import_csv(survey, csv_for(five_kuopio_three_iisalmi()), "old.csv")
    with translation.override("fi"):
        url = reverse("knowledge_mgmt:survey-results", args=["s2024"])
    html = client.get(url).content.decode()
    assert "3,38" in html and "-0,88" in html
    client.force_login(decision_maker)
    assert client.get(reverse("knowledge_mgmt:survey-import", args=["s2024"])).status_code == 403
    client.force_login(staff_user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("more.csv", csv_for([("z1", "915", "staff", "use", 4, 5)]))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("knowledge_mgmt:survey-import", args=["s2024"]), {"file": upload})
    from portal.models import Job

    job = Job.objects.get(kind="maturity_import")
    assert response["Location"] == reverse("portal:job-detail", args=[job.pk])  # the import is a job
    assert (job.status, job.output_ref) == ("succeeded", {"survey": "s2024", "responses": 1})
    assert MaturityResponse.objects.filter(organisation__code="915").count() == 1


def test_web_answer_is_anonymous(client, survey, decision_maker):
    url = reverse("knowledge_mgmt:survey-answer", args=["s2024"])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(decision_maker)
    bad = client.post(url, {"organisation": "297", "role": "decision_maker", "current_vision": "9"})
    assert bad.status_code == 400
    assert MaturityResponse.objects.count() == 0
    data = {
        "organisation": "297",
        "role": "decision_maker",
        "current_vision": "2",
        "satisfaction_vision": "4",
        "current_use": "3",
        "satisfaction_use": "3",
    }
    assert client.post(url, data).status_code == 302
    response = MaturityResponse.objects.get()
    assert (response.organisation.code, response.role, response.import_key) == ("297", "decision_maker", "")
    assert sorted(response.scores.values_list("area__code", "current_state", "satisfaction")) == [
        ("use", 3, 3),
        ("vision", 2, 4),
    ]
    assert not [f.name for f in MaturityResponse._meta.get_fields() if f.name in ("user", "respondent", "created_by")]
