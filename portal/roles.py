"""The portal's roles. Groups carry roles; django-guardian carries per-organisation grants.

- programme staff (``programme_staff``): edit programme content (measures, data models, ...)
- organisation data stewards (``data_steward``): edit the data of the organisations they are
  granted with the object permission ``portal.steward_organisation``
- decision-makers (``decision_maker``): read dashboards and reports
- experts (``expert``): the OT-centre expert network
- OT-centre coordinators (``ot_coordinator``): triage and assign consultation requests
- professionals (``professional``): request consultations and access to archived data
- archivists (``archivist``): approve archiving plans, destruction lists and archive access
- administrators (``administrator`` or a superuser): everything
"""

from __future__ import annotations

from django.contrib.auth.models import Group

PROGRAMME_STAFF = "programme_staff"
DATA_STEWARD = "data_steward"
DECISION_MAKER = "decision_maker"
EXPERT = "expert"
ADMINISTRATOR = "administrator"
SUPERVISOR = "supervisor"
OT_COORDINATOR = "ot_coordinator"
PROFESSIONAL = "professional"
ARCHIVIST = "archivist"

ALL_ROLES = (
    PROGRAMME_STAFF,
    DATA_STEWARD,
    DECISION_MAKER,
    EXPERT,
    SUPERVISOR,
    OT_COORDINATOR,
    PROFESSIONAL,
    ARCHIVIST,
    ADMINISTRATOR,
)
STEWARD_PERMISSION = "portal.steward_organisation"


def _groups(user) -> set[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_portal_role_cache", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._portal_role_cache = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in _groups(user)


def is_administrator(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or has_role(user, ADMINISTRATOR)


def is_programme_staff(user) -> bool:
    return has_role(user, PROGRAMME_STAFF)


def is_decision_maker(user) -> bool:
    return has_role(user, DECISION_MAKER)


def is_signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_programme_editor(user) -> bool:
    """Programme staff or an administrator: the people who edit programme-wide content."""
    return is_programme_staff(user) or is_administrator(user)


def is_steward_of(user, organisation) -> bool:
    """Whether ``user`` may act for ``organisation``'s data: its steward, or an administrator."""
    return is_administrator(user) or (organisation is not None and organisation.pk in stewarded_organisation_ids(user))


def ensure_groups() -> list[Group]:
    """Create the role groups (idempotent)."""
    return [Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES]


def stewarded_organisation_ids(user) -> set[int]:
    """Ids of the organisations the user is a data steward of (guardian object grants)."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_portal_steward_cache", None)
    if cached is None:
        from guardian.shortcuts import get_objects_for_user

        from portal.models import Organisation

        cached = set(
            get_objects_for_user(
                user, STEWARD_PERMISSION, klass=Organisation, accept_global_perms=False, with_superuser=False
            ).values_list("pk", flat=True)
        )
        user._portal_steward_cache = cached
    return cached
