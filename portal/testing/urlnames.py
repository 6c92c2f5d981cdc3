"""Which URL names exist, and which ones the running test session has requested."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
ALLOWLIST_FILE = ROOT / "tests" / "url_names_allowlist.json"

# Namespaces that are not ours (Django's admin) are not counted.
IGNORED_NAMESPACES = {"admin"}

REQUESTED: set[str] = set()


def _walk(patterns: list[Any], namespace: str) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in IGNORED_NAMESPACES:
                continue
            inner = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def all_url_names() -> set[str]:
    """Every named URL of the project (portal and every app, UI and API), namespaced."""
    return set(_walk(get_resolver().url_patterns, ""))


def load_allowlist() -> dict[str, str]:
    """``{"url name": "reason"}``: URL names a test may leave unrequested, each with its reason."""
    if not ALLOWLIST_FILE.exists():
        return {}
    return json.loads(ALLOWLIST_FILE.read_text(encoding="utf-8"))


def install_recorder() -> None:
    """Wrap Django's request handler so that every resolved request records its URL name.

    Covers the test client, DRF's APIClient and the live server of the browser suite alike.
    """
    from django.core.handlers.base import BaseHandler

    if getattr(BaseHandler.resolve_request, "_kit_recording", False):
        return
    original = BaseHandler.resolve_request

    def resolve_request(self: BaseHandler, request: Any) -> Any:
        match = original(self, request)
        if match.view_name:
            REQUESTED.add(match.view_name)
        return match

    resolve_request._kit_recording = True  # type: ignore[attr-defined]
    BaseHandler.resolve_request = resolve_request  # type: ignore[method-assign]
