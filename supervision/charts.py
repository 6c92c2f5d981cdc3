"""Server-side SVG charts (no JavaScript). Every chart has a title and a description, and the page
shows the same figures as a table next to it (the text alternative)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from supervision.selectors import DayRatio

WIDTH, HEIGHT = 720, 260

LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36


def ratio_trend_svg(days: list[DayRatio], *, title: str, chart_id: str) -> SafeString:
    """Daily realised ratio (line, broken at gaps), legal minimum (solid step) and contract minimum
    (dashed step). Days below the legal minimum get a cross marker, so colour is not the only cue."""
    if not days:
        return mark_safe("")  # noqa: S308 - constant
    values = [d.ratio for d in days if d.ratio is not None]
    values += [d.legal_minimum for d in days if d.legal_minimum is not None]
    values += [d.contract_minimum for d in days if d.contract_minimum is not None]
    top_value = max([Decimal("1.0"), *values]) * Decimal("1.1")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(days) - 1)

    def x(index: int) -> float:
        return LEFT + index * step

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top_value) * plot_h

    def polyline(points: list[tuple[float, float]], css: str) -> str:
        if len(points) == 1:
            px, py = points[0]
            return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" class="{css}"/>'
        coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        return f'<polyline points="{coords}" class="{css}" fill="none"/>'

    def series(getter, css: str) -> list[str]:
        parts, run = [], []
        for index, day in enumerate(days):
            value = getter(day)
            if value is None:
                if run:
                    parts.append(polyline(run, css))
                run = []
                continue
            run.append((x(index), y(value)))
        if run:
            parts.append(polyline(run, css))
        return parts

    grid = []
    for tick in range(0, 11):
        value = Decimal(tick) / 10
        if value > top_value:
            break
        if tick % 2:
            continue
        gy = y(value)
        grid.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{gy:.1f}" y2="{gy:.1f}" class="grid"/>')
        grid.append(f'<text x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end">{number_format(value, 1)}</text>')
    labels = []
    label_every = max(1, len(days) // 6)
    for index, day in enumerate(days):
        if index % label_every == 0:
            labels.append(
                f'<text x="{x(index):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="{"end" if x(index) > WIDTH - 60 else "middle"}">'
                f"{escape(date_format(day.date, 'SHORT_DATE_FORMAT'))}</text>"
            )
    markers = [
        f'<path d="M{x(i) - 4:.1f},{y(d.ratio) - 4:.1f} l8,8 m0,-8 l-8,8" class="below"/>'
        for i, d in enumerate(days)
        if d.below_legal
    ]
    gaps = sum(1 for d in days if d.missing)
    description = _(
        "Daily realised staffing ratio from %(start)s to %(end)s with the legal minimum in force on each day "
        "(solid step line) and the contract minimum (dashed); crosses mark days below the legal minimum; "
        "%(gaps)s days without data are gaps in the line. The same figures are in the table below."
    ) % {
        "start": date_format(days[0].date, "SHORT_DATE_FORMAT"),
        "end": date_format(days[-1].date, "SHORT_DATE_FORMAT"),
        "gaps": gaps,
    }
    body = "".join(
        [
            *grid,
            *labels,
            *series(lambda d: d.legal_minimum, "legal"),
            *series(lambda d: d.contract_minimum, "contract"),
            *series(lambda d: d.ratio, "ratio"),
            *markers,
        ]
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ratio-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every interpolated text is escaped above
