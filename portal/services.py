"""Verbs of the core that change state. Each runs in a transaction; the change log is written by
the audit receivers (portal.audit) with the actor from the request context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from portal import roles
from portal.choices import MeasureStatus, OrganisationKind
from portal.errors import ConcurrentEditError, ConflictError, conflict_from_protected
from portal.jobs import start_job
from portal.models import Job, Measure, MeasureProgress, Organisation
from portal.permissions import require_deletable, require_editable
from portal.types import Actor, acting_user

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from portal.models import Concept, ConceptRelation, DataModel

M = TypeVar("M", bound=Model)

__all__ = ["ConcurrentEditError", "ConflictError", "delete_object", "save_object"]


MEASURE_EDITABLE_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "deliverables_fi",
    "deliverables_sv",
    "deliverables_en",
    "responsible_organisation",
    "responsible_person",
    "status",
    "start_date",
    "end_date",
    "progress",
)


def update_measure(measure: Measure, *, changes: dict, expected_version: int, actor: Actor) -> Measure:
    """Apply changes to a measure if nobody else saved it since ``expected_version`` was read."""
    require_editable(actor, measure)
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        if current.version != expected_version:
            raise ConcurrentEditError(current)
        for field, value in changes.items():
            if field not in MEASURE_EDITABLE_FIELDS:
                raise ValidationError({field: _("This field cannot be edited.")})
            setattr(current, field, value)
        current.version += 1
        current.full_clean()
        current.save()
    return current


def record_progress(
    measure: Measure, *, percent: int, status: str, note: str, actor: Actor, date: dt.date | None = None
) -> MeasureProgress:
    """Add a progress journal entry and move the measure's current progress and status with it."""
    require_editable(actor, measure)
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Progress must be between 0 and 100.")})
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        entry = MeasureProgress(
            measure=measure,
            date=date or timezone.localdate(),
            percent=percent,
            status=status,
            note=note,
            actor=acting_user(actor),
        )
        entry.full_clean()
        entry.save()
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        current.progress = percent
        current.status = status
        current.version += 1
        current.save(update_fields=["progress", "status", "version"])
    return entry


ORGANISATION_EDITABLE_FIELDS = ("name_fi", "name_sv", "website", "contact_email", "note")


def update_organisation(organisation: Organisation, *, changes: dict, actor: Actor) -> Organisation:
    """Stewards edit their own organisation's descriptive data; codes and validity are reference data."""
    require_editable(actor, organisation)
    with transaction.atomic():
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        for field, value in changes.items():
            if field not in ORGANISATION_EDITABLE_FIELDS:
                raise ValidationError({field: _("This field cannot be edited.")})
            setattr(current, field, value)
        current.full_clean()
        current.save()
    return current


def grant_steward(user: User, organisation: Organisation) -> None:
    """Make the user a data steward of the organisation (object-level grant)."""
    from django.contrib.auth.models import Group

    with transaction.atomic():
        user.groups.add(Group.objects.get_or_create(name=roles.DATA_STEWARD)[0])
        assign_perm(roles.STEWARD_PERMISSION, user, organisation)


def revoke_steward(user: User, organisation: Organisation) -> None:
    remove_perm(roles.STEWARD_PERMISSION, user, organisation)


def request_organisation_export(*, actor: Actor, kinds: list[str] | None = None) -> Job:
    from portal.tasks import ORGANISATION_REGISTER_EXPORT, export_organisation_register

    if not roles.is_signed_in(actor):
        raise PermissionDenied
    unknown = sorted({str(kind) for kind in kinds or []} - set(OrganisationKind.values))
    if unknown:
        # Checked here, not in the task: a job started with a kind that does not exist only fails.
        raise ValidationError({"kinds": _("Unknown organisation kind: %(kinds)s") % {"kinds": ", ".join(unknown)}})
    return start_job(
        export_organisation_register,
        kind=ORGANISATION_REGISTER_EXPORT,
        actor=actor,
        input_ref={"kinds": kinds or []},
    )


