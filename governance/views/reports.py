"""Status reports (PDF jobs) and the area's search."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from governance import forms, selectors, services
from governance.models import (
    StatusReport,
)
from portal import permissions
from portal.views_base import ListControlsMixin, VisibleQuerysetMixin

# --- Status reports -------------------------------------------------------------------------


class StatusReportListView(LoginRequiredMixin, VisibleQuerysetMixin, ListControlsMixin, View):
    model = StatusReport

    def get(self, request):
        page = self.paginate(self.get_queryset().select_related("created_by"))
        form = forms.StatusReportRequestForm() if permissions.can_create(request.user, StatusReport) else None
        return render(request, "governance/report_list.html", {"page": page, "form": form})

    def post(self, request):
        if not permissions.can_create(request.user, StatusReport):
            raise PermissionDenied
        form = forms.StatusReportRequestForm(request.POST)
        if not form.is_valid():
            page = self.paginate(self.get_queryset())
            return render(request, "governance/report_list.html", {"page": page, "form": form}, status=400)
        job = services.request_status_report(language=form.cleaned_data["language"], actor=request.user)
        return HttpResponseRedirect(reverse("portal:job-detail", args=[job.pk]))


class StatusReportDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        report = get_object_or_404(StatusReport.objects.visible_to(request.user), pk=pk)
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])


# --- Search ---------------------------------------------------------------------------------


class SearchView(LoginRequiredMixin, View):
    def get(self, request):
        query = request.GET.get("q", "").strip()[:200]
        results = selectors.search(request.user, query) if query else None
        return render(request, "governance/search.html", {"q": query, "results": results})
