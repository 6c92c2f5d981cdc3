"""Background jobs of the indicator bank: imports, computed indicators, aggregates, PDF reports."""

from __future__ import annotations

from collections import defaultdict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from knowledge_mgmt import imports
from knowledge_mgmt.choices import ValueSource
from knowledge_mgmt.computed import compute_package_indicators
from knowledge_mgmt.services import (
    InvalidInput,
    StoreReport,
    recompute_dependent_ratios,
    resolve_rows,
    store_aggregates,
    store_values,
)
from portal.jobs import BadInput, job_task, msg
from portal.models import Organisation


def _finish(job, reporter, report: StoreReport, extra: dict | None = None) -> None:
    job.output_ref = {
        **job.output_ref,
        **report.as_dict(),
        "per_indicator": report.per_indicator,
        **(extra or {}),
    }
    job.save(update_fields=["output_ref"])
    reporter.message(report.summary())
    for code, counts in sorted(report.per_indicator.items()):
        reporter.message(
            msg(
                gettext_noop(
                    "%(code)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped"
                ),
                code=code,
                **counts,
            )
        )
    for note in report.notes:
        reporter.message(note)


class _TryOnly(Exception):
    """Raised inside the trial transaction of a draft import to roll everything back."""


@job_task
def import_indicator_file(job, reporter) -> None:
    """Import one uploaded file (Sotkanet metadata/regions/data or the template); all or nothing.

    Review before publishing: without ``publish`` in the input the import is tried inside a
    transaction that is rolled back; the job's report (per indicator: created, updated, unchanged,
    skipped) becomes an ``ImportDraft`` that programme staff publish or discard. Publishing runs
    this task again with ``publish`` set, which stores the values.
    """
    from knowledge_mgmt.models import ImportDraft, ImportDraftStatus

    ref = job.input_ref
    if ref.get("publish"):
        with transaction.atomic():
            report, extra = _import(job, reporter, ref)
            draft_id = ref.get("draft")
            if draft_id:
                ImportDraft.objects.filter(pk=draft_id, status=ImportDraftStatus.DRAFT).update(
                    status=ImportDraftStatus.PUBLISHED, decided_at=timezone.now()
                )
        _finish(job, reporter, report, extra)
        return
    try:
        with transaction.atomic():
            report, extra = _import(job, reporter, ref)
            raise _TryOnly
    except _TryOnly:
        pass
    job.save(update_fields=["progress", "messages"])  # progress written inside the rolled-back trial
    report.notes.insert(
        0,
        msg(
            gettext_noop(
                "This is a draft: nothing was stored. Review the report and publish the import, or discard it."
            )
        ),
    )
    _finish(job, reporter, report, {**extra, "draft": True})
    ImportDraft.objects.update_or_create(job=job, defaults={"report": job.output_ref})


def _import(job, reporter, ref) -> tuple[StoreReport, dict]:
    filename = ref.get("filename", "upload")
    try:
        with default_storage.open(ref["path"], "rb") as handle:
            content = handle.read()
    except (KeyError, FileNotFoundError) as exc:
        raise BadInput(msg(gettext_noop("The uploaded file %(file)s is missing."), file=filename)) from exc
    try:
        fmt = ref.get("format") or imports.detect_format(filename, content)
        reporter.progress(10, msg(gettext_noop("Reading %(file)s as %(format)s."), file=filename, format=fmt))
        if fmt == "sotkanet-metadata":
            return imports.import_sotkanet_metadata(content, filename), {"format": fmt}
        if fmt == "sotkanet-regions":
            return imports.import_sotkanet_regions(content, filename), {"format": fmt}
        skipped = []
        if fmt == "sotkanet-json":
            raw, skipped = imports.sotkanet_rows(
                imports.read_sotkanet_json(content, filename), skip_outside=ref.get("skip_outside", False)
            )
        elif fmt == "sotkanet-csv":
            raw, skipped = imports.sotkanet_rows(
                imports.read_sotkanet_csv(content, filename), skip_outside=ref.get("skip_outside", False)
            )
        elif fmt == "template-csv":
            raw = imports.read_template_csv(content, filename)
        elif fmt == "template-xlsx":
            raw = imports.read_template_xlsx(content, filename)
        else:
            raise BadInput(msg(gettext_noop("Unknown import format %(format)r."), format=fmt))
        if not raw:
            raise BadInput(msg(gettext_noop("%(file)s has no data rows."), file=filename))
        rows = resolve_rows(raw)
        reporter.progress(50, msg(gettext_noop("%(n)s rows are valid; storing."), n=len(rows)))
        years = defaultdict(set)
        for row in rows:
            years[row.indicator].add(row.year)
        report = store_values(rows, source_kind=ValueSource.IMPORT, job=job, source_file=filename)
        for indicator, indicator_years in years.items():
            sub = store_aggregates(indicator, indicator_years, job=job)
            report.notes.append(
                msg(
                    gettext_noop("Region and county values of %(code)s: %(summary)s"),
                    code=indicator.code,
                    summary=sub.summary(),
                )
            )
        report.notes.extend(recompute_dependent_ratios(years, job=job))
    except InvalidInput as exc:
        raise BadInput(str(exc)) from exc
    reasons: dict[str, dict[str, int]] = {}
    for row in skipped:
        report.count(row.indicator_code, "skipped")
        per_reason = reasons.setdefault(row.indicator_code, {})
        per_reason[row.reason] = per_reason.get(row.reason, 0) + 1
    for code, per_reason in sorted(reasons.items()):
        for reason, n in sorted(per_reason.items()):
            report.notes.append(
                msg(gettext_noop("%(code)s: rows skipped (%(n)s): %(reason)s."), code=code, n=n, reason=reason)
            )
    return report, {"format": fmt, "rows": len(rows), "skipped": len(skipped), "skipped_reasons": reasons}


