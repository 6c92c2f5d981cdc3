"""Read queries of the integration app, including what other apps may rely on.

Published for other apps (stable signatures; other apps import only from here):

- ``net_cost_by_package(*, organisation_codes=None, years=None)``
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

from django.db.models import F, Q, Sum

from integration.models import (
    CodeList,
    CodeListKind,
    ConversionResult,
    MappingVersion,
    Package,
    PackageDefinition,
    PackageRow,
)
from portal.models import Organisation, Population
from portal.types import Actor

if TYPE_CHECKING:
    import pandas as pd

    from integration.models import Upload


def net_cost_by_package(
    *, organisation_codes: Iterable[str] | None = None, years: Iterable[int] | None = None
) -> Iterator[dict]:
    """Net cost (nettokustannus) of each organisation-year per SOTE package and client group.

    Yields dicts ``{"organisation_code": str, "year": int, "package_code": str,
    "client_group_code": str, "amount": Decimal}`` (euros, two decimals), one per combination
    that has package rows, ordered by organisation code, year, package code, client group code.

    - Reads the *current* result of each organisation-year (the latest successful conversion);
      rows booked to the explicit unallocated line are left out (they belong to no package).
    - ``organisation_codes``/``years``: optional filters; ``None`` means all.
    - Not permission-filtered: the caller decides who may see the figures (package rows are
      internal: signed-in users).
    - Package codes come from the active package definition at conversion time, which may be the
      shipped *example* definition (see ``PackageDefinition.is_example``); labels are the caller's.
    """
    qs = PackageRow.objects.filter(is_unallocated=False)
    if organisation_codes is not None:
        qs = qs.filter(organisation__code__in=list(organisation_codes))
    if years is not None:
        qs = qs.filter(year__in=list(years))
    rows = (
        qs.values("organisation__code", "year", "package_code", "client_group_code")
        .annotate(total=Sum("amount"))
        .order_by("organisation__code", "year", "package_code", "client_group_code")
    )
    for row in rows:
        yield {
            "organisation_code": row["organisation__code"],
            "year": row["year"],
            "package_code": row["package_code"],
            "client_group_code": row["client_group_code"],
            "amount": Decimal(row["total"]).quantize(Decimal("0.01")),
        }


def code_names(kind: str) -> dict[str, tuple[str, str]]:
    """Code -> (localised name, language of that name) from the active versions of a kind's lists."""
    from django.utils.translation import get_language

    lang = (get_language() or "fi")[:2]
    names: dict[str, tuple[str, str]] = {}
    for code_list in CodeList.objects.filter(kind=kind):
        version = code_list.current_version()
        if version is None:
            continue
        for code in version.codes.all():
            for candidate in (lang, "fi", "en", "sv"):
                value = getattr(code, f"name_{candidate}", "")
                if value:
                    names.setdefault(code.code, (value, candidate))
                    break
    return names


def code_name_maps() -> dict[str, dict[str, tuple[str, str]]]:
    """The names of the codes a package row carries, by the row's field, for tables and filters."""
    return {
        "service": code_names(CodeListKind.SERVICE_CLASS),
        "client": code_names(CodeListKind.CLIENT_GROUP),
        "cost": code_names(CodeListKind.COST_TYPE),
        "mode": code_names(CodeListKind.PRODUCTION_MODE),
    }


def breakdown_labels() -> dict[str, str]:
    """Code -> name of the package and client-group codes that other apps use as breakdowns
    (published as the ``code_labels`` provider: knowledge_mgmt's package indicators)."""
    labels = {code: name for code, (name, _lang) in code_names(CodeListKind.CLIENT_GROUP).items()}
    for package in Package.objects.select_related("definition").order_by("-definition__status", "code"):
        labels.setdefault(package.code, package.name)
    return labels


def active_codes(kind: str) -> set[str]:
    return set(code_names(kind))


def package_names(definition: PackageDefinition | None) -> dict[str, str]:
    if definition is None:
        return {}
    return {p.code: p.name for p in Package.objects.filter(definition=definition)}


def latest_mapping_version(organisation: Organisation) -> MappingVersion | None:
    return MappingVersion.objects.filter(organisation=organisation).order_by("-number").first()


def package_table(result: ConversionResult) -> list[dict]:
    """Rows of an organisation-year, per package (with its total), for the result page."""
    rows = PackageRow.objects.filter(organisation=result.organisation, year=result.year).order_by(
        "is_unallocated", "package_code", "service_class_code", "client_group_code", "cost_type_code", "pk"
    )
    return list(rows)


