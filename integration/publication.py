"""Review before publishing (as DHIS2's data approval): verbs and reads of conversion drafts.

A conversion writes a ``ConversionDraft``. A steward of the organisation compares it with the
published result (per package and cost type, in euros and per cent, the rows that changed, the
unmapped cost centres and accounts with gross sums) and publishes it, which replaces the
organisation-year's package rows in one transaction and announces them to the indicator bank, or
discards it. An organisation may require a second person: then the uploader may not publish.
``actor=None`` is the system (management commands run by an operator).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from integration.conversion import KEYS
from integration.models import (
    ConversionDraft,
    ConversionResult,
    DraftStatus,
    MappingVersion,
    OrganisationSettings,
    PackageRow,
)
from integration.parsing import cents_to_decimal
from portal import roles
from portal.signals import package_rows_replaced
from portal.types import Actor

ROW_KEYS = (*KEYS, "is_unallocated")


def _require_steward(actor: Actor, draft: ConversionDraft) -> None:
    if actor is not None and not roles.is_steward_of(actor, draft.organisation):
        raise PermissionDenied(_("You are not a data steward of %(org)s.") % {"org": draft.organisation.code})


def _locked_open_draft(draft: ConversionDraft) -> ConversionDraft:
    locked = ConversionDraft.objects.select_for_update().select_related("organisation", "job").get(pk=draft.pk)
    if locked.status != DraftStatus.DRAFT:
        raise ValidationError(
            _("This draft was already %(status)s.") % {"status": locked.get_status_display().lower()}, code="decided"
        )
    return locked


def publish_draft(draft: ConversionDraft, *, actor: Actor) -> ConversionResult:
    """Make the draft the organisation-year's published result (replaces its package rows)."""
    _require_steward(actor, draft)
    with transaction.atomic():
        # Serialise publications of one organisation (the settings row is the lock).
        conf, _created = OrganisationSettings.objects.get_or_create(organisation=draft.organisation)
        OrganisationSettings.objects.select_for_update().filter(pk=conf.pk).first()
        draft = _locked_open_draft(draft)
        if draft.mapping_version_id is None or draft.package_definition_id is None:
            raise ValidationError(
                _("A draft without a mapping cannot be published: make a mapping and convert the file again."),
                code="no_mapping",
            )
        starter_id = draft.job.started_by_id or draft.upload.uploaded_by_id
        if conf.require_second_approval and actor is not None and starter_id == actor.pk:
            raise PermissionDenied(
                _("%(org)s requires a second person: another steward publishes what you uploaded.")
                % {"org": draft.organisation.code}
            )
        organisation, year = draft.organisation, draft.year
        PackageRow.objects.filter(organisation=organisation, year=year).delete()
        PackageRow.objects.bulk_create(
            [
                PackageRow(
                    organisation=organisation,
                    year=year,
                    is_unallocated=bool(r["is_unallocated"]),
                    amount=cents_to_decimal(int(r["cents"])),
                    source_rows=int(r["source_rows"]),
                    job_id=draft.job_id,
                    upload_id=draft.upload_id,
                    mapping_version_id=draft.mapping_version_id,
                    package_definition_id=draft.package_definition_id,
                    **{key: r[key] for key in KEYS},
                )
                for r in draft.rows
            ],
            batch_size=2000,
        )
        stored = PackageRow.objects.filter(organisation=organisation, year=year).aggregate(
            total=Sum("amount"), rows=Sum("source_rows")
        )
        if Decimal(stored["total"] or 0).quantize(Decimal("0.01")) != draft.input_total or int(stored["rows"] or 0) != (
            draft.rows_read
        ):
            raise RuntimeError(f"stored total {stored['total']} != input total {draft.input_total}")
        now = timezone.now()
        result, _created = ConversionResult.objects.update_or_create(
            organisation=organisation,
            year=year,
            defaults={
                "job_id": draft.job_id,
                "upload_id": draft.upload_id,
                "mapping_version_id": draft.mapping_version_id,
                "package_definition_id": draft.package_definition_id,
                "rows_read": draft.rows_read,
                "rows_mapped": draft.rows_mapped,
                "input_total": draft.input_total,
                "output_total": draft.output_total,
                "unallocated_total": draft.unallocated_total,
                "draft": draft,
                "published_at": now,
                "published_by": actor,
            },
        )
        draft.status, draft.decided_at, draft.decided_by = DraftStatus.PUBLISHED, now, actor
        draft.save(update_fields=["status", "decided_at", "decided_by"])
        code = organisation.code
        # Announce the new rows once committed; knowledge_mgmt recomputes its indicators.
        transaction.on_commit(lambda: package_rows_replaced.send(sender=PackageRow, organisation_code=code, year=year))
    return result


