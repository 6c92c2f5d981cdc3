"""Verbs of measures 3.1, 3.5 and 3.6.

Plain records (operating models, flows, courses, modules, rollouts, ...) go through
``portal.services.save_object``; the quarterly documentation figures have rules of their own and
their own verbs here: a steward reports only for the organisations they steward (another's is a
404: existence is not revealed), every figure is checked (counts, quarter, classification version,
organisation validity) and a file is all or nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.utils.translation import gettext as _

from integration.models_measures import (
    ClassificationVersion,
    DocumentationReport,
    DocumentationUpload,
    NationalClassification,
    RegionDocumentationFigure,
    overlap_q,
    overlaps,
    quarter_bounds,
)
from portal import roles
from portal.jobs import start_job
from portal.models import Job, Organisation
from portal.permissions import can_edit
from portal.types import Actor, acting_user
from portal.uploads import SPREADSHEETS, check_upload

MIN_YEAR = 2015
MAX_YEAR = 2100


@dataclass
class ReportRow:
    """One quarterly figure as given (form, API or file row), before it is checked."""

    organisation: Organisation | None
    classification: NationalClassification | None
    version: ClassificationVersion | None
    year: int | None
    quarter: int | None
    structured_count: int | None
    total_count: int | None


@dataclass(frozen=True)
class CheckedRow:
    """A ``ReportRow`` that ``row_problems`` found nothing wrong with: every part is given."""

    organisation: Organisation
    classification: NationalClassification
    version: ClassificationVersion
    year: int
    quarter: int
    structured_count: int
    total_count: int


def checked(row: ReportRow) -> CheckedRow:
    """The row with its parts known to be present (call only after ``row_problems`` returned none)."""
    parts = (row.organisation, row.classification, row.version, row.year, row.quarter)
    counts = (row.structured_count, row.total_count)
    if any(p is None for p in (*parts, *counts)):
        raise ValueError("checked() was called on a row with missing parts")
    return CheckedRow(*parts, *counts)  # type: ignore[arg-type]  # none is None, checked above


def row_problems(row: ReportRow, *, actor: Actor) -> list[str]:
    """Everything wrong with one figure, as sentences (the caller adds the row number).

    Checked: the organisation is the actor's to report (else "not yours", which the form and API
    turn into a 404), exists in the quarter (an ended one names its successor), counts are whole,
    non-negative and structured <= total, the version belongs to the classification and is valid
    in the quarter.
    """
    problems: list[str] = []
    org = row.organisation
    if org is None:
        problems.append(_("unknown organisation"))
    elif not DocumentationReport.objects.can_create_for(actor, org):
        problems.append(_("you may not report figures of %(org)s") % {"org": org.name})
    if row.quarter is None or row.quarter not in (1, 2, 3, 4):
        problems.append(_("the quarter must be 1, 2, 3 or 4"))
    if row.year is None or not MIN_YEAR <= row.year <= MAX_YEAR:
        problems.append(_("the year must be between %(a)s and %(b)s") % {"a": MIN_YEAR, "b": MAX_YEAR})
    for value, label in ((row.structured_count, _("structured entries")), (row.total_count, _("all entries"))):
        if value is None:
            problems.append(_("%(column)s must be a whole number") % {"column": label})
        elif value < 0:
            problems.append(_("%(column)s cannot be negative (%(value)s)") % {"column": label, "value": value})
    if (
        row.structured_count is not None
        and row.total_count is not None
        and row.structured_count > row.total_count
        and row.structured_count >= 0
        and row.total_count >= 0
    ):
        problems.append(
            _("structured entries (%(s)s) cannot exceed all entries (%(t)s)")
            % {"s": row.structured_count, "t": row.total_count}
        )
    if row.classification is None:
        problems.append(_("unknown classification"))
    elif row.version is None:
        problems.append(_("unknown version of %(c)s") % {"c": row.classification.name})
    elif row.version.classification_id != row.classification.pk:
        problems.append(
            _("version %(v)s is not a version of %(c)s") % {"v": row.version.version, "c": row.classification.name}
        )
    if row.year is not None and row.quarter in (1, 2, 3, 4) and MIN_YEAR <= row.year <= MAX_YEAR:
        start, end = quarter_bounds(row.year, row.quarter)
        if row.version is not None and not overlaps(row.version.valid_from, row.version.valid_to, start, end):
            problems.append(
                _("version %(v)s of %(c)s is not valid in %(y)s Q%(q)s")
                % {"v": row.version.version, "c": row.version.classification.name, "y": row.year, "q": row.quarter}
            )
        if org is not None and not overlaps(org.valid_from, org.valid_to, start, end):
            if org.successor is not None:
                problems.append(
                    _("%(org)s did not exist in %(y)s Q%(q)s; its successor %(succ)s reports from then on")
                    % {"org": org.name, "y": row.year, "q": row.quarter, "succ": org.successor.name}
                )
            else:
                problems.append(
                    _("%(org)s did not exist in %(y)s Q%(q)s") % {"org": org.name, "y": row.year, "q": row.quarter}
                )
    return problems


def _duplicate(row: CheckedRow) -> bool:
    return DocumentationReport.objects.filter(
        organisation=row.organisation, classification=row.classification, year=row.year, quarter=row.quarter
    ).exists()


def report_documentation(given: ReportRow, *, actor: Actor, job: Job | None = None) -> DocumentationReport:
    """Store one quarterly figure. Another organisation's figures: 404, nothing stored.

    A quarter already reported for the classification is refused (a correction goes through
    ``correct_documentation`` on the existing row), so a file run twice cannot double the figures.
    """
    if given.organisation is not None and not DocumentationReport.objects.can_create_for(actor, given.organisation):
        raise Http404
    problems = row_problems(given, actor=actor)
    if not problems and _duplicate(checked(given)):
        problems.append(_("%(org)s already reported %(c)s for %(y)s Q%(q)s") % _dup_args(checked(given)))
    if problems:
        raise ValidationError("; ".join(problems))
    row = checked(given)
    with transaction.atomic():
        report = DocumentationReport(
            organisation=row.organisation,
            classification=row.classification,
            classification_version=row.version,
            year=row.year,
            quarter=row.quarter,
            structured_count=row.structured_count,
            total_count=row.total_count,
            job=job,
            reported_by=acting_user(actor),
        )
        report.full_clean()
        report.save()
        _recompute_on_commit(row.year, row.quarter)
    return report


def correct_documentation(
    report: DocumentationReport, *, structured_count: int, total_count: int, actor: Actor
) -> DocumentationReport:
    """Change the counts of a stored figure (the steward's own organisation only: else 404)."""
    if not can_edit(actor, report):
        raise Http404
    row = ReportRow(
        report.organisation,
        report.classification,
        report.classification_version,
        report.year,
        report.quarter,
        structured_count,
        total_count,
    )
    problems = row_problems(row, actor=actor)
    if problems:
        raise ValidationError("; ".join(problems))
    with transaction.atomic():
        report.structured_count = structured_count
        report.total_count = total_count
        report.full_clean()
        report.save()
        _recompute_on_commit(report.year, report.quarter)
    return report


def _dup_args(row: CheckedRow) -> dict:
    return {"org": row.organisation.name, "c": row.classification.name, "y": row.year, "q": row.quarter}


def check_documentation_rows(rows: Iterable[tuple[int, ReportRow]], *, actor: Actor) -> list[str]:
    """Every problem of every row, each message naming its row (nothing is written)."""
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    for number, row in rows:
        problems = row_problems(row, actor=actor)
        if not problems:
            ok = checked(row)
            key = (ok.organisation.pk, ok.classification.pk, ok.year, ok.quarter)
            if key in seen:
                problems.append(_("the same quarter is already on row %(n)s") % {"n": seen[key]})
            elif _duplicate(ok):
                problems.append(_("%(org)s already reported %(c)s for %(y)s Q%(q)s") % _dup_args(ok))
            seen.setdefault(key, number)
        errors.extend(_("Row %(n)s: %(problem)s.") % {"n": number, "problem": p} for p in problems)
    return errors


def import_documentation_rows(rows: Iterable[tuple[int, ReportRow]], *, actor: Actor, job: Job | None = None) -> int:
    """All rows or none: every row is checked first, errors name the row, then one transaction."""
    rows = list(rows)
    errors = check_documentation_rows(rows, actor=actor)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("The file has no rows of figures."))
    with transaction.atomic():
        for _number, given in rows:
            row = checked(given)
            DocumentationReport.objects.create(
                organisation=row.organisation,
                classification=row.classification,
                classification_version=row.version,
                year=row.year,
                quarter=row.quarter,
                structured_count=row.structured_count,
                total_count=row.total_count,
                job=job,
                reported_by=acting_user(actor),
            )
        for year, quarter in {(checked(r).year, checked(r).quarter) for _n, r in rows}:
            _recompute_on_commit(year, quarter)
    return len(rows)