def per_resident(year: int, organisation_ids: Iterable[int] | None = None) -> list[dict]:
    """Net cost per resident per package for each organisation with a result and a population."""
    results = ConversionResult.objects.filter(year=year).select_related("organisation")
    if organisation_ids is not None:
        results = results.filter(organisation_id__in=list(organisation_ids))
    populations = dict(
        Population.objects.filter(year=year, organisation__in=[r.organisation_id for r in results]).values_list(
            "organisation_id", "count"
        )
    )
    totals: dict[tuple[int, str], Decimal] = {}
    for row in (
        PackageRow.objects.filter(
            year=year, is_unallocated=False, organisation__in=[r.organisation_id for r in results]
        )
        .values("organisation_id", "package_code")
        .annotate(total=Sum("amount"))
    ):
        totals[(row["organisation_id"], row["package_code"])] = Decimal(row["total"])
    out = []
    for result in results:
        population = populations.get(result.organisation_id)
        per_package = {
            package: amount for (org_id, package), amount in totals.items() if org_id == result.organisation_id
        }
        total = sum(per_package.values(), Decimal("0"))
        out.append(
            {
                "organisation": result.organisation,
                "population": population,
                "total": total,
                "per_resident": (total / population).quantize(Decimal("0.01")) if population else None,
                "packages": {
                    code: ((amount / population).quantize(Decimal("0.01")) if population else None)
                    for code, amount in per_package.items()
                },
            }
        )
    return out


DRILL_KEYS = ("package_code", "service_class_code", "client_group_code", "cost_type_code", "production_mode_code")


def source_rows(result: ConversionResult, filters: dict[str, str], *, unallocated: bool | None = None) -> pd.DataFrame:
    """The ledger rows behind a figure: the stored upload re-read and re-mapped with the frozen
    mapping version of the result, then filtered by the package row's codes.

    Returns a pandas frame with row, cost_centre, account, cents and the mapped codes.
    """
    from integration.conversion import MappingTables, map_frame
    from integration.models import OrganisationSettings
    from integration.parsing import parse_ledger

    upload = result.upload
    conf = OrganisationSettings.objects.filter(organisation=result.organisation).first()
    with upload.file.open("rb") as handle:
        data = handle.read()
    parsed = parse_ledger(
        data,
        filename=upload.original_name,
        year=upload.year,
        sheet=upload.sheet,
        extra_aliases=conf.column_aliases if conf else None,
        max_errors=conf.max_errors if conf else 20,
    )
    mapped = map_frame(parsed.frame, MappingTables.load(result.mapping_version, result.package_definition))
    mapped.loc[mapped["is_unallocated"], "package_code"] = ""
    mask = mapped["row"] >= 0
    for key in DRILL_KEYS:
        if key in filters:
            mask &= mapped[key] == filters[key]
    if unallocated is not None:
        mask &= mapped["is_unallocated"] == unallocated
    return mapped[mask]


def latest_upload(organisation: Organisation, *, year: int | None = None) -> Upload | None:
    """The organisation's latest upload (of ``year`` if given), or None."""
    from integration.models import Upload

    qs = Upload.objects.filter(organisation=organisation)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-uploaded_at", "-pk").first()


class _Unset(enum.Enum):
    NO_UPLOAD = enum.auto()


_NO_UPLOAD: Final = _Unset.NO_UPLOAD


def coverage(
    organisation: Organisation,
    version: MappingVersion | None,
    *,
    year: int | None = None,
    upload: Upload | None | Literal[_Unset.NO_UPLOAD] = _NO_UPLOAD,
) -> dict | None:
    """Cost centres and accounts of the organisation's latest upload that map nowhere, with euros.

    ``year`` limits the choice to that year's uploads; ``upload`` (already looked up by the caller,
    e.g. to check who may see it) skips the look-up. None when there is no upload or mapping.
    """
    from integration.conversion import MappingTables
    from integration.models import OrganisationSettings
    from integration.parsing import LedgerError, parse_ledger

    if upload is _NO_UPLOAD:
        upload = latest_upload(organisation, year=year)
    definition = PackageDefinition.active()
    if upload is None or version is None or definition is None:
        return None
    conf = OrganisationSettings.objects.filter(organisation=organisation).first()
    with upload.file.open("rb") as handle:
        data = handle.read()
    try:
        parsed = parse_ledger(
            data,
            filename=upload.original_name,
            year=upload.year,
            sheet=upload.sheet,
            extra_aliases=conf.column_aliases if conf else None,
            max_errors=conf.max_errors if conf else 20,
        )
    except LedgerError as exc:
        return {"upload": upload, "error": str(exc)}
    from integration.conversion import convert
    from integration.parsing import cents_to_decimal

    converted = convert(parsed.frame, MappingTables.load(version, definition))

    def records(frame: pd.DataFrame) -> list[dict]:
        return [{**r, "euros": cents_to_decimal(int(r["cents"]))} for r in frame.to_dict("records")]

    return {
        "upload": upload,
        "error": "",
        "rows_read": parsed.rows_read,
        "input_euros": cents_to_decimal(converted.input_cents),
        "unallocated_euros": cents_to_decimal(converted.unallocated_cents),
        "cost_centres": records(converted.unmapped_cost_centres),
        "accounts": records(converted.unmapped_accounts),
        "unpackaged": records(converted.unpackaged),
    }


