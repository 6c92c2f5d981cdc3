"""A tiny registry of published data providers, so that domain apps meet without importing each other.

A producer app registers a plain function in its ``AppConfig.ready()``::

    providers.register("digital_services.inclusion_indicators", selectors.inclusion_indicators)

and a consumer asks for it by name (``providers.get(name)``), getting ``None`` when the producer is not
installed. The arrows stay one-way (DESIGN.md): both sides import ``portal`` only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_providers: dict[str, Callable[..., Any]] = {}


def register(name: str, func: Callable[..., Any]) -> None:
    """Publish ``func`` under ``name``; registering the same function again is harmless."""
    current = _providers.get(name)
    if current is not None and current is not func:
        raise ValueError(f"provider {name!r} is already registered by {current.__module__}")
    _providers[name] = func


def get(name: str) -> Callable[..., Any] | None:
    """The function published under ``name``, or ``None``."""
    return _providers.get(name)


def names() -> list[str]:
    return sorted(_providers)
