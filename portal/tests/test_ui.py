"""UI pages of the core: editing with the concurrency guard, list controls, query budgets."""

import pytest
from django.urls import reverse

from portal.models import Measure


def _measure_form(measure, **overrides):
    data = {
        "version": measure.version,
        "title_fi": measure.title_fi,
        "title_sv": measure.title_sv,
        "title_en": measure.title_en,
        "deliverables_fi": measure.deliverables_fi,
        "deliverables_sv": measure.deliverables_sv,
        "deliverables_en": measure.deliverables_en,
        "responsible_organisation": "",
        "responsible_person": "",
        "start_date": "",
        "end_date": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_staff_edits_a_measure_in_the_browser(client, staff_user):
    client.force_login(staff_user)
    measure = Measure.objects.get(number="2.2")
    response = client.post(
        reverse("portal:measure-edit", args=["2.2"]),
        _measure_form(measure, responsible_person="Liisa Laine", start_date="2026-01-01", end_date="2026-12-31"),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.responsible_person, str(measure.end_date), measure.version) == ("Liisa Laine", "2026-12-31", 2)


@pytest.mark.django_db
def test_concurrent_ui_edit_is_refused_and_the_first_edit_kept(client, staff_user, admin_user):
    measure = Measure.objects.get(number="2.2")
    stale = _measure_form(measure, responsible_person="Second")
    client.force_login(admin_user)
    assert (
        client.post(
            reverse("portal:measure-edit", args=["2.2"]), _measure_form(measure, responsible_person="First")
        ).status_code
        == 302
    )
    client.force_login(staff_user)
    response = client.post(reverse("portal:measure-edit", args=["2.2"]), stale)
    assert response.status_code == 409
    assert "version 2" in response.content.decode() or "versio 2" in response.content.decode()
    measure.refresh_from_db()
    assert (measure.responsible_person, measure.version) == ("First", 2)


@pytest.mark.django_db
def test_end_before_start_is_refused_with_a_field_error(client, staff_user):
    client.force_login(staff_user)
    measure = Measure.objects.get(number="2.2")
    response = client.post(
        reverse("portal:measure-edit", args=["2.2"]),
        _measure_form(measure, start_date="2026-06-01", end_date="2026-01-01"),
    )
    assert response.status_code == 400
    assert "end_date" in response.context["form"].errors
    measure.refresh_from_db()
    assert (measure.start_date, measure.end_date, measure.version) == (None, None, 1)


@pytest.mark.django_db
def test_organisation_list_search_filter_sort_and_pagination(client, reference_data):
    url = reverse("portal:organisation-list")
    page = client.get(url, {"kind": "municipality", "sort": "-code"}).context["page"]
    assert page.paginator.count == 19
    assert [o.code for o in page.object_list][:3] == ["925", "921", "915"]
    assert [o.code for o in client.get(url, {"q": "Idensalmi"}).context["page"].object_list] == ["140"]
    second = client.get(url, {"page": 2}).context["page"]
    assert second.number == 2 and len(second.object_list) == 33 - 25
    empty = client.get(url, {"q": "no-such-organisation"})
    assert empty.context["page"].paginator.count == 0
    assert "empty" in empty.content.decode()


@pytest.mark.django_db
def test_list_pages_use_a_fixed_number_of_queries(client, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    for name in (
        "portal:organisation-list",
        "portal:measure-list",
        "portal:home",
        "portal:datamodel-list",
        "portal:job-list",
    ):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
def test_pages_render_in_each_language(client, reference_data):
    assert "Toimenpiteet" in client.get("/fi/measures/").content.decode()
    assert "Åtgärder" in client.get("/sv/measures/").content.decode()
    sv_measure = client.get("/sv/measures/2.3/").content.decode()
    assert "Uppdatering av SOTE-informationspaketen" in sv_measure
    assert "Updating the SOTE data packages" in client.get("/en/measures/2.3/").content.decode()
    kuopio_fi = client.get("/fi/organisations/297/").content.decode()
    assert "120\xa0210" in kuopio_fi  # Finnish thousands separator (no-break space)
    assert "120,210" in client.get("/en/organisations/297/").content.decode()