# --- Concept and data-model catalogue (käsite- ja tietomallit) ------------------------------------

DATA_MODEL_FIELDS = (
    "code",
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "version",
    "status",
    "measure",
)
CONCEPT_FIELDS = ("code", "name_fi", "name_sv", "name_en", "definition_fi", "definition_sv", "definition_en")


def _require_catalogue_editor(actor: Actor) -> None:
    from portal.models import DataModel

    if not DataModel.objects.can_create(actor):
        raise PermissionDenied


def save_data_model(data_model: DataModel | None, *, changes: dict, actor: Actor) -> DataModel:
    """Create (``data_model`` None) or update a data model; programme staff only."""
    from portal.models import DataModel

    _require_catalogue_editor(actor)
    with transaction.atomic():
        obj = DataModel() if data_model is None else DataModel.objects.select_for_update().get(pk=data_model.pk)
        for field, value in changes.items():
            if field not in DATA_MODEL_FIELDS:
                raise ValidationError({field: _("This field cannot be edited.")})
            setattr(obj, field, value)
        obj.full_clean()
        obj.save()
    return obj


def save_concept(concept: Concept | None, *, data_model: DataModel, changes: dict, actor: Actor) -> Concept:
    """Create (``concept`` None) or update a concept of a data model; codes are unique within it."""
    from portal.models import Concept

    _require_catalogue_editor(actor)
    with transaction.atomic():
        obj = (
            Concept(data_model=data_model)
            if concept is None
            else Concept.objects.select_for_update().get(pk=concept.pk)
        )
        if obj.data_model_id != data_model.pk:
            raise ValidationError(_("The concept belongs to another data model."))
        for field, value in changes.items():
            if field not in CONCEPT_FIELDS:
                raise ValidationError({field: _("This field cannot be edited.")})
            setattr(obj, field, value)
        obj.full_clean()
        obj.save()
    return obj


def delete_concept(concept: Concept, *, actor: Actor) -> None:
    """Delete a concept and its relations (both directions)."""
    _require_catalogue_editor(actor)
    with transaction.atomic():
        concept.delete()


def add_concept_relation(source: Concept, *, target: Concept, kind: str, actor: Actor) -> ConceptRelation:
    """Relate two concepts (of any data models in the catalogue); a concept never relates to itself."""
    from portal.choices import ConceptRelationKind
    from portal.models import ConceptRelation

    _require_catalogue_editor(actor)
    if source.pk == target.pk:
        raise ValidationError({"target": _("A concept cannot be related to itself.")})
    if kind not in ConceptRelationKind.values:
        raise ValidationError({"kind": _("Unknown relation kind.")})
    with transaction.atomic():
        if ConceptRelation.objects.filter(source=source, target=target, kind=kind).exists():
            raise ValidationError({"target": _("This relation exists already.")})
        return ConceptRelation.objects.create(source=source, target=target, kind=kind)


def remove_concept_relation(relation: ConceptRelation, *, actor: Actor) -> None:
    _require_catalogue_editor(actor)
    with transaction.atomic():
        relation.delete()


# --- Generic verbs for plain records ----------------------------------------------------------


def save_object(instance: M, *, actor: Actor, m2m: dict[str, Iterable[Any]] | None = None) -> M:
    """Create or change one record as ``actor``: rights, ``full_clean`` and the save in one transaction.

    For records with no rules beyond their model's validation. Areas with more rules write their own
    verb and call this one at its end. The change log row is written by the audit receivers.
    """
    require_editable(actor, instance)
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        # Re-check against the rights after saving (NetBox's ObjectEditView does the same): a
        # steward must not be able to move a row to an organisation they do not steward.
        require_editable(actor, instance)
    return instance


def delete_object(instance: Model, *, actor: Actor) -> None:
    """Delete one record as ``actor``; rows that still refer to it make it a ``ConflictError`` (409)."""
    require_deletable(actor, instance)
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise conflict_from_protected(exc) from exc
