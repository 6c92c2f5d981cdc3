"""Lock-out after repeated failed sign-ins, counted in the shared Django cache.

With ``CACHE_URL`` set the cache is Redis, so every web process (and the admin and the token
endpoint, which all authenticate through ``portal.identity.backends``) counts against the same
numbers; ``cache.add`` + ``cache.incr`` are atomic there. A counter lives for the window from the
first failure: after ``LOGIN_FAILURE_LIMIT`` failures for one user name within the window, the next
attempt is refused even with the right password, until the window has passed. The IP address has
its own, higher limit (one machine guessing many user names). A success resets the user name's count.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
    return f"portal:authfail:{kind}:{digest}"


def _keys(username: str, ip: str | None) -> list[tuple[str, int]]:
    keys = [(_key("user", (username or "").strip().lower()), settings.LOGIN_FAILURE_LIMIT)]
    if ip:
        keys.append((_key("ip", ip), settings.LOGIN_FAILURE_LIMIT_PER_IP))
    return keys


def is_locked(username: str, ip: str | None) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(username, ip))


def register_failure(username: str, ip: str | None) -> int:
    """Count one failure; returns the user name's count within the window."""
    counts = []
    for key, _limit in _keys(username, ip):
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        try:
            counts.append(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
            counts.append(1)
    return counts[0]


def reset(username: str) -> None:
    cache.delete(_key("user", (username or "").strip().lower()))


def client_ip(request) -> str | None:
    if request is None:
        return None
    meta = getattr(request, "META", {})
    if settings.USE_X_FORWARDED_FOR:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return meta.get("REMOTE_ADDR") or None
