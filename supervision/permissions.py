"""Who reaches what in supervision.

How a supervisor is tied to an organiser: a ``SupervisorAssignment`` row (user -> organiser
Organisation, with validity dates) made by an administrator. We chose an explicit, time-valid row
over a guardian object grant because assignments end (a supervisor moves on) and because the
grant itself is then in the change log like any other supervision record. A user needs BOTH the
``supervisor`` role and a valid assignment: the role says what the person does, the assignment
says for whom.

- readers of non-confidential supervision data (units, contracts, staffing, visits): administrators,
  programme staff, decision-makers and supervisors; a producer's account (``ProducerAccount``) reads
  only its own producer's units and their data.
- client deviation reports are confidential: only supervisors assigned to the unit's organiser see
  them, not even administrators (an administrator who must read them assigns themselves, which is
  logged); every read is written to the access log by the views.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal import roles
from portal.models.base import validity_q


def _today() -> dt.date:
    return timezone.localdate()


def supervised_organiser_ids(user) -> set[int]:
    """Organisations (organisers) the user supervises today: supervisor role + a valid assignment."""
    if not roles.is_signed_in(user) or not roles.has_role(user, roles.SUPERVISOR):
        return set()
    cached = getattr(user, "_supervision_organiser_cache", None)
    if cached is None:
        from supervision.models import SupervisorAssignment

        today = _today()
        cached = set(
            SupervisorAssignment.objects.filter(user=user)
            .filter(validity_q(today))
            .values_list("organiser_id", flat=True)
        )
        user._supervision_organiser_cache = cached
    return cached


def producer_ids(user) -> set[int]:
    """Producers whose account the user holds."""
    if not roles.is_signed_in(user):
        return set()
    cached = getattr(user, "_supervision_producer_cache", None)
    if cached is None:
        from supervision.models import ProducerAccount

        cached = set(ProducerAccount.objects.filter(user=user).values_list("producer_id", flat=True))
        user._supervision_producer_cache = cached
    return cached


def reads_all(user) -> bool:
    """Roles that read all non-confidential supervision data."""
    return (
        roles.is_administrator(user)
        or roles.is_programme_staff(user)
        or roles.is_decision_maker(user)
        or roles.has_role(user, roles.SUPERVISOR)
    )


def is_supervising(user) -> bool:
    return bool(supervised_organiser_ids(user))


def can_maintain_registers(user) -> bool:
    """Administrators and assigned supervisors maintain producers, thresholds and code lists."""
    return roles.is_administrator(user) or is_supervising(user)
