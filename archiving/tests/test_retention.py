"""The retention engine's exact cases (issue 12), single-record and vectorised."""

import datetime as dt

import numpy as np
import pytest

from archiving.retention import RetentionError, RuleSpec, add_years, add_years_vec, compute, destruction_date, summarise

PATIENT = RuleSpec(
    code="patient-main",
    domain="patient",
    period_years=12,
    trigger="death",
    fallback_years=120,
    fallback_trigger="birth",
    sampling_days=(18, 28),
)
FAMILIES = RuleSpec(
    code="social-families-with-children",
    domain="social",
    period_years=30,
    trigger="case_closed",
    sampling_days=(8, 18, 28),
)
CLIENT_DOC = RuleSpec(
    code="social-client-relationship", domain="social", period_years=2, trigger="death", sampling_days=(8, 18, 28)
)
D = dt.date


def test_families_with_children_30_years_after_case_closed():
    out = destruction_date(FAMILIES, birth=D(1980, 5, 3), case_closed=D(2015, 6, 30))
    assert out.permanent is False and out.destroy_on == D(2045, 6, 30) and out.basis == "case_closed"


def test_patient_12_years_after_death():
    assert destruction_date(PATIENT, birth=D(1940, 2, 3), death=D(2010, 3, 15)).destroy_on == D(2022, 3, 15)


def test_patient_120_years_from_birth_when_death_not_known():
    out = destruction_date(PATIENT, birth=D(1950, 1, 17))
    assert out.destroy_on == D(2070, 1, 17) and out.basis == "birth"


def test_born_on_the_18th_is_permanent():
    out = destruction_date(PATIENT, birth=D(1950, 1, 18), death=D(2010, 3, 15))
    assert out == type(out)(True, None, "sampled")
    assert destruction_date(PATIENT, birth=D(1962, 7, 28)).permanent is True


def test_born_on_the_8th_is_permanent_for_social_welfare_only():
    assert destruction_date(FAMILIES, birth=D(1950, 1, 8), case_closed=D(2015, 6, 30)).permanent is True
    patient = destruction_date(PATIENT, birth=D(1950, 1, 8), death=D(2010, 3, 15))
    assert patient.permanent is False and patient.destroy_on == D(2022, 3, 15)


def test_29_february_plus_whole_years_lands_on_28_february():
    assert add_years(D(2012, 2, 29), 2) == D(2014, 2, 28)
    assert add_years(D(2012, 2, 29), 4) == D(2016, 2, 29)
    assert destruction_date(CLIENT_DOC, birth=D(1930, 3, 1), death=D(2012, 2, 29)).destroy_on == D(2014, 2, 28)
    assert destruction_date(PATIENT, birth=D(1930, 3, 1), death=D(2016, 2, 29)).destroy_on == D(2028, 2, 29)


def test_missing_dates_and_death_before_birth_are_errors():
    with pytest.raises(RetentionError, match="missing date"):
        destruction_date(FAMILIES, birth=D(1980, 1, 1))
    with pytest.raises(RetentionError, match="death before birth"):
        destruction_date(PATIENT, birth=D(1980, 1, 1), death=D(1979, 1, 1))


def test_vectorised_engine_agrees_with_the_exact_cases():
    def arr(*days):
        return np.array([np.datetime64(d, "D") if d else np.datetime64("NaT", "D") for d in days])

    rules = [PATIENT, FAMILIES]
    index = np.array([1, 0, 0, 0, 1, 0, 0])
    dates = {
        "birth": arr(
            D(1980, 5, 3), D(1940, 2, 3), D(1950, 1, 17), D(1950, 1, 18), D(1950, 1, 8), D(1950, 1, 8), D(1930, 3, 1)
        ),
        "death": arr(None, D(2010, 3, 15), None, None, None, D(2010, 3, 15), D(2012, 2, 29)),
        "case_closed": arr(D(2015, 6, 30), None, None, None, D(2015, 6, 30), None, None),
        "created": arr(None, None, None, None, None, None, None),
    }
    result = compute(index, rules, dates)
    assert result.destroy_on[:3].astype(str).tolist() == ["2045-06-30", "2022-03-15", "2070-01-17"]
    assert result.permanent.tolist() == [False, False, False, True, True, False, False]
    assert str(result.destroy_on[5]) == "2022-03-15"
    assert str(result.destroy_on[6]) == "2024-02-29"  # 2012-02-29 + 12 years: 2024 is a leap year
    assert add_years_vec(arr(D(2012, 2, 29)), 2).astype(str).tolist() == ["2014-02-28"]
    assert len(result.undated) == 0
    summary = summarise(result, as_of=D(2026, 1, 1), rule_index=index, rules=rules)
    assert summary["records"] == 7 and summary["permanent"] == 2 and summary["already_destroyable"] == 3
    assert summary["switch_off"]["destroy"] is None  # permanent records: never by destruction alone
    by_year = {row["year"]: row for row in summary["years"]}
    assert by_year[2045]["destroyable"] == 1 and by_year[2070]["destroyable"] == 1
    assert by_year[2070]["kept"] == 2  # only the permanent ones remain


@pytest.mark.django_db
def test_the_shipped_rules_give_the_issues_exact_cases(rules):
    """The same cases with the rules as loaded from archiving/reference/retention_rules.csv."""
    from archiving.models import RetentionRule

    def spec(code):
        return RuleSpec.from_rule(RetentionRule.objects.get(code=code))

    patient, families = spec("patient-main"), spec("social-families-with-children")
    older, client_doc = spec("social-older-people"), spec("social-client-relationship")
    assert destruction_date(families, birth=D(1980, 5, 3), case_closed=D(2015, 6, 30)).destroy_on == D(2045, 6, 30)
    assert destruction_date(patient, birth=D(1940, 2, 3), death=D(2010, 3, 15)).destroy_on == D(2022, 3, 15)
    assert destruction_date(patient, birth=D(1950, 1, 17)).destroy_on == D(2070, 1, 17)
    assert destruction_date(patient, birth=D(1950, 1, 18)).permanent is True
    assert destruction_date(patient, birth=D(1950, 1, 28), death=D(2010, 3, 15)).permanent is True
    assert destruction_date(families, birth=D(1950, 1, 8), case_closed=D(2015, 6, 30)).permanent is True
    assert destruction_date(patient, birth=D(1950, 1, 8), death=D(2010, 3, 15)).destroy_on == D(2022, 3, 15)
    assert destruction_date(older, birth=D(1950, 1, 3), case_closed=D(2015, 6, 30)).destroy_on == D(2025, 6, 30)
    assert destruction_date(client_doc, birth=D(1930, 3, 1), death=D(2012, 2, 29)).destroy_on == D(2014, 2, 28)
    # every rule carries its legal source; the unverified ones are the ones the reference README names
    shipped = RetentionRule.objects.all()
    assert all(r.legal_source and r.source_url for r in shipped)
    assert set(shipped.filter(verified=False).values_list("code", flat=True)) == {
        "patient-other-12y-created",
        "patient-permanent-genetics",
        "social-receipts",
        "social-client-fees",
    }
