"""Every page reachable from the navigation passes axe-core, as anonymous and as each demo role, in fi and sv.

The crawl starts at /<lang>/, follows the links of the main navigation and then the internal links of
the pages found, up to ``MAX_DEPTH`` clicks from the navigation. It stays bounded by visiting each
Django URL pattern once per persona and language (``/fi/organisations/297/`` and
``/fi/organisations/140/`` are the same page template). Each visited page must answer 200 (anonymous
users may instead be sent to the login form), have exactly one h1 and one <main>, and axe-core must
report zero violations. All problems are collected and reported together.
"""

from __future__ import annotations

import functools
import os
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from portal import roles
from portal.context_processors import AREAS
from portal.demo import DEMO_USERS
from portal.models import Organisation

from .conftest import TIMEOUT_MS, Problem

pytestmark = pytest.mark.browser

LANGUAGES = ("fi", "sv")
PERSONAS = ("anonymous", *DEMO_USERS)
# The navigation is depth 1; the pages linked from those pages are depth 2, and so on.
MAX_DEPTH = int(os.environ.get("BROWSER_CRAWL_DEPTH", "3"))
SKIPPED_PARTS = ("/admin/", "/api/", "logout", "download", "export")
FILE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{2,5}$")
NAV_LINKS = "header nav.main-nav[aria-label] a[href]"
NAVIGATION_URL_NAMES = [
    "portal:home",
    *(url_name for _app, url_name, _label in AREAS),
    "portal:measure-list",
    "portal:organisation-list",
    "portal:datamodel-list",
]


@functools.lru_cache(maxsize=4096)
def pattern_key(path: str, lang: str) -> tuple[str, str]:
    """The URL pattern a path resolves to: pages of one pattern share a template and count once."""
    with translation.override(lang):
        try:
            match = resolve(path)
        except Resolver404:
            return ("unresolved", path)
    return (match.view_name, match.route)


def followable(href: str, netloc: str, lang: str) -> str | None:
    """The path of an internal page link to follow, or None (other host or language, files, queries...)."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or parts.netloc != netloc or parts.query:
        return None
    path = parts.path
    if not path.startswith(f"/{lang}/") or FILE_SUFFIX.search(path):
        return None
    if any(part in path for part in SKIPPED_PARTS):
        return None
    return path


def seeds_for(persona: str, lang: str) -> list[str]:
    """Extra starting pages: a login form for anonymous, a steward's own organisations (their edit links)."""
    with translation.override(lang):
        if persona == "anonymous":
            return [reverse("login")]
        user = get_user_model().objects.get(username=persona)
        codes = Organisation.objects.filter(pk__in=roles.stewarded_organisation_ids(user)).values_list(
            "code", flat=True
        )
        return [reverse("portal:organisation-detail", args=[code]) for code in sorted(codes)]


def crawl(
    page, base_url: str, lang: str, *, anonymous: bool, audit, seeds: list[str]
) -> tuple[list[str], list[Problem]]:
    """Breadth-first from /<lang>/: its navigation links are depth 1; returns (visited paths, problems)."""
    netloc = urlsplit(base_url).netloc
    login_path = f"/{lang}/accounts/login/"
    queue: deque[tuple[str, int]] = deque([(f"/{lang}/", 0), *((seed, 1) for seed in seeds)])
    seen: set[tuple[str, str]] = set()
    visited: list[str] = []
    problems: list[Problem] = []
    while queue:
        path, depth = queue.popleft()
        key = pattern_key(path, lang)
        if key in seen:
            continue
        seen.add(key)
        response = page.goto(base_url + path)
        visited.append(path)
        final_path = urlsplit(page.url).path
        if anonymous and final_path == login_path and path != login_path:
            continue  # a page for signed-in users: the login form itself is checked as a seed
        status = response.status if response else None
        if status != 200:
            problems.append(Problem(path, "status", f"answered {status} (ended at {final_path})"))
            continue
        if not (response.header_value("content-type") or "").startswith("text/html"):
            continue  # a feed or a file behind a page-like URL: not a page to check or crawl
        result = audit.inspect(page)
        problems.extend(result.problems)
        if depth == 0 and not result.nav_links:
            problems.append(Problem(path, "structure", "no main navigation (header nav[aria-label]) found"))
        if depth >= MAX_DEPTH:
            continue
        for href in result.nav_links if depth == 0 else result.links:
            target = followable(href, netloc, lang)
            if target is not None and pattern_key(target, lang) not in seen:
                queue.append((target, depth + 1))
    return visited, problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reachable_page_passes_axe(live_server, demo_data, browser, sign_in, audit, lang):
    """Every persona in turn, each in its own browser context (its own cookies), over one demo seed:
    seeding every area's demo content is the slow part, so it is done once per language."""
    failures: list[str] = []
    with translation.override(lang):
        navigation = [reverse(name) for name in NAVIGATION_URL_NAMES]
    for persona in PERSONAS:
        context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            anonymous = persona == "anonymous"
            if not anonymous:
                sign_in(page, live_server.url, persona, lang)
            visited, problems = crawl(
                page, live_server.url, lang, anonymous=anonymous, audit=audit, seeds=seeds_for(persona, lang)
            )
        finally:
            context.close()
        print(f"\n{persona} {lang}: {len(visited)} pages, {audit.axe_runs} axe runs so far")
        if os.environ.get("BROWSER_CRAWL_VERBOSE"):
            print("\n".join(visited))
        # The navigation alone reaches home, the seven areas, measures, organisations and data models.
        missing = [path for path in navigation if path not in visited]
        if missing:
            failures.append(f"{persona} / {lang}: navigation pages not reached: {missing}")
        if problems:
            failures.append(f"{persona} / {lang}: " + audit.report(problems))
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
