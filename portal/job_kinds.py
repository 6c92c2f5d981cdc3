"""The registry of job kinds: what each kind is called and who may see it, its messages and result.

Why a registry: a job's messages and output file carry whatever the job touched (a supervision
report's PDF holds counts of confidential deviation reports, a conversion's messages name cost
centres and totals of one organisation). "Has an organisation" is not a permission. So every app
declares, for each kind of job it starts, who may read such a job and who may re-run it, and
whether its result is confidential (every read of it is written to the access log).

Apps register their kinds in ``AppConfig.ready``; the core reads the registry in
``JobQuerySet.visible_to``/``editable_by`` and in every job page, API and download. A kind nobody
registered is visible to its starter and administrators only (safe by default).

A policy is a function ``policy(user) -> Q | None`` returning the condition on ``Job`` rows of that
kind the user may see (``Q()`` = all of the kind, ``None`` = none). The starter of a job always sees
it: the job ran with the starter's rights, so its result holds only what the starter could read.
Lineage shown to other readers goes through the published result (organisation, year, mapping
version, file checksum), never through the raw job or its file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal import roles

Policy = Callable[[object], Q | None]


# --- ready-made policies ---------------------------------------------------------------------------


def nobody(user) -> Q | None:
    """Nobody besides the starter (a personal export)."""
    return None


def administrators(user) -> Q | None:
    return Q() if roles.is_administrator(user) else None


def everyone_signed_in(user) -> Q | None:
    """Public results (a municipality report made of public figures)."""
    return Q() if roles.is_signed_in(user) else None


def programme_staff(user) -> Q | None:
    """Programme staff and administrators (imports into the programme's shared data)."""
    if roles.is_administrator(user) or roles.is_programme_staff(user):
        return Q()
    return None


def organisation_stewards_and_staff(user) -> Q | None:
    """The job's organisation's data stewards, programme staff and administrators."""
    if roles.is_administrator(user) or roles.is_programme_staff(user):
        return Q()
    ids = roles.stewarded_organisation_ids(user)
    return Q(organisation_id__in=ids) if ids else None


def organisation_stewards(user) -> Q | None:
    """The job's organisation's data stewards and administrators (who may re-run a conversion)."""
    if roles.is_administrator(user):
        return Q()
    ids = roles.stewarded_organisation_ids(user)
    return Q(organisation_id__in=ids) if ids else None


# --- the registry ----------------------------------------------------------------------------------


# --- re-run rules: can running the same job again change the outcome? --------------------------------


def rerun_after_outage(job) -> bool:
    """Default: only a failure that was not about the input (an outage, a crash) can end differently.

    A job that failed on its input (``BadInput``) reads the same input again and fails the same way,
    so "run again" is not offered for it.
    """
    failure = job.failure or {}
    # Old failures recorded no cause: keep offering the re-run as before.
    return failure.get("cause") not in ("input", "mapping")


def what_to_do(job) -> str:
    """The next step for a person looking at a failed job, by the failure's cause."""
    failure = job.failure or {}
    cause = failure.get("cause", "input")
    if cause == "transient":
        return str(_("A temporary fault (database or queue) stopped the job. Run it again; nothing was stored."))
    if cause == "crash":
        return str(
            _("The job stopped on an unexpected error and the administrators have been notified. Nothing was stored.")
        )
    hint = get(job.kind).fix_hint
    return str(hint(job) if callable(hint) else hint)


@dataclass(frozen=True)
class JobKind:
    """One kind of job: its label, who sees it, who may re-run it, whether its result is confidential."""

    code: str
    label: str | Promise
    visible: Policy = administrators
    rerun: Policy = administrators
    confidential: bool = False
    summary_template: str = ""  # included on the job page (the kind's own summary and links)
    # Whether re-running a failed job of this kind can change the outcome (``job -> bool``).
    rerun_useful: Callable[[object], bool] = rerun_after_outage
    # What to do when the input was the problem (shown under the failure message).
    fix_hint: str | Promise | Callable[[object], str] = _(
        "Correct the input named in the message and start the job again."
    )


_REGISTRY: dict[str, JobKind] = {}
UNKNOWN = JobKind(code="", label=_("Background job"))


def register(*kinds: JobKind) -> None:
    """Register kinds (``AppConfig.ready``). Registering the same code again replaces it (reloads)."""
    for kind in kinds:
        _REGISTRY[kind.code] = kind


def get(code: str) -> JobKind:
    """The kind registered under ``code``; an unregistered kind is for its starter and administrators."""
    return _REGISTRY.get(code, UNKNOWN)


def registered() -> dict[str, JobKind]:
    return dict(_REGISTRY)


def label(code: str) -> str:
    """The kind's translated label (people see labels, never the code)."""
    return str(get(code).label)


def is_confidential(code: str) -> bool:
    return get(code).confidential


def _combine(user, attribute: str) -> Q | None:
    """OR of ``kind = code AND policy(user)`` over the registered kinds (+ the unregistered rule)."""
    combined: Q | None = None
    for code, kind in _REGISTRY.items():
        condition = getattr(kind, attribute)(user)
        if condition is None:
            continue
        part = Q(kind=code) & condition
        combined = part if combined is None else combined | part
    unknown = getattr(UNKNOWN, attribute)(user)
    if unknown is not None:
        part = ~Q(kind__in=list(_REGISTRY)) & unknown
        combined = part if combined is None else combined | part
    return combined


def visibility_condition(user) -> Q | None:
    """The condition on ``Job`` rows the user may see (without the starter rule)."""
    return _combine(user, "visible")


def rerun_condition(user) -> Q | None:
    """The condition on ``Job`` rows the user may re-run (without the starter rule)."""
    return _combine(user, "rerun")


def choices() -> list[tuple[str, str]]:
    """(code, label) of the registered kinds, sorted by label (filter forms)."""
    return sorted(((code, str(kind.label)) for code, kind in _REGISTRY.items()), key=lambda item: item[1])