def upload_documentation_file(file: File, *, actor: Actor) -> Job:
    """Keep the file untouched and queue its import job (row-numbered errors on the job page)."""
    if not (roles.stewarded_organisation_ids(actor) or roles.is_administrator(actor)):
        raise PermissionDenied
    check_upload(file, allowed=SPREADSHEETS)
    from integration import tasks_measures

    with transaction.atomic():
        upload = DocumentationUpload(original_name=getattr(file, "name", "figures"), uploaded_by=acting_user(actor))
        file.seek(0)
        digest = hashlib.sha256(file.read()).hexdigest()
        file.seek(0)
        upload.file.save(upload.original_name, file, save=False)
        upload.save()
        job = start_job(
            tasks_measures.import_documentation_figures,
            kind="integration.documentation_import",
            actor=actor,
            input_ref={"upload": upload.pk, "sha256": digest, "file": upload.original_name},
        )
        upload.job = job
        upload.save(update_fields=["job"])
    return job


def request_documentation_pdf(organisation: Organisation, *, language: str, actor: Actor) -> Job:
    """Queue the organisation's structured-documentation PDF (fi or sv)."""
    if not roles.is_signed_in(actor):
        raise PermissionDenied
    if language not in ("fi", "sv"):
        raise ValidationError({"language": _("The report is available in Finnish and Swedish.")})
    from integration import tasks_measures

    return start_job(
        tasks_measures.documentation_pdf,
        kind="integration.documentation_pdf",
        actor=actor,
        input_ref={"organisation": organisation.code, "report_language": language},
    )


