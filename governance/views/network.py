"""The service network and production-mode matrix."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from governance import forms, selectors
from governance.models import (
    ServiceEntity,
)
from governance.views.base import GovernanceFormView
from portal import exports, permissions

# --- Service network ------------------------------------------------------------------------


def matrix_table(user) -> tuple[list[str], list[list]]:
    data = selectors.service_matrix(user)
    header = [
        _("Code"),
        _("Service entity"),
        _("Client group"),
        _("Production mode"),
        *[_("Pole: %(centre)s") % {"centre": c.organisation.name} for c in data["centres"]],
        *[f"{m.name} ({m.code})" for m in data["municipalities"]],
    ]
    rows = [
        [
            row["entity"].code,
            row["entity"].name,
            row["entity"].get_client_group_display(),
            row["entity"].get_production_mode_display(),
            *["x" if flag else "" for flag in row["poles"]],
            *["x" if flag else "" for flag in row["cells"]],
        ]
        for row in data["rows"]
    ]
    return header, rows


class ServiceMatrixView(LoginRequiredMixin, View):
    def get(self, request):
        fmt = request.GET.get("format", "")
        if fmt in ("csv", "xlsx"):
            header, rows = matrix_table(request.user)
            name = f"palveluverkko-{timezone.localdate().isoformat()}.{fmt}"
            if fmt == "csv":
                return exports.csv_response(name, header, rows)
            return exports.xlsx_response(name, header, rows, sheet_title="palveluverkko")
        return render(
            request,
            "governance/service_matrix.html",
            {**selectors.service_matrix(request.user), "can_edit": permissions.can_create(request.user, ServiceEntity)},
        )


class ServiceEntityFormView(GovernanceFormView):
    model = ServiceEntity
    form_class = forms.ServiceEntityForm
    title = gettext_lazy("New service entity")

    def success_url(self, obj):
        return reverse("governance:service-matrix")