def mapping_changed_since(organisation_id: int, moment: dt.datetime | None) -> bool:
    """Whether the organisation's mapping or conversion settings changed after ``moment``.

    A conversion that failed on unmapped rows can succeed once the mapping is completed (or the
    setting for unmapped rows is changed): the job kinds registry offers "run again" only then.
    """
    from django.contrib.contenttypes.models import ContentType

    from integration.models import AccountMapping, CostCentreMapping, MappingVersion, OrganisationSettings
    from portal.models import ChangeLog

    if moment is None:
        return True
    ids_by_model = {
        MappingVersion: MappingVersion.objects.filter(organisation_id=organisation_id).values_list("pk", flat=True),
        CostCentreMapping: CostCentreMapping.objects.filter(version__organisation_id=organisation_id).values_list(
            "pk", flat=True
        ),
        AccountMapping: AccountMapping.objects.filter(version__organisation_id=organisation_id).values_list(
            "pk", flat=True
        ),
        OrganisationSettings: OrganisationSettings.objects.filter(organisation_id=organisation_id).values_list(
            "pk", flat=True
        ),
    }
    condition = Q()
    for model, ids in ids_by_model.items():
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=[str(i) for i in ids])
    changed = ChangeLog.objects.filter(condition, timestamp__gt=moment)
    if changed.exists():
        return True
    # A deleted rule leaves a change-log row whose object is gone: count deletions of rules too.
    return ChangeLog.objects.filter(
        content_type__in=[ContentType.objects.get_for_model(m) for m in (CostCentreMapping, AccountMapping)],
        action="delete",
        timestamp__gt=moment,
    ).exists()


# --- Overview of the front page (issue 16: summaries first) -----------------------------------


def _region_per_resident(year: int) -> Decimal | None:
    """Net cost per resident of the organisations with a published result and a population."""
    table = [e for e in per_resident(year) if e["population"]]
    people = sum(e["population"] for e in table)
    return (sum((e["total"] for e in table), Decimal("0")) / people).quantize(Decimal("1")) if people else None


