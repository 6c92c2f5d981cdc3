"""The municipality report PDF (kuntaraportti), fi or sv, rendered with WeasyPrint.

A PDF travels beyond the portal, so it is a public output: it shows public indicators only and
suppresses small numbers, whoever asked for it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone, translation

from knowledge_mgmt.dashboards import DashboardData


def render_municipality_html(organisation, *, language: str = "fi", year: int | None = None) -> str:
    from knowledge_mgmt.views import key_indicators

    reader = AnonymousUser()
    with translation.override(language):
        indicator_set, indicators = key_indicators(reader)
        data = DashboardData(reader, indicators)
        panels = [data.panel(indicator, year=year, focus=organisation) for indicator in indicators]
        return render_to_string(
            "knowledge_mgmt/report.html",
            {
                "organisation": organisation,
                "panels": panels,
                "indicator_set": indicator_set,
                "generated": timezone.now(),
                "LANGUAGE_CODE": language,
            },
        )


def render_municipality_report(organisation, *, language: str = "fi", year: int | None = None) -> bytes:
    from weasyprint import HTML

    html = render_municipality_html(organisation, language=language, year=year)
    return HTML(string=html).write_pdf()
