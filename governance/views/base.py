"""The governance area's shared page parts: its list table and its create/edit form on the portal kit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from governance import services
from portal import permissions
from portal.generic_views import ObjectEditView, _is_m2m
from portal.views_base import ListControlsMixin, VisibleQuerysetMixin

# --- Generic list ---------------------------------------------------------------------------


@dataclass
class Column:
    label: str
    value: Callable
    sort: str = ""
    url: Callable | None = None
    numeric: bool = False


class GovernanceListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    """A table of rows the user may see, with search, sorting, pagination and a create link."""

    title = ""
    columns: list[Column] = []
    create_url_name = ""
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    template_name = "governance/object_list.html"
    intro = ""

    def base_queryset(self):
        return self.model.objects.select_related(*self.related).prefetch_related(*self.prefetch)

    def filter_queryset(self, qs):
        return qs

    def get(self, request, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        qs, query, sort = self.apply_list_controls(qs)
        page = self.paginate(qs)
        editor = permissions.can_create(request.user, self.model)

        def link(column: Column, obj) -> str:
            if column.url is None:
                return ""
            url = column.url(obj)
            # Edit pages are linked only for those who may edit (others would get a 404).
            return url if editor or not url.endswith("/edit/") else ""

        rows = [
            [
                {
                    "text": column.value(obj),
                    "url": link(column, obj),
                    "numeric": column.numeric,
                }
                for column in self.columns
            ]
            for obj in page.object_list
        ]
        headers = [
            {"label": c.label, "sort": c.sort if c.sort in self.sort_fields else "", "numeric": c.numeric}
            for c in self.columns
        ]
        create_url = reverse(self.create_url_name) if self.create_url_name and editor else ""
        return render(
            request,
            self.template_name,
            {
                "title": self.title,
                "intro": self.intro,
                "headers": headers,
                "rows": rows,
                "page": page,
                "q": query,
                "sort": sort,
                "searchable": bool(self.search_fields),
                "create_url": create_url,
                **self.extra_context(),
            },
        )

    def extra_context(self) -> dict:
        return {}


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
