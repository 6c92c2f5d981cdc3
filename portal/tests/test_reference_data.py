import pytest
from django.core.management import call_command

from portal.models import ChangeLog, Measure, Organisation, OrganisationMembership, Population, ServiceNetworkCentre
from portal.reference_data import load_reference_data


@pytest.mark.django_db
def test_loads_the_19_municipalities_with_codes_names_and_2020_populations():
    load_reference_data()
    municipalities = Organisation.objects.municipalities()
    assert municipalities.count() == 19
    kuopio = Organisation.objects.get(code="297")
    assert (kuopio.name_fi, kuopio.name_sv, kuopio.parent.code) == ("Kuopio", "Kuopio", "maakunta-11")
    assert Population.objects.get(organisation=kuopio, year=2020).count == 120210
    iisalmi = Organisation.objects.get(code="140")
    assert iisalmi.name_sv == "Idensalmi"
    total = sum(Population.objects.filter(organisation__kind="municipality", year=2020).values_list("count", flat=True))
    assert total == 248265  # the region total the reference README gives


@pytest.mark.django_db
def test_organisations_carry_validity_successors_and_memberships():
    load_reference_data()
    psshp = Organisation.objects.get(code="psshp")
    pshva = Organisation.objects.get(code="pshva")
    assert str(psshp.valid_to) == "2022-12-31"
    assert psshp.successor == pshva
    assert str(pshva.valid_from) == "2023-01-01"
    assert OrganisationMembership.objects.filter(organisation=pshva).count() == 19
    yla_savo = set(
        OrganisationMembership.objects.filter(organisation__code="yla-savon-sote").values_list(
            "member__code", flat=True
        )
    )
    assert yla_savo == {"140", "263", "762", "925"}
    joroinen = OrganisationMembership.objects.get(organisation__code="maakunta-11", member__code="171")
    assert str(joroinen.valid_from) == "2021-01-01"
    import datetime as dt

    valid_2022 = set(Organisation.objects.valid_on(dt.date(2022, 6, 1)).values_list("code", flat=True))
    valid_2024 = set(Organisation.objects.valid_on(dt.date(2024, 6, 1)).values_list("code", flat=True))
    assert "psshp" in valid_2022 and "pshva" not in valid_2022
    assert "pshva" in valid_2024 and "psshp" not in valid_2024


@pytest.mark.django_db
def test_loads_network_centres_and_the_16_measures():
    load_reference_data()
    poles = dict(ServiceNetworkCentre.objects.values_list("organisation__name_fi", "pole"))
    assert poles == {"Iisalmi": "north", "Kuopio": "centre", "Varkaus": "south"}
    assert Measure.objects.count() == 16
    m = Measure.objects.get(number="2.3")
    assert m.app == "integration"
    assert m.title_fi.startswith("SOTE-tietopakettien päivittäminen")
    assert m.title_sv and m.title_en
    assert sorted(set(Measure.objects.values_list("app", flat=True))) == [
        "archiving",
        "digital_services",
        "governance",
        "integration",
        "knowledge_mgmt",
        "ot_centre",
        "supervision",
    ]


@pytest.mark.django_db
def test_second_run_changes_nothing_and_says_so(capsys):
    call_command("load_reference_data")
    rows_before = (
        Organisation.objects.count(),
        Population.objects.count(),
        Measure.objects.count(),
        OrganisationMembership.objects.count(),
    )
    log_before = ChangeLog.objects.count()
    kuopio_before = Organisation.objects.filter(code="297").values().get()
    capsys.readouterr()
    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert "No changes" in out
    assert " 0 created, 0 updated" in out
    assert (
        Organisation.objects.count(),
        Population.objects.count(),
        Measure.objects.count(),
        OrganisationMembership.objects.count(),
    ) == rows_before
    assert ChangeLog.objects.count() == log_before
    assert Organisation.objects.filter(code="297").values().get() == kuopio_before


@pytest.mark.django_db
def test_reload_restores_an_edited_reference_fact_and_logs_it():
    load_reference_data()
    Organisation.objects.filter(code="297").update(name_sv="Kuopio (wrong)")
    report = load_reference_data()
    assert report.updated["municipalities"] == 1
    assert Organisation.objects.get(code="297").name_sv == "Kuopio"