def discard_draft(draft: ConversionDraft, *, actor: Actor) -> ConversionDraft:
    """Discard a draft: the published result stays as it is."""
    _require_steward(actor, draft)
    with transaction.atomic():
        draft = _locked_open_draft(draft)
        draft.status, draft.decided_at, draft.decided_by = DraftStatus.DISCARDED, timezone.now(), actor
        draft.save(update_fields=["status", "decided_at", "decided_by"])
    return draft


def start_mapping_from_draft(draft: ConversionDraft, *, actor: Actor) -> MappingVersion:
    """A new, empty mapping version for a first upload; the coverage page then lists the file's cost
    centres and accounts with their sums, to be mapped."""
    from integration import services

    _require_steward(actor, draft)
    existing = MappingVersion.objects.filter(organisation=draft.organisation).order_by("-number").first()
    if existing is not None and not existing.is_frozen:
        return existing
    return services.create_mapping_version(
        draft.organisation,
        actor=actor,
        based_on=existing,
        note=_("Started from the upload %(file)s (%(year)s).")
        % {"file": draft.upload.original_name, "year": draft.year},
    )


def published_result(draft: ConversionDraft) -> ConversionResult | None:
    return ConversionResult.objects.filter(organisation_id=draft.organisation_id, year=draft.year).first()


def _percent(new: Decimal, old: Decimal) -> Decimal | None:
    if not old:
        return None
    return ((new - old) / abs(old) * 100).quantize(Decimal("0.1"))


def compare(draft: ConversionDraft) -> dict:
    """The draft beside the published result: per package and cost type, and the changed rows."""
    published = {
        tuple(row[key] for key in ROW_KEYS): row["amount"]
        for row in PackageRow.objects.filter(organisation_id=draft.organisation_id, year=draft.year).values(
            *ROW_KEYS, "amount"
        )
    }
    drafted = {tuple(r[key] for key in ROW_KEYS): cents_to_decimal(int(r["cents"])) for r in draft.rows}
    zero = Decimal("0.00")
    per_type: dict[tuple[str, str, bool], list[Decimal]] = defaultdict(lambda: [zero, zero])
    for key, amount in drafted.items():
        per_type[(key[0], key[3], key[5])][0] += amount
    for key, amount in published.items():
        per_type[(key[0], key[3], key[5])][1] += amount
    by_package_cost_type = [
        {
            "package_code": package,
            "cost_type_code": cost_type,
            "is_unallocated": unallocated,
            "draft": new,
            "published": old,
            "change": new - old,
            "percent": _percent(new, old),
        }
        for (package, cost_type, unallocated), (new, old) in sorted(per_type.items(), key=lambda i: (i[0][2], i[0][:2]))
    ]
    changed = []
    for key in sorted(set(drafted) | set(published), key=lambda k: (k[5], k[:5])):
        new, old = drafted.get(key), published.get(key)
        if new == old:
            continue
        changed.append(
            {
                **dict(zip(ROW_KEYS, key, strict=True)),
                "draft": new,
                "published": old,
                "change": (new or zero) - (old or zero),
            }
        )
    return {
        "has_published": bool(published),
        "by_package_cost_type": by_package_cost_type,
        "changed_rows": changed,
        "draft_total": sum(drafted.values(), zero),
        "published_total": sum(published.values(), zero),
    }
