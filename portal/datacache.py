"""Pages served from the cache until their data change (issue 17 point 4).

A **data domain** ("knowledge", "organisations", ...) has a version in the shared cache (Redis in
production, ``CACHE_URL``; so every gunicorn worker and the Celery workers see the same one). The
version changes after every committed write of the domain's data:

- ``track(domain, *models)`` connects ``post_save``/``post_delete``/``m2m_changed`` of the models
  (admin, services, any ``.save()``); an app calls it in its ``AppConfig.ready()``;
- ``changed(domain)`` is called by a verb that writes in bulk (``bulk_create``/``bulk_update``/
  queryset ``delete`` send no signals), e.g. ``knowledge_mgmt.services.store_values``, through
  which every import, publication, manual entry and computation job writes its values.

Both act on commit, so no request can read the new version before it can read the new data; a
rolled-back write (an import's dry run) changes nothing. A version is a random token, never a
counter: a version lost from the cache (eviction, restart) comes back as a value no stored page
was ever keyed by.

``cache_page(*domains)`` caches a view's rendered page under (path with query, language, today,
the domains' versions). It is shared by every reader, so it only ever holds what an anonymous
reader is shown, and it is used neither for nor by anyone signed in; a page with flash messages
pending is neither served from nor put into the cache; the CSRF token of the page's forms (the
language switcher) is cut out before storing and the reader's own token put back on each hit.
Requests inside a transaction (the test suite's, or a view under ``atomic``) bypass it: what they
read may never be committed. Only 200 HTML responses are stored, for ``PORTAL_PAGE_CACHE_SECONDS``
(default 15 minutes) at most, so the cache holds a bounded number of keys per page.
"""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "datacache:version:{}"
PAGE_KEY = "datacache:page:{}"
VALUE_KEY = "datacache:value:{}"
CSRF_PLACEHOLDER = "__portal_datacache_csrf__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
_STORED_HEADERS = ("Content-Type", "Content-Language")

_tracked: dict[str, set[str]] = {}
T = TypeVar("T")


def version(domain: str) -> str:
    """The domain's current version (created on first use)."""
    key = VERSION_KEY.format(domain)
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        value = cache.get(key) or ""
    return str(value)


def versions(domains: Iterable[str]) -> str:
    keys = {domain: VERSION_KEY.format(domain) for domain in domains}
    found = cache.get_many(list(keys.values()))
    return ",".join(f"{d}={found.get(k) or version(d)}" for d, k in sorted(keys.items()))


def _bump_now(domains: tuple[str, ...]) -> None:
    cache.set_many({VERSION_KEY.format(d): uuid.uuid4().hex for d in domains}, timeout=None)


def changed(*domains: str, using: str | None = None) -> None:
    """The domains' data changed in the current transaction: new versions once it commits
    (at once outside a transaction)."""
    transaction.on_commit(functools.partial(_bump_now, tuple(domains)), using=using)


def track(domain: str, *models) -> None:
    """Give ``domain`` a new version after every committed save or delete of these models."""
    for model in models:
        label = model._meta.label
        _tracked.setdefault(domain, set()).add(label)

        def receiver(sender, using=None, _domain=domain, **kwargs):
            changed(_domain, using=using)

        uid = f"datacache:{domain}:{label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(receiver, sender=through, weak=False, dispatch_uid=uid + f":m2m:{field.name}")


def tracked() -> dict[str, set[str]]:
    """Domain -> model labels (for the tests and the docs)."""
    return {domain: set(labels) for domain, labels in _tracked.items()}


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or connection.in_atomic_block:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    return len(get_messages(request)) == 0  # counting does not consume the messages


def page_key(request: HttpRequest, domains: Iterable[str]) -> str:
    parts = [
        request.get_full_path(),
        get_language() or "",
        timezone.localdate().isoformat(),  # the portal's day (Europe/Helsinki), not the server's
        versions(domains),
    ]
    return PAGE_KEY.format(hashlib.sha256("\n".join(parts).encode()).hexdigest())


def _from_cache(request: HttpRequest, stored: dict) -> HttpResponse:
    content = stored["content"]
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(content, status=200)
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _keep_seconds() -> int:
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 15 * 60)


def _store(key: str, response: HttpResponse) -> None:
    content = _CSRF_INPUT.sub(rb"\g<1>" + CSRF_PLACEHOLDER.encode() + rb"\g<2>", response.content)
    headers = {name: response[name] for name in _STORED_HEADERS if response.has_header(name)}
    cache.set(key, {"content": content, "headers": headers}, timeout=_keep_seconds())


def cached_value(domains: Iterable[str], basis: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the shared cache under the domains' versions and ``basis`` (what
    else the value depends on, e.g. a query's SQL): the next call after a committed write of a
    domain computes it again. As for pages, a call inside a transaction computes it every time,
    and a value is kept at most ``PORTAL_PAGE_CACHE_SECONDS``. Only for values that are the same
    for everyone who asks with the same ``basis`` (``None`` is never kept)."""
    if connection.in_atomic_block:
        return compute()
    key = VALUE_KEY.format(hashlib.sha256(f"{versions(domains)}\n{basis}".encode()).hexdigest())  # versions first
    found = cache.get(key)
    if found is not None:
        return found
    value = compute()
    if value is not None:
        cache.set(key, value, timeout=_keep_seconds())
    return value


def cache_page(*domains: str) -> Callable:
    """Decorate a view (function, or ``method_decorator(..., name="get")``) whose anonymous
    rendering depends only on the request's path and query, the language and these domains."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = page_key(request, domains)  # the versions are read before the data
            stored = cache.get(key)
            if stored is not None:
                return _from_cache(request, stored)
            response = view(request, *args, **kwargs)
            if getattr(response, "is_rendered", True) is False:
                response.render()
            if (
                response.status_code == 200
                and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")
                and not response.cookies
            ):
                _store(key, response)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapped

    return decorator
