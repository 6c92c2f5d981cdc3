"""Background jobs of the core."""

from __future__ import annotations

import io

from celery import shared_task
from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_noop
from openpyxl import Workbook

from portal.exports import safe_cell
from portal.jobs import BadInput, JobReporter, job_task, msg
from portal.models import Job, Organisation, OrganisationMembership, Population

ORGANISATION_REGISTER_EXPORT = "organisation_register_export"


@job_task
def export_organisation_register(job: Job, reporter: JobReporter) -> None:
    """Write the organisation register with memberships and populations as an XLSX workbook."""
    kinds = job.input_ref.get("kinds") or []
    organisations = (
        Organisation.objects.select_related("parent", "successor")
        .prefetch_related(Prefetch("memberships", OrganisationMembership.objects.select_related("member")))
        .order_by("kind", "code")
    )
    if kinds:
        organisations = organisations.filter(kind__in=kinds)
    organisations = list(organisations)
    if not organisations:
        raise BadInput(msg(gettext_noop("No organisations match the chosen kinds: %(kinds)s."), kinds=", ".join(kinds)))
    reporter.progress(5, msg(gettext_noop("%(n)s organisations to export."), n=len(organisations)))

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "organisations"
    sheet.append(
        [
            "code",
            "official_code",
            "name_fi",
            "name_sv",
            "kind",
            "parent",
            "successor",
            "valid_from",
            "valid_to",
        ]
    )
    populations = Workbook.create_sheet(workbook, "populations")
    populations.append(["code", "year", "population"])
    members = Workbook.create_sheet(workbook, "memberships")
    members.append(["organisation", "member", "valid_from", "valid_to"])

    pop_by_org: dict[int, list[Population]] = {}
    for pop in Population.objects.filter(organisation__in=organisations).order_by("year"):
        pop_by_org.setdefault(pop.organisation_id, []).append(pop)

    step = max(1, len(organisations) // 10)
    for index, org in enumerate(organisations, start=1):
        sheet.append(
            [
                safe_cell(v)
                for v in (
                    org.code,
                    org.official_code,
                    org.name_fi,
                    org.name_sv,
                    org.kind,
                    org.parent.code if org.parent else "",
                    org.successor.code if org.successor else "",
                    org.valid_from,
                    org.valid_to,
                )
            ]
        )
        for pop in pop_by_org.get(org.pk, []):
            populations.append([org.code, pop.year, pop.count])
        for membership in org.memberships.all():
            members.append([org.code, membership.member.code, membership.valid_from, membership.valid_to])
        if index % step == 0:
            reporter.progress(5 + int(85 * index / len(organisations)), "")

    buffer = io.BytesIO()
    workbook.save(buffer)
    filename = f"organisations-{timezone.localdate():%Y%m%d}-job{job.pk}.xlsx"
    job.output_file.save(filename, ContentFile(buffer.getvalue()), save=False)
    job.output_ref = {"rows": len(organisations), "filename": filename}
    job.save(update_fields=["output_file", "output_ref"])
    reporter.progress(
        100, msg(gettext_noop("Wrote %(n)s organisations to %(file)s."), n=len(organisations), file=filename)
    )


@shared_task(name="portal.tasks.dispatch_pending_jobs", ignore_result=True)
def dispatch_pending_jobs() -> int:
    """Celery beat, every 30 s: send the jobs kept while the broker was unreachable and the
    interrupted ones (see portal.jobs). Safe to run twice: tasks are idempotent."""
    from portal.jobs import dispatch_pending

    return dispatch_pending()
