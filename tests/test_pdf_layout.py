"""Reports read like reports: every PDF kind, in Finnish and Swedish, fills its pages.

Each report is rendered with the demo content of its area through the same function its job uses;
no page but the last may be more than three-quarters empty, and the page count stays within what
the content needs. Areas add their report kinds to ``REPORTS``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from portal.pdf import fill_ratios, render


def _status_report(language: str) -> str:
    from governance.demo import seed_governance_demo
    from governance.tasks import status_report_html

    seed_governance_demo()
    user = get_user_model().objects.get(username="staff")
    return status_report_html(user=user, language=language, report_date=dt.date(2026, 12, 1))


def _municipality_report(language: str) -> str:
    from knowledge_mgmt.demo import load_demo
    from knowledge_mgmt.reports import render_municipality_html
    from portal.models import Organisation

    load_demo()
    return render_municipality_html(Organisation.objects.get(code="297"), language=language)


def _documentation_report(language: str) -> str:
    from integration.demo_measures import seed
    from integration.reports_measures import render_documentation_html
    from portal.models import Organisation

    seed()
    return render_documentation_html(Organisation.objects.get(code="297"), language=language)


def _personal_data_report(language: str) -> str:
    from portal import audit
    from portal.demo import seed_demo
    from portal.identity.services import issue_token, record_event
    from portal.models import Measure
    from portal.privacy.reports import data_report_html

    seed_demo()
    User = get_user_model()
    person, admin = User.objects.get(username="staff"), User.objects.get(username="admin")
    token = audit.set_context(user=person, source="ui")
    try:
        for number in ("2.3", "3.4"):
            measure = Measure.objects.get(number=number)
            measure.status = "on_track"
            measure.save()
    finally:
        audit.reset_context(token)
    issue_token(user=person, name="Tableau", actor=person)
    record_event("login", username="staff", user=person)
    audit.log_access(person, user=admin, purpose="personal data report")
    return data_report_html(person, language=language, by=admin)


# kind -> (html builder, the most pages the demo content may take)
REPORTS = {
    "governance status report": (_status_report, 5),
    # The Kuopio municipality report fits in five pages with the demo content (issue 16).
    "knowledge municipality report": (_municipality_report, 5),
    "integration structured documentation report": (_documentation_report, 3),
    "personal data report": (_personal_data_report, 3),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_report_pages_are_filled(reference_data, kind, language):
    build, max_pages = REPORTS[kind]
    document = render(build(language))
    ratios = fill_ratios(document)
    assert 1 <= len(ratios) <= max_pages, (kind, language, len(ratios))
    # No page but the last is more than three-quarters empty (a heading alone, a pushed chart).
    assert [r for r in ratios[:-1] if r < 0.25] == [], (kind, language, ratios)
