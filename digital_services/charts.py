"""Inline SVG drawings of the area; each is paired with a table or list as its text equivalent."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from digital_services.choices import RolloutState

# Fill colours with a text label in every cell as well, so colour is never the only cue.
STATE_FILL = {
    RolloutState.LIVE: "#1b6e3a",
    RolloutState.PILOT: "#1f5f99",
    RolloutState.PLANNED: "#8a5a00",
    RolloutState.RETIRED: "#555555",
    None: "#ffffff",
}
STATE_MARK = {
    RolloutState.LIVE: "L",
    RolloutState.PILOT: "P",
    RolloutState.PLANNED: "S",
    RolloutState.RETIRED: "X",
    None: "–",
}


def matrix_svg(matrix, *, element_id: str = "region-matrix") -> SafeString:
    """Municipalities (rows) x services (columns), one cell per state with a letter in it."""
    label_w, cell_w, cell_h, head_h = 150, 90, 22, 40
    width = label_w + cell_w * max(1, len(matrix.services))
    height = head_h + cell_h * len(matrix.rows) + 10
    parts = [
        format_html(
            '<svg id="{}" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" class="fit-chart" '
            'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">',
            element_id,
            _("Rollout state by municipality and service on %(day)s; the same data is in the table below.")
            % {"day": matrix.day.strftime("%d.%m.%Y")},
            width,
            height,
            width,
        )
    ]
    for i, service in enumerate(matrix.services):
        x = label_w + i * cell_w + cell_w / 2
        parts.append(
            format_html('<text x="{}" y="{}" text-anchor="middle">{}</text>', x, head_h - 10, service.name[:14])
        )
    for r, (municipality, cells) in enumerate(matrix.rows):
        y = head_h + r * cell_h
        parts.append(format_html('<text x="4" y="{}">{}</text>', y + 15, municipality.name))
        for c, cell in enumerate(cells):
            x = label_w + c * cell_w
            fill = STATE_FILL.get(cell.state, "#ffffff")
            text_fill = "#000000" if cell.state is None else "#ffffff"
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#333"/>'
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}{}</text>',
                    x + 2,
                    y + 2,
                    cell_w - 4,
                    cell_h - 4,
                    fill,
                    x + cell_w / 2,
                    y + 15,
                    text_fill,
                    STATE_MARK.get(cell.state, "–"),
                    "+" if cell.ebooking else "",
                )
            )
    parts.append(mark_safe("</svg>"))  # constant markup
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every piece escaped by format_html


def path_svg(path, steps, *, element_id: str = "service-path") -> SafeString:
    """Steps as boxes joined by arrows, left to right."""
    box_w, box_h, gap = 170, 50, 40
    width = max(1, len(steps)) * (box_w + gap)
    height = box_h + 20
    parts = [
        format_html(
            '<svg id="{}" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" class="fit-chart" '
            'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">'
            '<defs><marker id="{}-arrow" markerWidth="10" markerHeight="10" refX="9" refY="5" orient="auto">'
            '<path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
            element_id,
            _("Service path %(name)s; the steps are listed below.") % {"name": path.name},
            width,
            height,
            width,
            element_id,
        )
    ]
    for i, step in enumerate(steps):
        x = i * (box_w + gap) + 5
        parts.append(
            format_html(
                '<rect x="{}" y="10" width="{}" height="{}" rx="6" fill="#e8f0f8" stroke="#1f5f99"/>'
                '<text x="{}" y="40" text-anchor="middle">{}. {}</text>',
                x,
                box_w,
                box_h,
                x + box_w / 2,
                step.position,
                step.name[:22],
            )
        )
        if i < len(steps) - 1:
            parts.append(
                format_html(
                    '<line x1="{}" y1="35" x2="{}" y2="35" stroke="#333" stroke-width="2" marker-end="url(#{}-arrow)"/>',
                    x + box_w,
                    x + box_w + gap - 2,
                    element_id,
                )
            )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308


__all__ = ["escape", "matrix_svg", "path_svg"]
