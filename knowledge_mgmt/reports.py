"""The municipality report PDF (kuntaraportti), fi or sv, rendered with WeasyPrint.

A PDF travels beyond the portal, so it is a public output: it shows public indicators only and
suppresses small numbers, whoever asked for it.

Rendering is split in two steps that the benchmark (``bench/bench_reports.py``) times apart: the
data (selectors and the template, ``render_municipality_html``) and WeasyPrint (``html_to_pdf``).
The batch of all municipalities reads the figures once (``report_figures``) and renders each
municipality's report from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone, translation

from knowledge_mgmt.dashboards import DashboardData


@dataclass
class ReportFigures:
    """The public figures every municipality report reads: the key-indicator set and its values."""

    indicator_set: object
    indicators: list
    data: DashboardData


def report_figures() -> ReportFigures:
    """The key indicators and their public values, read once (as an anonymous reader: public only)."""
    from knowledge_mgmt.selectors import key_indicators

    reader = AnonymousUser()
    indicator_set, indicators = key_indicators(reader)
    return ReportFigures(indicator_set, list(indicators), DashboardData(reader, indicators))


def report_years() -> list[int]:
    """The years with public values of the key indicators, newest first (the batch form's choices)."""
    from knowledge_mgmt.models import IndicatorValue
    from knowledge_mgmt.selectors import key_indicators

    reader = AnonymousUser()
    _set, indicators = key_indicators(reader)
    years = (
        IndicatorValue.objects.visible_to(reader)
        .filter(indicator__in=indicators)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return list(years)


def render_municipality_html(
    organisation, *, language: str = "fi", year: int | None = None, figures: ReportFigures | None = None
) -> str:
    with translation.override(language):
        figures = figures or report_figures()
        panels = [figures.data.panel(indicator, year=year, focus=organisation) for indicator in figures.indicators]
        return render_to_string(
            "knowledge_mgmt/report.html",
            {
                "organisation": organisation,
                "panels": panels,
                "indicator_set": figures.indicator_set,
                "generated": timezone.now(),
                "LANGUAGE_CODE": language,
            },
        )


def html_to_pdf(html: str) -> bytes:
    """The PDF bytes of a report's HTML: WeasyPrint's layout (``portal.pdf.render``), then drawing."""
    from portal.pdf import render

    return render(html).write_pdf()


def render_municipality_report(organisation, *, language: str = "fi", year: int | None = None) -> bytes:
    return html_to_pdf(render_municipality_html(organisation, language=language, year=year))
