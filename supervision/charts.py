"""Server-side SVG charts (no JavaScript). Every chart has a title and a description, a legend next
to it (``supervision/_chart_legend.html``) and the same figures as a table (the text alternative).

The line styles live in supervision.css. Pages link that file; WeasyPrint does not apply a page's
stylesheet inside an inline SVG, so a PDF passes the same rules as ``style`` and the SVG carries them.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.charts import nice_axis
from supervision.selectors import DayRatio

WIDTH, HEIGHT = 720, 260

LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36

MIN_SPAN = Decimal("0.1")  # persons per client: the smallest value range the chart's axis shows


def _places(ticks: list[Decimal]) -> int:
    """Decimals the tick labels need (0.55, 0.60 -> 2; 0.6, 0.8 -> 1), at least one for a ratio."""
    return max(1, *(max(0, -t.normalize().as_tuple().exponent) for t in ticks))


def ratio_trend_svg(days: list[DayRatio], *, title: str, chart_id: str, style: str = "") -> SafeString:
    """Daily realised ratio (line, broken at gaps), legal minimum (solid step) and contract minimum
    (dashed step). Days below the legal minimum get a cross marker, so colour is not the only cue.

    The value axis starts near the data with round ticks (``portal.charts.nice_axis``): a staffing
    ratio does not start at zero, and 0.55-0.75 shows a dip that 0-1 flattens. ``style``: CSS the
    SVG carries itself (the PDF passes supervision.css)."""
    if not days:
        return mark_safe("")  # constant
    values = [d.ratio for d in days if d.ratio is not None]
    values += [d.legal_minimum for d in days if d.legal_minimum is not None]
    values += [d.contract_minimum for d in days if d.contract_minimum is not None]
    if values:
        # A little room above and below the data, and never less than MIN_SPAN: a unit staffed exactly
        # at the minimum (0.65000-0.65008) must look flat, not like a saw of rounding noise.
        low, high = min(values), max(values)
        pad = max((MIN_SPAN - (high - low)) / 2, (high - low) / 20)
        values = [low - pad, high + pad]
    axis_low, axis_high, ticks = nice_axis(values, zero_based=False)
    span = axis_high - axis_low
    places = _places(ticks)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(days) - 1)

    def x(index: int) -> float:
        return LEFT + index * step

    def y(value: Decimal) -> float:
        return TOP + plot_h - float((value - axis_low) / span) * plot_h

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
    for value in ticks:
        gy = y(value)
        grid.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{gy:.1f}" y2="{gy:.1f}" class="grid"/>')
        grid.append(f'<text x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end">{number_format(value, places)}</text>')
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
    # The style sheet is our own file, never user input; "</" cannot end the element early.
    own_style = f"<style>{style.replace('</', '')}</style>" if style else ""
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
        f"{own_style}{body}</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every interpolated text is escaped above
