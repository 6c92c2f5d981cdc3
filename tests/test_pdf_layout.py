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


def _supervision_report(language: str, *, producer: bool = False) -> str:
    from django.utils import translation

    from portal.demo import seed_demo
    from supervision.demo import seed_supervision_demo
    from supervision.models import ServiceUnit
    from supervision.tasks import producer_report_html, unit_report_html

    seed_demo()
    seed_supervision_demo()
    user = get_user_model().objects.get(username="supervisor")
    unit = ServiceUnit.objects.get(code="demo-koivurinne")
    start, end = dt.date(2026, 9, 1), dt.date(2026, 9, 30)  # the month of the demo's dip below the minimum
    with translation.override(language):  # the job runs in the language it was asked in
        if producer:
            return producer_report_html(unit.producer, start=start, end=end, user=user)
        return unit_report_html(unit, start=start, end=end, user=user)


def _supervision_producer_report(language: str) -> str:
    return _supervision_report(language, producer=True)


def _digital_services_report(language: str) -> str:
    from digital_services.demo import seed_digital_services_demo
    from digital_services.reports import render_municipality_html
    from portal.models import Organisation

    seed_digital_services_demo()
    return render_municipality_html(Organisation.objects.get(code="297"), language=language)


def _ot_centre_report(language: str) -> str:
    from ot_centre.demo import seed_ot_centre_demo
    from ot_centre.tasks import pilot_report_html
    from portal.demo import seed_demo

    seed_demo()
    seed_ot_centre_demo()
    return pilot_report_html(dt.date(2026, 11, 1), language)


def _archiving_demo():
    from archiving.demo import seed_archiving_demo
    from archiving.models import RetentionSimulation
    from archiving.tasks import run_retention_simulation
    from portal.demo import seed_demo

    seed_demo()
    seed_archiving_demo()
    # The demo's simulation job is queued on commit, which a test transaction never reaches: run it,
    # then seed again so that the demo makes its destruction list from the result.
    simulation = RetentionSimulation.objects.get()
    if not simulation.done:
        run_retention_simulation.apply(args=[simulation.job_id])
        seed_archiving_demo()


def _archiving_specification(language: str) -> str:
    from archiving.selectors import current_plan
    from archiving.tasks import specification_html

    _archiving_demo()
    return specification_html(plan=current_plan(), language=language)


def _archiving_destruction_list(language: str) -> str:
    from archiving.models import DestructionList
    from archiving.tasks import destruction_list_html

    _archiving_demo()
    return destruction_list_html(DestructionList.objects.get(), language=language)


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
    # One unit's month fits on one page; the producer report (two demo units) on two.
    "supervision unit report": (_supervision_report, 1),
    "supervision producer report": (_supervision_producer_report, 2),
    "digital services municipality report": (_digital_services_report, 2),
    "ot centre pilot report": (_ot_centre_report, 2),
    "archiving functional specification": (_archiving_specification, 3),
    "archiving destruction list": (_archiving_destruction_list, 1),
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


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_supervision_report_charts_have_legends_and_overdue_actions_say_so(reference_data, language):
    import re

    html = _supervision_producer_report(language)
    charts = html.count("<svg")
    assert charts == 2 and html.count('class="chart-legend') == charts
    # The demo's corrective action (deadline 15.10.2026) is open: marked with the word, not colour alone.
    overdue = {"fi": "myöhässä", "sv": "försenad"}[language]
    assert re.search(rf'<strong class="overdue">\({overdue}\)</strong>', html)
    # The value axis starts near the data (the dip to 0.55), not at zero.
    first_tick = re.search(r'text-anchor="end">([0-9]+,[0-9]+)</text>', html).group(1)
    assert float(first_tick.replace(",", ".")) >= 0.4


def test_footer_prints_names_as_written_on_every_page():
    """The footer is an element of the document, not a CSS string: quotes and ampersands in a name
    print as written (a CSS string would show ``&quot;``), on every page, beside the page number."""
    import io

    from django.template import Context, Template
    from pypdf import PdfReader

    html = Template(
        '{% extends "pdf/base.html" %}{% block footer_left %}{{ name }} · 2024{% endblock %}'
        "{% block heading %}Raportti{% endblock %}"
        "{% block content %}{% for i in rows %}<p>Rivi {{ i }}</p>{% endfor %}{% endblock %}"
    ).render(Context({"name": 'Kuopio & "Itä-Suomi" <OT>', "rows": range(150), "language": "fi"}))
    reader = PdfReader(io.BytesIO(render(html).write_pdf()))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        text = page.extract_text()
        assert 'Kuopio & "Itä-Suomi" <OT> · 2024' in text, text[-200:]
        assert "&quot;" not in text and "&amp;" not in text and "&lt;" not in text
