"""The municipality PDF (fi or sv): rollout, paperless share, digital inclusion and pilots.

A PDF leaves the portal, so it is rendered as an anonymous reader would see the catalogue plus the
organisation's aggregate figures (no personal data exists in this area).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone, translation

from digital_services import selectors
from digital_services.choices import RolloutState
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
    states = [(r, r.state_on(today)) for r in rollouts]
    # The cover's key figures: services live today, the newest paperless share and its change over the
    # months shown (percentage points), the newest offline estimate.
    latest, earliest = (figures[0], figures[-1]) if figures else (None, None)
    change = None
    if (
        latest is not None
        and latest is not earliest
        and latest.paperless_share is not None
        and earliest.paperless_share is not None
    ):
        change = latest.paperless_share - earliest.paperless_share
    return {
        "organisation": organisation,
        "rollouts": states,
        "live_count": sum(1 for _r, state in states if state == RolloutState.LIVE),
        "latest": latest,
        "earliest": earliest,
        "paperless_change": change,
        "figures": figures,
        "inclusion": inclusion,
        "pilots": pilots,
        "generated": timezone.now(),
        "reader": AnonymousUser(),
    }


def render_municipality_html(organisation: Organisation, *, language: str = "fi") -> str:
    with translation.override(language):
        return render_to_string(
            "digital_services/report_pdf.html", {**municipality_report_context(organisation), "language": language}
        )


def render_municipality_pdf(organisation: Organisation, *, language: str = "fi") -> tuple[bytes, int]:
    from portal.pdf import render

    document = render(render_municipality_html(organisation, language=language))
    return document.write_pdf(), len(document.pages)
