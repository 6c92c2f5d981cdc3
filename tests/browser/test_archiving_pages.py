"""The archiving area's pages (issue 12) pass axe-core as the roles that use them, in fi and sv:
a crawl of every /<lang>/archiving/ page linked from the area's overview (two clicks deep)."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SKIPPED = ("export", "download", "/data/")


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("persona", ["archivist", "steward-kuopio", "professional", "staff", "decision"])
def test_archiving_pages_pass_axe(live_server, demo_data, page, sign_in, audit, persona, lang):
    sign_in(page, live_server.url, persona, lang)
    start = f"/{lang}/archiving/"
    queue, seen, problems = deque([(start, 0)]), set(), []
    while queue:
        path, depth = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(live_server.url + path)
        if response.status not in (200,):
            problems.append(f"{path}: {response.status}")
            continue
        report = audit.inspect(page)
        problems.extend(str(p) for p in report.problems)
        if path == f"/{lang}/archiving/dashboard/" and lang == "fi" and persona == "decision":
            shot = Path(__file__).resolve().parents[2] / "var" / "archiving-dashboard.png"
            shot.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(shot), full_page=True)
        if depth < 2:
            for href in report.links:
                parts = urlsplit(href)
                if parts.path.startswith(start) and not parts.query and not any(s in parts.path for s in SKIPPED):
                    queue.append((parts.path, depth + 1))
    assert len(seen) > 5
    assert problems == [], "\n".join(problems)