def _recompute_on_commit(year: int, quarter: int) -> None:
    transaction.on_commit(lambda: compute_region_figures(year=year, quarter=quarter))


def compute_region_figures(*, year: int | None = None, quarter: int | None = None) -> int:
    """Recompute the region's volume-weighted figures (idempotent: rows are replaced).

    Sums structured and all entries over the organisations valid in the quarter, so Kuopio
    800/1 000 and Iisalmi 50/200 give 850/1 200 = 70.8 %, not the mean of shares 52.5 %.
    """
    periods = DocumentationReport.objects.values_list("year", "quarter").distinct()
    if year is not None:
        periods = periods.filter(year=year)
    if quarter is not None:
        periods = periods.filter(quarter=quarter)
    written = 0
    with transaction.atomic():
        for y, q in sorted(set(periods)):
            start, end = quarter_bounds(y, q)
            sums = (
                DocumentationReport.objects.filter(year=y, quarter=q)
                .filter(overlap_q(start, end, prefix="organisation__"))
                .values("classification")
                .annotate(s=Sum("structured_count"), t=Sum("total_count"))
                .order_by()
            )
            keep = []
            for item in sums:
                count = (
                    DocumentationReport.objects.filter(year=y, quarter=q, classification=item["classification"])
                    .filter(overlap_q(start, end, prefix="organisation__"))
                    .count()
                )
                figure, _created = RegionDocumentationFigure.objects.update_or_create(
                    classification_id=item["classification"],
                    year=y,
                    quarter=q,
                    defaults={"structured_count": item["s"], "total_count": item["t"], "organisation_count": count},
                )
                keep.append(figure.pk)
                written += 1
            RegionDocumentationFigure.objects.filter(year=y, quarter=q).exclude(pk__in=keep).delete()
    return written
