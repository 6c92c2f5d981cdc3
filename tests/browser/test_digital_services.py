"""Digital services in the browser: every page of the area with axe-core as staff, a steward and an
anonymous citizen in fi and sv, and the guidance chat by keyboard with and without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db(transaction=True)

STAFF_PAGES = [
    "index",
    "service-list",
    "rollout-list",
    "matrix",
    "figure-list",
    "indicators",
    "inclusion",
    "path-list",
    "pilot-list",
    "intent-list",
    "contact-list",
    "chat-stats",
    "counselling",
    "requirement-list",
    "report",
    "chat",
    "service-create",
    "rollout-create",
    "pilot-create",
]


def _urls(lang: str, names: list[str]) -> list[str]:
    with translation.override(lang):
        return [reverse(f"digital_services:{name}") for name in names]


def _detail_urls(lang: str) -> list[str]:
    from digital_services import models

    with translation.override(lang):
        return [
            models.DigitalService.objects.get(code="omaolo").get_absolute_url(),
            models.Rollout.objects.first().get_absolute_url(),
            models.MonthlyFigure.objects.first().get_absolute_url(),
            models.ServicePath.objects.first().get_absolute_url(),
            models.Pilot.objects.first().get_absolute_url(),
            models.CounsellingSegment.objects.first().get_absolute_url(),
        ]


@pytest.fixture
def ds_browser_data(transactional_db):
    from digital_services.demo import seed_digital_services_demo
    from portal.demo import seed_demo

    seed_demo()
    seed_digital_services_demo()


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("persona", ["staff", "steward-kuopio", "anonymous"])
def test_digital_services_pages_pass_axe(live_server, ds_browser_data, page, sign_in, audit, persona, lang):
    page.set_default_timeout(60_000)  # a shared two-core machine: the first request can be slow
    if persona != "anonymous":
        sign_in(page, live_server.url, persona, lang)
        urls = _urls(lang, STAFF_PAGES) + _detail_urls(lang)
        if persona == "steward-kuopio":  # the steward's own month in the edit form, and the upload page
            from digital_services.models import MonthlyFigure

            with translation.override(lang):
                own = MonthlyFigure.objects.filter(organisation__code="297").first()
                urls += [
                    reverse("digital_services:figure-edit", args=[own.pk]),
                    reverse("digital_services:figure-upload"),
                ]
    else:
        urls = _urls(lang, ["index", "service-list", "chat"]) + _detail_urls(lang)[:1]
    problems = []
    for url in urls:
        response = page.goto(live_server.url + url)
        if persona == "steward-kuopio" and response.status == 403:
            continue
        assert response.status == 200, (url, response.status)
        problems.extend(audit(page))
    assert problems == [], audit.report(problems)


def test_chat_by_keyboard_with_javascript(live_server, ds_browser_data, page, audit):
    page.set_default_timeout(60_000)
    page.goto(live_server.url + "/fi/digital-services/chat/")
    assert "ei ole ihminen" in page.content()
    page.focus("#id_message")
    page.keyboard.type("haluan kuolla")
    page.keyboard.press("Enter")
    page.wait_for_selector("#chat-log li.chat-level-3")
    log = page.inner_text("#chat-log")
    assert "112" in log and "09 2525 0111" in log
    assert page.url.endswith("/fi/digital-services/chat/")  # updated in place, no navigation
    assert page.evaluate("document.activeElement.id") == "id_message"
    assert audit(page) == []
    page.screenshot(path="var/digital-chat.png", full_page=True)


def test_chat_without_javascript(live_server, ds_browser_data, browser, audit):
    """The form round-trip: chat.js is blocked (axe itself needs JavaScript, so the page keeps it)."""
    context = browser.new_context(locale="sv-SE")
    context.route("**/chat.js", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(live_server.url + "/sv/digital-services/chat/")
    page.fill("#id_message", "jag har ångest")
    with page.expect_navigation():
        page.press("#id_message", "Enter")
    text = page.inner_text("#chat-log")
    assert "Omaolo" in text and "Sekasin" in text
    assert page.input_value("input[name=unmatched]") == "0"
    assert audit(page) == []
    context.close()
