"""PDF rendering shared by every report job, and the layout measures the report tests use.

Layout rules live in ``templates/pdf/base.html``; every report template extends it.
"""

from __future__ import annotations

from typing import Any


def render(html: str) -> Any:
    """The laid-out WeasyPrint document of ``html`` (call ``.write_pdf()`` for the bytes)."""
    from weasyprint import HTML

    return HTML(string=html).render()


def _content_bottom(box: Any) -> float:
    bottom = 0.0
    stack = [box]
    while stack:
        current = stack.pop()
        children = list(current.all_children()) if hasattr(current, "all_children") else []
        # The footer (page number, data date) sits in the page's margin boxes: not content.
        children = [c for c in children if type(c).__name__ != "MarginBox"]
        is_leaf = not children and getattr(current, "height", None) is not None
        if is_leaf and getattr(current, "element_tag", None) not in ("html", "body"):
            bottom = max(bottom, float(current.position_y) + float(current.height))
        stack.extend(children)
    return bottom


def fill_ratios(document: Any) -> list[float]:
    """For each page, how far down its content reaches, as a share of the page's content area
    (0.0 empty, 1.0 full): a report test keeps every page but the last above a quarter."""
    ratios = []
    for page in document.pages:
        box = page._page_box
        top = float(box.content_box_y())
        height = float(box.height)
        ratios.append(round(max(_content_bottom(box) - top, 0.0) / height, 3) if height else 0.0)
    return ratios
