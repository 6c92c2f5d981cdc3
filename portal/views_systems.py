"""The information-system register's pages: the first pages built on ``portal.generic_views``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal import forms
from portal.filtersets import InformationSystemFilterSet
from portal.generic_views import Column, ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from portal.models import InformationSystem


def _euros(cents: int) -> float:
    return cents / 100


class InformationSystemViewMixin:
    model = InformationSystem
    area_url_name = "portal:information-system-list"
    area_label = _("Information systems")


class InformationSystemListView(InformationSystemViewMixin, ObjectListView):
    title = _("Information systems")
    intro = _("The region's information systems, their owners, lifecycle and yearly costs.")
    related = ("owner", "replaced_by")
    filterset_class = InformationSystemFilterSet
    search_fields = ("name", "code", "vendor", "purpose")
    sort_fields = {"name": "name", "owner": "owner__name_fi", "lifecycle": "lifecycle", "end": "contract_end"}
    default_sort = "name"
    create_url_name = "portal:information-system-create"
    export_name = "information-systems"
    columns = (
        Column(_("Name"), "name", sort="name", url="detail"),
        Column(_("Code"), "code"),
        Column(_("Owner"), "owner.name", sort="owner"),
        Column(_("Sector"), "sector"),
        Column(_("Lifecycle"), "lifecycle", sort="lifecycle"),
        Column(_("Replaced by"), "replaced_by"),
        Column(_("Licence EUR/year"), lambda s: _euros(s.annual_licence_cents), numeric=True),
        Column(_("Maintenance EUR/year"), lambda s: _euros(s.annual_maintenance_cents), numeric=True),
        Column(_("Contract ends"), "contract_end", sort="end"),
    )


class InformationSystemDetailView(InformationSystemViewMixin, ObjectDetailView):
    template_name = "portal/information_system_detail.html"

    def extra_context(self, obj):
        from django.urls import reverse

        return {
            "edit_url": reverse("portal:information-system-edit", args=[obj.pk]),
            "delete_url": reverse("portal:information-system-delete", args=[obj.pk]),
            "replaces": obj.replaces.visible_to(self.request.user),
        }


class InformationSystemEditView(InformationSystemViewMixin, ObjectEditView):
    form_class = forms.InformationSystemForm
    title = _("New information system")


class InformationSystemDeleteView(InformationSystemViewMixin, ObjectDeleteView):
    pass
