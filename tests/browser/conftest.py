"""Browser suite: Playwright (sync API) driving Debian Chromium against pytest-django's live server.

One browser for the suite; each test gets its own context (cookies, session), so personas never
share a login. Pages are checked with axe-core (WCAG 2.1 A/AA and best practices) and must report
zero violations.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# Playwright's default of 30 s would hide a hung page for too long on this small machine.
TIMEOUT_MS = 15_000


# Package scope: one browser for the whole browser suite, closed when it ends, so that Playwright's
# event loop does not outlive it into the rest of the test session.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in the test thread; Django would then
    # refuse the ORM calls the tests make from that thread (seeding, assertions), which are plain
    # synchronous code. Allowed only while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def demo_data(transactional_db, tmp_path):
    """What ``make demo`` loads: the accounts (one per role), the reference data and every area's
    demo content, so that the crawl reaches the detail pages too (about a second to build)."""
    from conftest import seed_all_demo_content

    seed_all_demo_content(tmp_path)


# Content-Security-Policy violations of every page are collected before any page script runs
# (an init script runs through the DevTools protocol, which the policy does not govern) and read
# with the page's snapshot: each one is a problem of kind "csp".
CSP_LISTENER_JS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || "?"}:${e.lineNumber}`
  );
});
"""


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.add_init_script(CSP_LISTENER_JS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def _sign_in(page, live_server_url: str, username: str, lang: str = "fi") -> None:
    """Sign in through the real login form."""
    from portal.demo import DEMO_PASSWORD

    page.goto(f"{live_server_url}/{lang}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"signing in as {username} failed (still on {page.url})"


@pytest.fixture
def sign_in():
    """``sign_in(page, live_server.url, username)``: signs a demo user in through the login form."""
    return _sign_in


@dataclass
class Problem:
    url: str
    kind: str  # an axe rule id, or "status", "structure"
    detail: str
    targets: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = "; ".join(self.targets)
        return f"{self.url}\n    {self.kind}: {self.detail}" + (f"\n    at: {where}" if where else "")


# One round trip per page: the document as axe sees it, minus what differs between personas without
# changing the markup's accessibility (CSRF tokens, the signed-in user's name), the structure counts
# and the links to crawl.
SNAPSHOT_JS = """() => {
  const root = document.documentElement.cloneNode(true);
  root.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(e => e.removeAttribute("value"));
  root.querySelectorAll(".login-state span").forEach(e => { e.textContent = ""; });
  const hrefs = selector => Array.from(document.querySelectorAll(selector), a => a.href);
  return {
    html: root.outerHTML,
    h1: document.querySelectorAll("h1").length,
    main: document.querySelectorAll("main").length,
    links: hrefs("a[href]"),
    navLinks: hrefs("header nav.main-nav[aria-label] a[href]"),
    csp: window.__cspViolations || [],
  };
}"""


@dataclass
class PageReport:
    problems: list[Problem]
    links: list[str]
    nav_links: list[str]


class Auditor:
    """``audit(page)``: axe-core violations plus structure problems (one h1, one main) of the open page.

    axe-core is deterministic for a given document, stylesheet and viewport, so the result of an
    identical (normalised) document is reused: many pages look the same to several roles, and the
    suite would otherwise spend most of its time re-checking them.
    """

    def __init__(self, axe):
        self.axe = axe
        self.cache: dict[str, list[tuple[str, str, list[str]]]] = {}
        self.axe_runs = 0

    def __call__(self, page) -> list[Problem]:
        return self.inspect(page).problems

    def inspect(self, page) -> PageReport:
        url = urlsplit(page.url).path
        snapshot = page.evaluate(SNAPSHOT_JS)
        problems = []
        if snapshot["h1"] != 1:
            problems.append(Problem(url, "structure", f"expected exactly one h1, found {snapshot['h1']}"))
        if snapshot["main"] != 1:
            problems.append(Problem(url, "structure", f"expected exactly one <main>, found {snapshot['main']}"))
        problems.extend(Problem(url, "csp", violation) for violation in snapshot.get("csp", []))
        digest = hashlib.sha256(snapshot["html"].encode()).hexdigest()
        if digest not in self.cache:
            self.axe_runs += 1
            results = self.axe.run(page, options=AXE_OPTIONS)
            self.cache[digest] = [
                (v["id"], f"({v['impact']}) {v['help']}", [" ".join(map(str, n["target"])) for n in v["nodes"]])
                for v in results.response["violations"]
            ]
        problems.extend(Problem(url, rule, detail, targets) for rule, detail, targets in self.cache[digest])
        return PageReport(problems, snapshot["links"], snapshot["navLinks"])

    @staticmethod
    def report(problems: list[Problem]) -> str:
        """A readable assertion message: one block per problem (url, rule id, target selectors)."""
        return f"{len(problems)} problem(s):\n" + "\n".join(str(p) for p in problems)


@pytest.fixture(scope="session")
def audit(axe):
    return Auditor(axe)
