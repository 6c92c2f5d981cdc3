"""Programme organisation: bodies, their members and the representation of organisations."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View

from governance import forms, selectors
from governance.choices import BodyKind
from governance.models import (
    Body,
    Membership,
)
from governance.views.base import Column, GovernanceFormView, GovernanceListView
from portal import permissions
from portal.views_base import VisibleQuerysetMixin

# --- Programme organisation -----------------------------------------------------------------


class BodyListView(GovernanceListView):
    model = Body
    title = gettext_lazy("Bodies of the programme organisation")
    search_fields = ("name_fi", "name_sv", "name_en", "code", "task")
    sort_fields = {"name": "name_fi", "kind": "kind", "from": "valid_from"}
    default_sort = "kind"
    create_url_name = "governance:body-create"
    related = ("measure",)
    columns = [
        Column(
            gettext_lazy("Name"), lambda o: o.name, "name", lambda o: reverse("governance:body-detail", args=[o.pk])
        ),
        Column(gettext_lazy("Kind"), lambda o: o.get_kind_display(), "kind"),
        Column(gettext_lazy("Measure"), lambda o: o.measure.number if o.measure else "–"),
        Column(gettext_lazy("Valid from"), lambda o: o.valid_from, "from"),
        Column(gettext_lazy("Valid to"), lambda o: o.valid_to or "–"),
    ]

    def filter_queryset(self, qs):
        kind = self.request.GET.get("kind", "")
        return qs.filter(kind=kind) if kind in BodyKind.values else qs


class BodyDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = Body

    def get(self, request, pk):
        body = get_object_or_404(self.get_queryset().select_related("measure"), pk=pk)
        return render(
            request,
            "governance/body_detail.html",
            {
                "body": body,
                "memberships": body.memberships.select_related("organisation"),
                "meetings": body.meetings.order_by("-date"),
                "can_edit": permissions.can_edit(request.user, body),
            },
        )


class BodyFormView(GovernanceFormView):
    model = Body
    form_class = forms.BodyForm
    title = gettext_lazy("New body")

    def success_url(self, obj):
        return reverse("governance:body-detail", args=[obj.pk])


class MembershipFormView(GovernanceFormView):
    model = Membership
    form_class = forms.MembershipForm
    title = gettext_lazy("New member")

    def new_instance(self):
        body = get_object_or_404(Body.objects.editable_by(self.request.user), pk=self.kwargs["body_pk"])
        return Membership(body=body, term_start=body.valid_from, term_end=body.valid_to)

    def success_url(self, obj):
        return reverse("governance:body-detail", args=[obj.body_id])

    def cancel_url(self, obj):
        return self.success_url(obj)


class RepresentationView(LoginRequiredMixin, View):
    def get(self, request):
        return render(request, "governance/representation.html", selectors.representation(request.user))
