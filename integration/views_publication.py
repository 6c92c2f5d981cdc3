"""UI of review before publishing: the draft beside the published result; publish, discard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from integration import publication, selectors
from integration.models import ConversionDraft, OrganisationSettings
from portal import roles
from portal.errors import run_with_messages
from portal.models import Job


def _draft(request, pk: int) -> ConversionDraft:
    qs = ConversionDraft.objects.visible_to(request.user).select_related(
        "organisation", "upload", "mapping_version", "package_definition", "job__started_by", "decided_by"
    )
    return get_object_or_404(qs, pk=pk)


class DraftListView(LoginRequiredMixin, View):
    """Drafts awaiting review, for the stewards of their organisations, programme staff and admins."""

    def get(self, request):
        drafts = (
            ConversionDraft.objects.visible_to(request.user)
            .filter(status="draft")
            .select_related("organisation", "upload", "mapping_version", "job__started_by")
        )
        return render(request, "integration/draft_list.html", {"drafts": drafts})


class DraftDetailView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        draft = _draft(request, pk)
        conf = OrganisationSettings.objects.filter(organisation=draft.organisation).first()
        starter = draft.job.started_by_id or draft.upload.uploaded_by_id
        return render(
            request,
            "integration/draft_detail.html",
            {
                "draft": draft,
                "published": publication.published_result(draft),
                "comparison": publication.compare(draft),
                "package_names": selectors.package_names(draft.package_definition),
                "names": selectors.code_name_maps(),
                "can_decide": draft.is_open and roles.is_steward_of(request.user, draft.organisation),
                "second_person_required": bool(conf and conf.require_second_approval),
                "is_uploader": starter == request.user.pk,
                "can_see_job": Job.objects.visible_to(request.user).filter(pk=draft.job_id).exists(),
            },
        )


def _decide(request, pk: int, verb, done: str):
    draft = _draft(request, pk)
    ok, outcome = run_with_messages(request, lambda: verb(draft, actor=request.user), denied_as_message=True)
    if not ok:
        return None, draft
    messages.success(request, done)
    return outcome, draft


class DraftPublishView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        result, draft = _decide(request, pk, publication.publish_draft, _("The result was published."))
        if result is None:
            return redirect("integration:draft-detail", pk=draft.pk)
        return redirect("integration:result-detail", code=result.organisation.code, year=result.year)


class DraftDiscardView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        _outcome, draft = _decide(request, pk, publication.discard_draft, _("The draft was discarded."))
        return redirect("integration:draft-detail", pk=draft.pk)


class DraftStartMappingView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        version, draft = _decide(
            request, pk, publication.start_mapping_from_draft, _("A draft mapping was started from the file.")
        )
        if version is None:
            return redirect("integration:draft-detail", pk=draft.pk)
        return redirect("integration:coverage", code=draft.organisation.code)
