"""Verbs of identity: sign-in trail, API tokens, the claim mapping of single sign-on."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from portal import audit, roles
from portal.identity import throttle
from portal.identity.choices import TokenScope
from portal.identity.models import ApiToken, AuthEvent, ClaimMapping, ExternalIdentity
from portal.types import Actor, acting_user

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32


class TokenError(Exception):
    """A token request that cannot be met (bad name, expiry out of range, not allowed)."""


# --- sign-in trail ------------------------------------------------------------------------------


def record_event(kind: str, *, request=None, username: str = "", user=None, detail: str = "") -> AuthEvent:
    """Write one row of the sign-in trail. Never raises into the sign-in path for a bad IP value."""
    ctx = audit.current_context()
    source = audit.source_for_path(request.path) if request is not None and hasattr(request, "path") else ctx.source
    ip = throttle.client_ip(request)
    return AuthEvent.objects.create(
        kind=kind,
        username=(username or "")[:150],
        user=user if user is not None and getattr(user, "pk", None) else None,
        source=source,
        ip_address=ip if ip and _valid_ip(ip) else None,
        request_id=getattr(request, "request_id", "") or ctx.request_id,
        detail=detail[:300],
    )


def _valid_ip(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


# --- API tokens ---------------------------------------------------------------------------------


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue_token(
    *, user, name: str, scope: str = TokenScope.READ_INDICATORS, days: int | None = None, actor: Actor
) -> tuple[ApiToken, str]:
    """Create a token for ``user`` and return it with its key. The key is not stored (only its
    hash), so this is the only moment it can be shown."""
    if actor != user and not roles.is_administrator(actor):
        raise TokenError("Only the owner or an administrator can create a token.")
    name = (name or "").strip()
    if not name:
        raise TokenError("A token needs a name.")
    if scope not in TokenScope.values:
        raise TokenError(f"Unknown scope {scope!r}.")
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else int(days)
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise TokenError(f"The expiry must be 1 to {settings.API_TOKEN_MAX_DAYS} days.")
    key = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=key[:8],
            key_hash=hash_key(key),
            scope=scope,
            expires_at=now + dt.timedelta(days=days),
        )
    return token, key


def revoke_token(token: ApiToken, *, actor: Actor) -> ApiToken:
    """Revoke a token (the owner or an administrator). Revoking twice changes nothing."""
    if not ApiToken.objects.editable_by(actor).filter(pk=token.pk).exists():
        raise PermissionError("not allowed")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.revoked_by = acting_user(actor)
            token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def find_token(key: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()


def touch_token(token: ApiToken) -> None:
    """Record use, at most once a minute per token (a busy script would otherwise write on every call)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# --- single sign-on: claims -> roles and steward grants ------------------------------------------


def _claim_values(claims: dict, name: str) -> set[str]:
    value = claims.get(name)
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value}
    return {str(value)}


def apply_claim_mapping(user, claims: dict) -> dict:
    """Make the user's roles and steward grants exactly what the active mapping rules give for
    these claims. Roles and grants that no rule gives are removed, so the provider stays the one
    source: a group removed there is a role removed here. A rule naming a role the portal does not
    have is skipped and logged (never creates a group). Administrator rights given by hand to a
    break-glass account are not touched because such an account never signs in through SSO."""
    from portal import services as core_services
    from portal.models import Organisation

    wanted_roles: set[str] = set()
    wanted_orgs: set[int] = set()
    unknown: list[str] = []
    for rule in ClaimMapping.objects.filter(active=True).select_related("steward_organisation"):
        if rule.value not in _claim_values(claims, rule.claim):
            continue
        if rule.role:
            if rule.role in roles.ALL_ROLES:
                wanted_roles.add(rule.role)
            else:
                unknown.append(rule.role)
        if rule.steward_organisation_id:
            wanted_orgs.add(rule.steward_organisation_id)
    if wanted_orgs:
        wanted_roles.add(roles.DATA_STEWARD)
    for role in unknown:
        logger.warning("Claim mapping names an unknown role %r; skipped.", role)

    with transaction.atomic():
        current = set(user.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True))
        for name in sorted(wanted_roles - current):
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        removed = current - wanted_roles
        if removed:
            user.groups.remove(*Group.objects.filter(name__in=removed))
        held = roles.stewarded_organisation_ids(user)
        for org in Organisation.objects.filter(pk__in=wanted_orgs - held):
            core_services.grant_steward(user, org)
        for org in Organisation.objects.filter(pk__in=held - wanted_orgs):
            core_services.revoke_steward(user, org)
        for attr in ("_portal_role_cache", "_portal_steward_cache"):
            if hasattr(user, attr):
                delattr(user, attr)
    return {"roles": sorted(wanted_roles), "organisations": sorted(wanted_orgs), "unknown_roles": unknown}


def link_identity(user, *, issuer: str, subject: str, claims: dict) -> ExternalIdentity:
    identity, _created = ExternalIdentity.objects.update_or_create(
        issuer=issuer,
        subject=subject,
        defaults={"user": user, "last_claims": _safe_claims(claims), "last_login_at": timezone.now()},
    )
    return identity


def _safe_claims(claims: dict) -> dict:
    """Keep only the claims the mapping uses and the names; never tokens."""
    keep = set(ClaimMapping.objects.values_list("claim", flat=True)) | {"sub", "email", "name", "groups"}
    return {k: v for k, v in claims.items() if k in keep}
