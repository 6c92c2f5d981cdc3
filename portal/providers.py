"""Named functions that one domain app publishes for another, registered at start-up.

Domain apps never import each other (a conventions test checks it). Where two meet, the producer
registers a function here in its ``AppConfig.ready()`` and the consumer asks for it by name:

    integration/apps.py:   providers.register("net_cost_by_package", selectors.net_cost_by_package)
    knowledge_mgmt:        providers.get("net_cost_by_package")(organisation_codes=..., years=...)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_REGISTRY: dict[str, Callable[..., Any]] = {}


class ProviderMissing(LookupError):
    """No app registered the provider (the producing app is not installed)."""


def register(name: str, function: Callable[..., Any]) -> None:
    """Publish ``function`` under ``name`` (the producer's ``AppConfig.ready``; idempotent)."""
    _REGISTRY[name] = function


def get(name: str) -> Callable[..., Any]:
    """The function published under ``name``; ``ProviderMissing`` when no app published it."""
    try:
        return _REGISTRY[name]
    except KeyError as exc:
        raise ProviderMissing(name) from exc


def registered() -> list[str]:
    return sorted(_REGISTRY)
