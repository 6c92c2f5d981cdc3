"""Base classes for the UI views of every app: the queryset helpers decide what a user reaches."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Q


class VisibleQuerysetMixin:
    """``get_queryset`` returns ``Model.objects.visible_to(user)`` (or ``editable_by`` for edits)."""

    model = None
    for_edit = False

    def base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        qs = self.base_queryset()
        user = self.request.user
        return qs.editable_by(user) if self.for_edit else qs.visible_to(user)


class EditViewMixin(LoginRequiredMixin, VisibleQuerysetMixin):
    """Edits reach only ``editable_by`` rows: another organisation's object is a 404."""

    for_edit = True


class ListControlsMixin:
    """Search (``q``), sorting (``sort``, a whitelist) and pagination for list pages."""

    search_fields: tuple[str, ...] = ()
    sort_fields: dict[str, str] = {}
    default_sort = ""
    paginate_by = 25

    def apply_list_controls(self, qs):
        query = self.request.GET.get("q", "").strip()
        if query and self.search_fields:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": query})
            qs = qs.filter(condition)
        sort = self.request.GET.get("sort", self.default_sort)
        key = sort.lstrip("-")
        if key in self.sort_fields:
            field = self.sort_fields[key]
            qs = qs.order_by(f"-{field}" if sort.startswith("-") else field, "pk")
        return qs, query, sort

    def paginate(self, qs):
        paginator = Paginator(qs, self.paginate_by)
        return paginator.get_page(self.request.GET.get("page"))