def _euros(value: Decimal) -> str:
    from django.utils.formats import number_format

    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def area_overview(user: Actor | None) -> dict:
    """What the front page opens with. Published results are read by every signed-in user (the
    decision-maker sees only these); drafts, uploads and their jobs only by the ledger's stewards,
    programme staff and administrators (``Upload``/``ConversionDraft.visible_to``), so the uploads
    that need attention are listed only for them."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from integration.models import ConversionDraft, DraftStatus, Upload
    from portal import permissions, roles
    from portal.choices import JobStatus

    if not roles.is_signed_in(user):
        return {"figures": [], "attention": [], "attention_hidden": True}
    results = ConversionResult.objects.visible_to(user)
    years = sorted(set(results.values_list("year", flat=True)), reverse=True)
    figures: list[dict] = []
    if years:
        latest = years[0]
        previous = years[1] if len(years) > 1 else None
        count = results.filter(year=latest).count()
        before = results.filter(year=previous).count() if previous else None
        figures.append(
            {
                "label": _("Organisations with a published result for %(year)s") % {"year": latest},
                "value": count,
                "change": "" if before is None else f"{count - before:+d}".replace("-", "−").replace("+0", "±0"),
                "change_note": _("from %(year)s") % {"year": previous} if previous else "",
                "url": reverse("integration:result-list"),
            }
        )
        now = _region_per_resident(latest)
        then = _region_per_resident(previous) if previous else None
        change = ""
        if now is not None and then is not None:
            diff = now - then
            change = ("+" if diff > 0 else "−" if diff < 0 else "±") + _euros(abs(diff))
        figures.append(
            {
                "label": _("Net cost per resident, %(year)s") % {"year": latest},
                "value": "–" if now is None else _euros(now),
                "unit": "" if now is None else "€",
                "change": change,
                "change_note": _("from %(year)s") % {"year": previous} if change else "",
                "note": _("organisations with a published result"),
                "url": reverse("integration:comparison"),
            }
        )
    else:
        figures.append({"label": _("Published results"), "value": 0, "url": reverse("integration:result-list")})
    uploads = Upload.objects.visible_to(user)
    if not uploads.exists() and not (roles.is_programme_staff(user) or roles.stewarded_organisation_ids(user)):
        return {"figures": figures, "attention": [], "attention_hidden": True}
    drafts = list(
        ConversionDraft.objects.visible_to(user)
        .filter(status=DraftStatus.DRAFT)
        .select_related("organisation", "upload")
        .order_by("created_at", "pk")
    )
    unmapped = [d for d in drafts if d.unallocated_total or d.rows_mapped < d.rows_read or d.mapping_version_id is None]
    # Published results whose ledger had rows that mapped nowhere (booked to the unallocated line),
    # for those who see the ledger; an open draft of the same organisation-year is listed instead.
    pending = {(d.organisation_id, d.year) for d in drafts}
    seen_organisations = set(uploads.values_list("organisation_id", flat=True))
    unmapped_results = [
        r
        for r in results.filter(organisation_id__in=seen_organisations)
        .filter(Q(unallocated_total__gt=0) | Q(unallocated_total__lt=0) | Q(rows_mapped__lt=F("rows_read")))
        .select_related("organisation", "upload")
        .order_by("organisation__code", "-year")
        if (r.organisation_id, r.year) not in pending
    ]
    # The latest upload of each organisation-year whose conversion failed (a later upload replaces it).
    latest_uploads: dict[tuple[int, int], Upload] = {}
    for upload in uploads.select_related("organisation", "job").order_by(
        "organisation_id", "year", "-uploaded_at", "-pk"
    ):
        latest_uploads.setdefault((upload.organisation_id, upload.year), upload)
    failed = [u for u in latest_uploads.values() if u.job and u.job.status == JobStatus.FAILED]
    figures += [
        {
            "label": _("Drafts awaiting review"),
            "value": len(drafts),
            "state": "warn" if drafts else "ok",
            "url": reverse("integration:draft-list"),
        },
        {
            "label": _("Uploads with unmapped costs"),
            "value": len(unmapped) + len(unmapped_results),
            "state": "bad" if unmapped or unmapped_results else "ok",
            "url": reverse("integration:upload-list"),
        },
    ]
    attention = []
    for result in unmapped_results:
        attention.append(
            {
                "level": "bad",
                "url": reverse("integration:coverage", args=[result.organisation.code]),
                "text": _(
                    "%(organisation)s %(year)s (%(file)s): %(rows)s rows, %(euros)s €, are on the unallocated "
                    "line of the published result; map their cost centres and accounts"
                )
                % {
                    "organisation": result.organisation.name,
                    "year": result.year,
                    "file": result.upload.original_name,
                    "rows": result.rows_read - (result.rows_mapped or 0) if result.rows_mapped is not None else "–",
                    "euros": _euros(abs(result.unallocated_total)),
                },
            }
        )
    for draft in unmapped:
        rows = draft.rows_read - draft.rows_mapped
        attention.append(
            {
                "level": "bad",
                "url": reverse("integration:draft-detail", args=[draft.pk]),
                "text": _(
                    "%(organisation)s %(year)s (%(file)s): %(rows)s rows, %(euros)s €, map to no package; "
                    "complete the mapping before publishing"
                )
                % {
                    "organisation": draft.organisation.name,
                    "year": draft.year,
                    "file": draft.upload.original_name,
                    "rows": rows,
                    "euros": _euros(abs(draft.unallocated_total)),
                },
            }
        )
    for draft in drafts:
        if draft not in unmapped:
            attention.append(
                {
                    "level": "warn",
                    "url": reverse("integration:draft-detail", args=[draft.pk]),
                    "text": _("%(organisation)s %(year)s: the converted result awaits review and publishing")
                    % {"organisation": draft.organisation.name, "year": draft.year},
                }
            )
    for upload in failed:
        attention.append(
            {
                "level": "bad",
                "url": reverse("portal:job-detail", args=[upload.job_id])
                if upload.job is not None and permissions.can_view(user, upload.job)
                else reverse("integration:upload-list"),
                "text": _("%(organisation)s %(year)s (%(file)s): the conversion failed")
                % {"organisation": upload.organisation.name, "year": upload.year, "file": upload.original_name},
            }
        )
    return {"figures": figures, "attention": attention}
