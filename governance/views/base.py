"""The governance area's shared page parts: its list table and its create/edit form on the portal kit.

``Column`` is the kit's (re-exported for the topic modules)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from governance import services
from portal import permissions
from portal.generic_views import Column, ObjectEditView, ObjectListView, _is_m2m

__all__ = ["Column", "GovernanceFormView", "GovernanceListView"]

# --- Generic list ---------------------------------------------------------------------------


def _hide_edit_links(url: Callable[[Any], str]) -> Callable[[Any], str]:
    def link(obj: Any) -> str:
        target = url(obj)
        return "" if target.endswith("/edit/") else target

    return link


class GovernanceListView(ObjectListView):
    """The kit's list view in governance's layout; edit pages are linked only for those who may
    edit (others would get a 404)."""

    template_name = "governance/object_list.html"
    area_url_name = "governance:index"

    def get_columns(self):
        if permissions.can_create(self.request.user, self.model):
            return self.columns
        return [
            replace(column, url=_hide_edit_links(column.url)) if callable(column.url) else column
            for column in self.columns
        ]


# --- Generic create/edit --------------------------------------------------------------------


class GovernanceFormView(ObjectEditView):
    """Create (no ``pk``) or edit (``pk``) one record through ``governance.services.save_object``
    (which keeps approved minutes append-only); the kit's ``ObjectEditView`` does the rest."""

    template_name = "governance/object_form.html"
    area_url_name = "governance:index"

    def save(self, instance, form):
        m2m = {
            name: form.cleaned_data[name]
            for name, field in form.fields.items()
            if name in form.cleaned_data and _is_m2m(instance, name)
        }
        return services.save_object(instance, actor=self.request.user, m2m=m2m)

    def cancel_url(self, obj) -> str:
        return self.success_url(obj) if obj.pk else reverse("governance:index")

    def get_title(self, obj) -> str:
        return self.title if obj.pk is None else _("Edit: %(object)s") % {"object": obj}


# --- Landing page ---------------------------------------------------------------------------
