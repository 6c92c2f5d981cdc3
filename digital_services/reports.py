"""The municipality PDF (fi or sv): rollout, paperless share, digital inclusion and pilots.

A PDF leaves the portal, so it is rendered as an anonymous reader would see the catalogue plus the
organisation's aggregate figures (no personal data exists in this area).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone, translation

from digital_services import selectors
from digital_services.models import MonthlyFigure, Pilot, Rollout
from portal.models import Organisation


def municipality_report_context(organisation: Organisation) -> dict:
    today = timezone.localdate()
    covering = selectors.organisations_covering([organisation.pk], today)[organisation.pk]
    rollouts = (
        Rollout.objects.filter(organisation_id__in=covering)
        .select_related("service", "feature", "organisation")
        .order_by("service__name_fi", "feature__name_fi")
    )
    figures = list(MonthlyFigure.objects.filter(organisation=organisation).order_by("-month")[:12])
    inclusion = selectors.inclusion_rows(None, organisation_code=organisation.code)
    pilots = Pilot.objects.filter(organisations=organisation).order_by("-starts_on")
    return {
        "organisation": organisation,
        "rollouts": [(r, r.state_on(today)) for r in rollouts],
        "figures": figures,
        "inclusion": inclusion,
        "pilots": pilots,
        "generated": timezone.now(),
        "reader": AnonymousUser(),
    }


def render_municipality_html(organisation: Organisation, *, language: str = "fi") -> str:
    with translation.override(language):
        return render_to_string(
            "digital_services/report_pdf.html", {**municipality_report_context(organisation), "LANGUAGE_CODE": language}
        )


def render_municipality_pdf(organisation: Organisation, *, language: str = "fi") -> tuple[bytes, int]:
    from weasyprint import HTML

    document = HTML(string=render_municipality_html(organisation, language=language)).render()
    return document.write_pdf(), len(document.pages)
