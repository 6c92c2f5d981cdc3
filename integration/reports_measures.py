"""The structured-documentation PDF of one organisation (fi or sv), rendered with WeasyPrint."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from integration import selectors_measures


def render_documentation_html(organisation, *, language: str = "fi") -> str:
    with translation.override(language):
        history = selectors_measures.organisation_history(organisation)
        regions = {}
        for report in history:
            key = (report.year, report.quarter, report.classification_id)
            if key not in regions:
                figures = selectors_measures.documentation_figures(
                    report.year, report.quarter, classification=report.classification
                )
                regions[key] = figures.share
        lines = [
            {"report": r, "share": r.share, "region": regions[(r.year, r.quarter, r.classification_id)]}
            for r in history
        ]
        readiness = [r for r in selectors_measures.current_readiness() if r.organisation_id == organisation.pk]
        return render_to_string(
            "integration/measures/documentation_report.html",
            {
                "organisation": organisation,
                "lines": lines,
                "latest": lines[-1] if lines else None,
                "readiness": readiness[0] if readiness else None,
                "language": language,
                "generated": timezone.now(),
                "LANGUAGE_CODE": language,
            },
        )


def render_documentation_pdf(organisation, *, language: str = "fi") -> bytes:
    from weasyprint import HTML

    return HTML(string=render_documentation_html(organisation, language=language)).write_pdf()
