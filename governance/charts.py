"""Server-side SVG charts (no JavaScript): the Gantt-style programme timeline.

Baseline and current plan differ in shape, not only in colour: the baseline is a thin outlined,
dashed bar, the current plan a solid bar below it; planned milestones are open diamonds, reached
milestones filled circles. The page shows a data table with the same facts next to the chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from governance.selectors import TimelineRow

LABEL_WIDTH = 60
CHART_WIDTH = 840
ROW_HEIGHT = 30
TOP = 34
BASELINE_STROKE = "#3d3d3d"
CURRENT_FILL = "#1f5f8b"
TODAY_STROKE = "#a0281e"


def _dates(rows: Sequence[TimelineRow]) -> list[dt.date]:
    dates: list[dt.date] = []
    for row in rows:
        dates += [d for d in (row.measure.start_date, row.measure.end_date) if d]
        if row.baseline:
            dates += [row.baseline.start_date, row.baseline.end_date]
        for milestone in row.milestones:
            dates += [d for d in (milestone.baseline_date, milestone.planned_date, milestone.actual_date) if d]
    return dates


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline_svg(
    rows: Sequence[TimelineRow], *, today: dt.date, element_id: str = "timeline-chart", titles: bool = True
) -> SafeString:
    """The timeline; rows are labelled with the measure's number and (``titles``) its short title."""
    from portal.models.localized import localized

    label_width = 250 if titles else LABEL_WIDTH
    dates = _dates(rows)
    title = _("Programme timeline: baseline and current plan of each measure")
    description = _("The same information is in the table below the chart.")
    legend = {
        "baseline": escape(_("Baseline")),
        "current": escape(_("Current plan")),
        "planned": escape(_("Milestone, planned")),
        "reached": escape(_("Milestone, reached")),
        "today": escape(_("Today")),
    }
    if not dates:
        dates = [today, today + dt.timedelta(days=365)]
    start = min([*dates, today]).replace(day=1)
    end_candidate = max([*dates, today])
    end = dt.date(end_candidate.year + (end_candidate.month // 12), end_candidate.month % 12 + 1, 1)
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return round(label_width + (day - start).days / span * CHART_WIDTH, 1)

    height = TOP + ROW_HEIGHT * len(rows) + 62
    width = label_width + CHART_WIDTH + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{element_id}" role="img" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
    ]
    # Year and quarter grid.
    tick = start
    while tick <= end:
        if tick.month in (1, 4, 7, 10):
            xpos = x(tick)
            strong = tick.month == 1
            parts.append(
                f'<line x1="{xpos}" y1="{TOP - 6}" x2="{xpos}" y2="{height - 58}" '
                f'stroke="{"#8a8a8a" if strong else "#d0d0d0"}" stroke-width="1"/>'
            )
            label = str(tick.year) if strong else f"Q{(tick.month - 1) // 3 + 1}"
            parts.append(f'<text x="{xpos + 2}" y="{TOP - 10}" fill="#222">{label}</text>')
        tick = dt.date(tick.year + (tick.month // 12), tick.month % 12 + 1, 1)
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        measure = row.measure
        label = measure.number
        if titles:
            label = f"{measure.number} {_short(localized(measure, 'title'), 36)}"
        parts.append(f'<text x="4" y="{y + 17}" fill="#222">{escape(label)}</text>')
        if row.baseline:
            bx1, bx2 = x(row.baseline.start_date), x(row.baseline.end_date)
            parts.append(
                f'<rect x="{bx1}" y="{y + 3}" width="{max(bx2 - bx1, 2)}" height="7" fill="none" '
                f'stroke="{BASELINE_STROKE}" stroke-dasharray="4 2"/>'
            )
        if measure.start_date and measure.end_date:
            cx1, cx2 = x(measure.start_date), x(measure.end_date)
            parts.append(
                f'<rect x="{cx1}" y="{y + 13}" width="{max(cx2 - cx1, 2)}" height="10" fill="{CURRENT_FILL}"/>'
            )
        for milestone in row.milestones:
            mx = x(milestone.planned_date)
            parts.append(
                f'<path d="M{mx} {y + 11} l5 7 l-5 7 l-5 -7 z" fill="#ffffff" stroke="#222" stroke-width="1.2"/>'
            )
            if milestone.actual_date:
                ax = x(milestone.actual_date)
                parts.append(f'<circle cx="{ax}" cy="{y + 18}" r="4" fill="#222"/>')
    today_x = x(today)
    parts.append(
        f'<line x1="{today_x}" y1="{TOP - 6}" x2="{today_x}" y2="{height - 58}" stroke="{TODAY_STROKE}" '
        f'stroke-width="1.5" stroke-dasharray="2 2"/>'
    )
    # Legend (shapes, with text), laid out by the length of each translated label so that no two
    # entries overlap; an entry that does not fit on the line starts a second line.
    symbols = {
        "baseline": lambda lx, ly: (
            f'<rect x="{lx}" y="{ly - 8}" width="30" height="7" fill="none" '
            f'stroke="{BASELINE_STROKE}" stroke-dasharray="4 2"/>'
        ),
        "current": lambda lx, ly: f'<rect x="{lx}" y="{ly - 10}" width="30" height="10" fill="{CURRENT_FILL}"/>',
        "planned": lambda lx, ly: f'<path d="M{lx + 15} {ly - 12} l5 7 l-5 7 l-5 -7 z" fill="#ffffff" stroke="#222"/>',
        "reached": lambda lx, ly: f'<circle cx="{lx + 15}" cy="{ly - 4}" r="4" fill="#222"/>',
        "today": lambda lx, ly: (
            f'<line x1="{lx + 15}" y1="{ly - 10}" x2="{lx + 15}" y2="{ly + 2}" '
            f'stroke="{TODAY_STROKE}" stroke-width="1.5" stroke-dasharray="2 2"/>'
        ),
    }
    lx, ly = 4.0, float(height - 38)
    for key, text in legend.items():
        entry_width = 36 + len(text) * 6.8 + 22
        if lx + entry_width > width and lx > 4:
            lx, ly = 4.0, ly + 20
        parts.append(symbols[key](lx, ly))
        parts.append(f'<text x="{lx + 36}" y="{ly}" fill="#222">{text}</text>')
        lx += entry_width
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped
