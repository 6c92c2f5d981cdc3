"""The main navigation (issue 16 point 6): one line at 1 280 px, a menu button on a phone, usable by
keyboard and announced to screen readers (``aria-expanded``), in Finnish and Swedish.

The administrator sees the most entries (every area and the "Programme" group), so the widths are
checked with that account; the anonymous visitor checks the narrow layout without a login.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.browser

# Geometry of the navigation, read in one round trip.
NAV_GEOMETRY_JS = """() => {
  const nav = document.querySelector("nav.main-nav");
  const list = document.getElementById("main-nav-list");
  const button = nav.querySelector(".nav-toggle");
  const items = Array.from(list.children).filter(li => li.offsetParent !== null);
  const tops = items.map(li => Math.round(li.getBoundingClientRect().top));
  const rights = items.map(li => Math.round(li.getBoundingClientRect().right));
  return {
    navHeight: Math.round(nav.getBoundingClientRect().height),
    listVisible: list.offsetParent !== null,
    buttonVisible: button.offsetParent !== null,
    expanded: button.getAttribute("aria-expanded"),
    controls: button.getAttribute("aria-controls"),
    items: items.length,
    distinctTops: new Set(tops).size,
    maxRight: Math.max(0, ...rights),
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    // What sticks out on the right, to name it when the page scrolls sideways.
    wide: Array.from(document.querySelectorAll("body *"))
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`),
  };
}"""


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_navigation_fits_on_one_line_at_1280_px(live_server, demo_data, browser, sign_in, lang):
    context = browser.new_context(locale=f"{lang}-FI", viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        sign_in(page, live_server.url, "admin", lang)
        page.goto(f"{live_server.url}/{lang}/")
        geometry = page.evaluate(NAV_GEOMETRY_JS)
        # Home, seven areas and the "Programme" group.
        assert geometry["items"] >= 9, geometry
        assert geometry["buttonVisible"] is False, geometry
        assert geometry["distinctTops"] == 1, f"the navigation wraps onto {geometry['distinctTops']} lines: {geometry}"
        assert geometry["maxRight"] <= 1280 and geometry["scrollWidth"] <= 1280, geometry
        assert geometry["navHeight"] <= 60, geometry
        # The "Programme" group opens from the keyboard and its links are reachable.
        summary = page.locator("nav.main-nav .nav-group summary")
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator("nav.main-nav .nav-group details").evaluate("d => d.open") is True
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.closest('.nav-group') !== null")
        assert focused, "Tab from the open group's summary does not reach its first link"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_navigation_collapses_to_a_menu_button_on_a_phone(live_server, demo_data, browser, lang):
    context = browser.new_context(locale=f"{lang}-FI", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/{lang}/")
        closed = page.evaluate(NAV_GEOMETRY_JS)
        assert closed["buttonVisible"] is True and closed["listVisible"] is False, closed
        assert closed["expanded"] == "false" and closed["controls"] == "main-nav-list", closed
        # Closed, the navigation takes a small part of the first screen.
        assert closed["navHeight"] <= 844 * 0.1, closed
        assert closed["scrollWidth"] <= 390, f"the page scrolls sideways on a phone: {closed}"

        # Keyboard: Tab reaches the button, Enter opens the menu, the next Tab reaches its first link.
        button = page.locator("nav.main-nav .nav-toggle")
        button.focus()
        page.keyboard.press("Enter")
        opened = page.evaluate(NAV_GEOMETRY_JS)
        assert opened["expanded"] == "true" and opened["listVisible"] is True, opened
        assert opened["items"] >= 2, opened
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        assert href == f"/{lang}/", f"first link after the menu button is {href!r}"

        # Escape closes it and gives the focus back to the button; Space opens it again.
        page.keyboard.press("Escape")
        after_escape = page.evaluate(NAV_GEOMETRY_JS)
        assert after_escape["expanded"] == "false" and after_escape["listVisible"] is False, after_escape
        assert page.evaluate("() => document.activeElement.classList.contains('nav-toggle')")
        page.keyboard.press("Space")
        assert page.evaluate(NAV_GEOMETRY_JS)["expanded"] == "true"
        # The button's name is a word, in the page's language.
        label = button.inner_text().strip()
        assert label == {"fi": "Valikko", "sv": "Meny"}[lang], label
    finally:
        context.close()


def test_navigation_shows_every_link_without_javascript(live_server, demo_data, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/fi/")
        geometry = page.evaluate(NAV_GEOMETRY_JS)
        assert geometry["listVisible"] is True and geometry["buttonVisible"] is False, geometry
    finally:
        context.close()


def test_area_pages_do_not_scroll_sideways_on_a_phone(live_server, demo_data, browser, sign_in, audit):
    """Every page of the navigation, and a municipality page, as the decision-maker reads them on a
    phone: wide tables scroll in their own box (tables.js), never the whole page, and axe finds
    nothing at this width either (the crawl checks 1 280 px)."""
    context = browser.new_context(locale="fi-FI", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        sign_in(page, live_server.url, "decision", "fi")
        page.goto(f"{live_server.url}/fi/")
        paths = page.evaluate(
            "() => Array.from(document.querySelectorAll('#main-nav-list a[href]'), a => a.getAttribute('href'))"
        )
        with translation.override("fi"):
            paths.append(reverse("knowledge_mgmt:municipality", args=["297"]))
        assert len(paths) >= 9, paths
        sideways = {}
        problems = []
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, (path, response and response.status)
            geometry = page.evaluate(NAV_GEOMETRY_JS)
            if geometry["scrollWidth"] > 390:
                sideways[path] = (geometry["scrollWidth"], geometry["wide"])
            # A table box that scrolls can be reached and scrolled by keyboard.
            unreachable = page.evaluate(
                "() => Array.from(document.querySelectorAll('.table-scroll'))"
                ".filter(b => b.scrollWidth > b.clientWidth && b.getAttribute('tabindex') !== '0').length"
            )
            assert unreachable == 0, f"{path}: {unreachable} scrolling table boxes without tabindex"
            problems.extend(audit(page))
        assert sideways == {}, sideways
        assert problems == [], audit.report(problems)
    finally:
        context.close()