@job_task
def recompute_package_indicators(job, reporter) -> None:
    """Net operating cost per resident per package and client group from the SOTE package rows."""
    ref = job.input_ref
    try:
        report = compute_package_indicators(
            organisation_codes=ref.get("organisation_codes"), years=ref.get("years"), job=job
        )
    except InvalidInput as exc:
        raise BadInput(str(exc)) from exc
    _finish(job, reporter, report)


def _recompute_from_provider(job, reporter, compute, reading: str) -> None:
    ref = job.input_ref
    reporter.progress(10, msg(reading))
    try:
        report = compute(organisation_codes=ref.get("organisation_codes"), years=ref.get("years"), job=job)
    except InvalidInput as exc:
        raise BadInput(str(exc)) from exc
    _finish(job, reporter, report)


@job_task
def recompute_digital_exclusion_indicator(job, reporter) -> None:
    """Residents who cannot use digital services, from the digital services area's published figures."""
    from knowledge_mgmt.inclusion import compute_digital_exclusion_indicator

    _recompute_from_provider(
        job, reporter, compute_digital_exclusion_indicator, gettext_noop("Reading the digital inclusion figures.")
    )


@job_task
def recompute_structured_documentation_indicator(job, reporter) -> None:
    """The share of entries documented in structured form, from the integration area's published figures."""
    from knowledge_mgmt.documentation import compute_structured_documentation_indicator

    _recompute_from_provider(
        job,
        reporter,
        compute_structured_documentation_indicator,
        gettext_noop("Reading the structured documentation figures."),
    )


@job_task
def municipality_report(job, reporter) -> None:
    """The municipality report PDF (fi or sv) rendered with WeasyPrint, stored as the job's output."""
    from knowledge_mgmt import reports

    organisation = Organisation.objects.filter(code=job.input_ref.get("organisation")).first()
    if organisation is None:
        raise BadInput(msg(gettext_noop("Unknown organisation %(code)r."), code=job.input_ref.get("organisation")))
    language = job.input_ref.get("report_language", "fi")
    reporter.progress(20, msg(gettext_noop("Collecting the figures.")))
    pdf = reports.render_municipality_report(organisation, language=language, year=job.input_ref.get("year"))
    reporter.progress(90, msg(gettext_noop("Saving the PDF.")))
    filename = f"report-{organisation.code}-{language}.pdf"
    job.output_file.save(filename, ContentFile(pdf), save=False)
    job.output_ref = {"filename": filename, "organisation": organisation.code, "language": language}
    job.save(update_fields=["output_file", "output_ref"])


@job_task
def import_maturity_file(job, reporter) -> None:
    """Existing maturity survey results from CSV/XLSX; all or nothing (never in the web request)."""
    from knowledge_mgmt import maturity
    from knowledge_mgmt.models import MaturitySurvey
    from portal.uploads import read_import_file

    content, filename = read_import_file(job.input_ref)
    survey = MaturitySurvey.objects.filter(code=job.input_ref.get("survey")).first()
    if survey is None:
        raise BadInput(msg(gettext_noop("The survey %(code)s no longer exists."), code=job.input_ref.get("survey")))
    reporter.progress(10, msg(gettext_noop("Reading %(file)s."), file=filename))
    try:
        count = maturity.import_csv(survey, content, filename)
    except InvalidInput as exc:
        raise BadInput(str(exc)) from exc
    job.output_ref = {"survey": survey.code, "responses": count}
    job.save(update_fields=["output_ref"])
    reporter.message(msg(gettext_noop("%(n)s responses imported."), n=count))


@job_task
def municipality_report_batch(job, reporter) -> None:
    """The municipality report PDFs of every municipality (one year, one language) in one ZIP.

    The figures are read once; each municipality's PDF is rendered in turn with its progress
    ("7 / 19: Kuopio"). A redelivered or re-run job renders them all again and replaces the ZIP of
    its earlier attempt, so there is never more than one result file per job."""
    import io
    import zipfile

    from django.utils.text import slugify

    from knowledge_mgmt import reports

    language = job.input_ref.get("report_language", "fi")
    year = job.input_ref.get("year")
    municipalities = list(Organisation.objects.municipalities().order_by("name_fi"))
    if not municipalities:
        raise BadInput(msg(gettext_noop("There are no municipalities to report on.")))
    total = len(municipalities)
    figures = reports.report_figures()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, organisation in enumerate(municipalities, start=1):
            reporter.progress(
                95 * (n - 1) // total,
                msg(gettext_noop("%(n)s / %(total)s: %(name)s"), n=n, total=total, name=organisation.name),
            )
            html = reports.render_municipality_html(organisation, language=language, year=year, figures=figures)
            name = f"{organisation.code}-{slugify(organisation.name_fi)}-{language}.pdf"
            archive.writestr(name, reports.html_to_pdf(html))
    reporter.progress(95, msg(gettext_noop("Saving the PDFs.")))
    filename = f"municipality-reports-{year}-{language}.zip" if year else f"municipality-reports-{language}.zip"
    if job.output_file:
        job.output_file.delete(save=False)  # an earlier attempt's ZIP: replaced, not kept beside the new one
    job.output_file.save(filename, ContentFile(buffer.getvalue()), save=False)
    job.output_ref = {
        "filename": filename,
        "language": language,
        "year": year,
        "reports": total,
        "organisations": [organisation.code for organisation in municipalities],
    }
    job.save(update_fields=["output_file", "output_ref"])
    reporter.message(msg(gettext_noop("%(n)s municipality reports in the ZIP file."), n=total))
