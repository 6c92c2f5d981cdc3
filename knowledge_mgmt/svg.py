"""Server-side SVG charts (no JavaScript): the page and the PDF show the same picture.

Each chart has role="img", a <title> and <desc> referenced by aria-labelledby, and the caller puts a
data table next to it as the text alternative. Lines differ by dash pattern as well as colour, and
every line is named in a legend, so meaning never rests on colour alone.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

from portal.charts import nice_axis

BAR = "#1f5a96"
BAR_FOCUS = "#0b3a66"
LINE_STYLES = [
    ("#1f5a96", ""),
    ("#8a3b00", "6 4"),
    ("#2d6a2d", "2 3"),
    ("#5a2d82", "10 3 2 3"),
]
TEXT = "#1a1a1a"
GRID = "#8c8c8c"
_ids = itertools.count(1)


def fmt(value, decimals: int) -> str:
    if value is None:
        return "–"
    return number_format(Decimal(value), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _open(width: int, height: int, title: str, desc: str) -> tuple[str, str]:
    uid = f"chart{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" font-family="DejaVu Sans, sans-serif" font-size="12">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )
    return uid, head


def bar_chart(
    title: str,
    bars: list[tuple[str, Decimal | None, bool]],
    *,
    lines: list[tuple[str, Decimal]] = (),
    decimals: int = 0,
    desc: str = "",
) -> SafeString:
    """Horizontal bars (label, value, focus) with vertical reference lines (label, value)."""
    label_width, value_width, row_height, top = 150, 80, 20, 10
    plot_width = 420
    legend_height = 18 * len(lines)
    height = top + row_height * max(len(bars), 1) + 30 + legend_height
    width = label_width + plot_width + value_width
    numbers = [v for _, v, _ in bars if v is not None] + [v for _, v in lines if v is not None]
    maximum = max([Decimal(0), *numbers]) or Decimal(1)
    minimum = min([Decimal(0), *numbers])
    span = maximum - minimum or Decimal(1)

    def x(value: Decimal) -> float:
        return label_width + float((Decimal(value) - minimum) / span) * plot_width

    _uid, svg = _open(width, height, title, desc)
    parts = [svg]
    for index, (label, value, focus) in enumerate(bars):
        y = top + index * row_height
        weight = ' font-weight="bold"' if focus else ""
        outline = ' stroke="#000" stroke-width="2"' if focus else ""
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" fill="{TEXT}"{weight}>{escape(label)}</text>'
        )
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 14}" fill="{TEXT}">–</text>')
            continue
        x0, x1 = x(Decimal(0)), x(value)
        parts.append(
            f'<rect x="{min(x0, x1):.1f}" y="{y + 3}" width="{max(abs(x1 - x0), 1):.1f}" height="{row_height - 6}" '
            f'fill="{BAR_FOCUS if focus else BAR}"{outline}/>'
        )
        parts.append(
            f'<text x="{label_width + plot_width + 6}" y="{y + 14}" fill="{TEXT}">{escape(fmt(value, decimals))}</text>'
        )
    bottom = top + row_height * max(len(bars), 1)
    parts.append(f'<line x1="{x(Decimal(0)):.1f}" y1="{top}" x2="{x(Decimal(0)):.1f}" y2="{bottom}" stroke="{GRID}"/>')
    for index, (label, value) in enumerate(lines):
        colour, dash = LINE_STYLES[(index + 1) % len(LINE_STYLES)]
        lx = x(value)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx:.1f}" y1="{top}" x2="{lx:.1f}" y2="{bottom}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        ly = bottom + 24 + index * 18
        parts.append(
            f'<line x1="{label_width}" y1="{ly - 4}" x2="{label_width + 30}" y2="{ly - 4}" stroke="{colour}" '
            f'stroke-width="2"{dash_attr}/>'
            f'<text x="{label_width + 36}" y="{ly}" fill="{TEXT}">{escape(label)}: {escape(fmt(value, decimals))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def line_chart(
    title: str,
    series: list[tuple[str, list[tuple[int, Decimal | None]]]],
    *,
    decimals: int = 0,
    desc: str = "",
    zero_based: bool = False,
) -> SafeString:
    """Time series: one line per (label, [(year, value)]), distinguished by colour and dash.

    The value axis starts near the data with round ticks (``portal.charts.nice_axis``); only
    ``zero_based`` series (shares, counts) keep zero on the axis.
    """
    width, height, left, right, top = 640, 260, 70, 20, 14
    legend_height = 18 * len(series)
    plot_height = 170
    all_years = sorted({year for _, points in series for year, v in points if v is not None})
    numbers = [v for _, points in series for _, v in points if v is not None]
    _uid, svg = _open(width, height + legend_height, title, desc)
    parts = [svg]
    if not all_years:
        parts.append(f'<text x="{left}" y="{top + 20}" fill="{TEXT}">–</text></svg>')
        return mark_safe("".join(parts))  # noqa: S308
    minimum, maximum, ticks = nice_axis(numbers, zero_based=zero_based)
    span = maximum - minimum or Decimal(1)
    first, last = all_years[0], all_years[-1]
    plot_width = width - left - right

    def px(year: int) -> float:
        return left + (plot_width * (year - first) / (last - first) if last != first else plot_width / 2)

    def py(value: Decimal) -> float:
        return top + plot_height - float((Decimal(value) - minimum) / span) * plot_height

    tick_decimals = decimals if any(t != t.to_integral_value() for t in ticks) else 0
    for value in ticks:
        y = py(value)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{escape(fmt(value, tick_decimals))}</text>'
        )
    for year in all_years:
        parts.append(
            f'<text x="{px(year):.1f}" y="{top + plot_height + 18}" text-anchor="middle" fill="{TEXT}">{year}</text>'
        )
    for index, (label, points) in enumerate(series):
        colour, dash = LINE_STYLES[index % len(LINE_STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        coords = [(px(y), py(v)) for y, v in points if v is not None]
        if len(coords) > 1:
            path = " ".join(f"{a:.1f},{b:.1f}" for a, b in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        for a, b in coords:
            parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>')
        ly = top + plot_height + 40 + index * 18
        parts.append(
            f'<line x1="{left}" y1="{ly - 4}" x2="{left + 30}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
            f'<text x="{left + 36}" y="{ly}" fill="{TEXT}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
