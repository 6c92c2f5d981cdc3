"""Legacy material review: documents and their versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from governance import forms, services
from governance.choices import ReviewStatus
from governance.models import (
    LegacyDocument,
    LegacyDocumentVersion,
)
from governance.views.base import Column, GovernanceFormView, GovernanceListView
from portal import permissions
from portal.errors import ServiceErrorFormMixin
from portal.views_base import VisibleQuerysetMixin

# --- Legacy material ------------------------------------------------------------------------


class LegacyListView(GovernanceListView):
    model = LegacyDocument
    title = gettext_lazy("Legacy material of the 2017 preparation")
    search_fields = ("title", "origin", "topic", "reviewer")
    sort_fields = {"title": "title", "status": "review_status", "topic": "topic"}
    default_sort = "status"
    create_url_name = "governance:legacy-create"
    related = ("measure",)
    columns = [
        Column(
            gettext_lazy("Title"),
            lambda o: o.title,
            "title",
            lambda o: reverse("governance:legacy-detail", args=[o.pk]),
        ),
        Column(gettext_lazy("Origin"), lambda o: o.origin),
        Column(gettext_lazy("Topic"), lambda o: o.topic, "topic"),
        Column(gettext_lazy("Measure served"), lambda o: o.measure.number if o.measure else "–"),
        Column(gettext_lazy("Review status"), lambda o: o.get_review_status_display(), "status"),
        Column(gettext_lazy("Reviewer"), lambda o: o.reviewer or "–"),
    ]

    def filter_queryset(self, qs):
        status = self.request.GET.get("status", "")
        return qs.filter(review_status=status) if status in ReviewStatus.values else qs


class LegacyDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = LegacyDocument

    def get(self, request, pk):
        document = get_object_or_404(self.get_queryset().select_related("measure"), pk=pk)
        return render(
            request,
            "governance/legacy_detail.html",
            {
                "document": document,
                "versions": document.versions.select_related("uploaded_by"),
                "can_edit": permissions.can_edit(request.user, document),
            },
        )


class LegacyFormView(GovernanceFormView):
    model = LegacyDocument
    form_class = forms.LegacyDocumentForm
    title = gettext_lazy("New legacy document")

    def success_url(self, obj):
        return reverse("governance:legacy-detail", args=[obj.pk])


class LegacyVersionView(ServiceErrorFormMixin, LoginRequiredMixin, View):
    def document(self):
        return get_object_or_404(LegacyDocument.objects.editable_by(self.request.user), pk=self.kwargs["pk"])

    def render_form(self, form, document, status=200):
        return render(
            self.request,
            "governance/object_form.html",
            {
                "form": form,
                "title": _("New version: %(document)s") % {"document": document},
                "cancel_url": reverse("governance:legacy-detail", args=[document.pk]),
            },
            status=status,
        )

    def get(self, request, pk):
        return self.render_form(forms.LegacyVersionForm(), self.document())

    def post(self, request, pk):
        document = self.document()
        form = forms.LegacyVersionForm(
            request.POST, request.FILES, instance=LegacyDocumentVersion(document=document, version=1)
        )
        if form.is_valid():
            self.run_service(
                form,
                lambda: services.add_legacy_version(
                    document, file=form.cleaned_data["file"], note=form.cleaned_data["note"], actor=request.user
                ),
            )
            if self.service_ok:
                messages.success(request, _("The new version was stored; earlier versions are kept."))
                return redirect("governance:legacy-detail", pk=pk)
        return self.render_form(form, document, status=400)


class LegacyVersionDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        version = get_object_or_404(LegacyDocumentVersion.objects.visible_to(request.user), pk=pk)
        return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.file.name.rsplit("/", 1)[-1])
