"""The README's "what to try" tour, role by role: one screenshot of the first screen (1 280 x 800) per
demo role and language, kept under ``var/demo-tour/`` (``DEMO_TOUR_DIR`` overrides it; CI keeps that
folder as its artefact). Each tour page must answer 200 as that role, show its heading within the first
screen and pass axe-core; the picture must be a real render, not a blank page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal.demo import DEMO_USERS

from .conftest import CSP_LISTENER_JS, TIMEOUT_MS

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
# The first page of each role's tour in the README (paths after /<lang>/).
TOUR = {
    "anonymous": "",
    "decision": "knowledge-mgmt/municipalities/297/",
    "staff": "measures/",
    "steward-kuopio": "integration/",
    "steward-iisalmi": "information-systems/?owner=140",
    "supervisor": "supervision/compliance/",
    "producer": "supervision/",
    "professional": "ot-centre/",
    "ot-coordinator": "ot-centre/",
    "expert": "ot-centre/",
    "expert2": "ot-centre/",
    "archivist": "archiving/",
    "admin": "information-systems/",
}


def tour_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "var" / "demo-tour"
    return Path(os.environ.get("DEMO_TOUR_DIR", default))


def png_summary(path: Path) -> tuple[int, int, int]:
    """(width, height, number of distinct colours) of a screenshot (Pillow comes with WeasyPrint)."""
    from PIL import Image

    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
        return image.width, image.height, len(colours)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_demo_tour_screenshots(live_server, demo_data, browser, sign_in, audit, lang):
    assert set(TOUR) == {"anonymous", "producer", *DEMO_USERS}, "every demo role has a tour page"
    folder = tour_dir()
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for role, path in TOUR.items():
        context = browser.new_context(locale=f"{lang}-FI", viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(CSP_LISTENER_JS)
        page = context.new_page()
        try:
            if role != "anonymous":
                sign_in(page, live_server.url, role, lang)
            response = page.goto(f"{live_server.url}/{lang}/{path}")
            if response.status != 200:
                problems.append(f"{role} /{lang}/{path}: answered {response.status}")
                continue
            heading = page.locator("main h1").first
            box = heading.bounding_box()
            if box is None or box["y"] + box["height"] > VIEWPORT["height"]:
                problems.append(f"{role} /{lang}/{path}: the page heading is not on the first screen ({box})")
            problems.extend(f"{role} {problem}" for problem in audit(page))
            shot = folder / f"{role}-{lang}.png"
            page.screenshot(path=str(shot))
            width, height, colours = png_summary(shot)
            if (width, height) != (VIEWPORT["width"], VIEWPORT["height"]) or colours < 20:
                problems.append(f"{role} {shot.name}: {width}x{height} with {colours} colours, not a rendered page")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
    assert len(list(folder.glob(f"*-{lang}.png"))) >= len(TOUR)
