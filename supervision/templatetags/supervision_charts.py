"""The staffing chart's legend, shared by the unit page and the PDF report: ``{% ratio_legend days %}``."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("supervision/_chart_legend.html")
def ratio_legend(days) -> dict:
    """What the chart of ``days`` draws: the lines always, the contract line, the crosses and the gaps
    only where the period has them (a legend names nothing the chart does not show)."""
    days = list(days or [])
    return {
        "has_contract": any(d.contract_minimum is not None for d in days),
        "has_below": any(d.below_legal for d in days),
        "has_gaps": any(d.missing for d in days),
    }
