"""Generic UI views every area builds on (NetBox's ``netbox/views/generic`` idea).

A view declares; a service decides; a selector reads:

- ``ObjectListView``: columns declared once (``Column``), the API's FilterSet rendered as the filter
  form, search, sorting, pagination, and ``?export=csv`` / ``?export=xlsx`` of the filtered rows.
- ``ObjectDetailView``: one row reached through ``visible_to``; supplies ``can_edit``/``can_delete``.
- ``ObjectEditView``: create (no ``pk``) or edit; hands the form's unsaved instance to a service verb
  (``portal.services.save_object`` by default) and shows the verb's errors on the form.
- ``ObjectDeleteView``: a confirmation page; the delete goes through a verb; rows that still refer to
  the object give a 409 page that lists them.

Every view reaches rows only through the model's ``visible_to``/``editable_by``, so an object outside
the user's reach is a 404, and a create form for a user who may not create is a 403.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from portal import exports, permissions
from portal import services as core_services
from portal.errors import ConflictError, ServiceErrorFormMixin


@dataclass
class Column:
    """One column of a list page and of its CSV/XLSX export.

    ``value`` is an attribute path (``"organisation.name"``) or a callable taking the row. ``sort``
    is the key in ``sort_fields`` that sorts by this column. ``url`` gives a link for the cell (a
    callable or ``"detail"`` for the row's ``get_absolute_url``). ``export`` False keeps the column
    off the downloads.
    """

    label: Any
    value: str | Callable[[Any], Any]
    sort: str = ""
    url: str | Callable[[Any], str] | None = None
    numeric: bool = False
    export: bool = True

    def raw(self, obj: Any) -> Any:
        if callable(self.value):
            return self.value(obj)
        current = obj
        for part in self.value.split("."):
            if current is None:
                return ""
            display = getattr(current, f"get_{part}_display", None)
            current = display() if callable(display) else getattr(current, part, "")
            if callable(current) and not isinstance(current, models.Model):
                current = current()
        return "" if current is None else current

    def text(self, obj: Any) -> Any:
        value = self.raw(obj)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        return value

    def link(self, obj: Any) -> str:
        if self.url is None:
            return ""
        if self.url == "detail":
            return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        return self.url(obj)  # type: ignore[operator]


class PortalViewMixin:
    """Who may open the page: signed-in users unless ``public`` is set."""

    request: HttpRequest
    kwargs: dict[str, Any]
    model: ClassVar[type[models.Model] | None] = None
    public: ClassVar[bool] = False
    area_url_name: ClassVar[str] = ""  # breadcrumb, e.g. "archiving:index"
    area_label: ClassVar[Any] = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.public and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("login"))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def base_queryset(self) -> QuerySet:
        assert self.model is not None
        return self.model._default_manager.all()

    def visible_queryset(self) -> QuerySet:
        return self.base_queryset().visible_to(self.request.user)  # type: ignore[attr-defined]

    def editable_queryset(self) -> QuerySet:
        return self.base_queryset().editable_by(self.request.user)  # type: ignore[attr-defined]

    def area_context(self) -> dict[str, Any]:
        return {"area_url": reverse(self.area_url_name) if self.area_url_name else "", "area_label": self.area_label}


class ObjectListView(PortalViewMixin, View):
    """A table of the rows the user may see, with the filter form, search, sort, pages and downloads."""

    columns: ClassVar[Sequence[Column]] = ()
    filterset_class: ClassVar[Any] = None
    search_fields: ClassVar[tuple[str, ...]] = ()
    sort_fields: ClassVar[dict[str, str]] = {}
    default_sort: ClassVar[str] = ""
    paginate_by: ClassVar[int] = 25
    related: ClassVar[tuple[str, ...]] = ()
    prefetch: ClassVar[tuple[str, ...]] = ()
    title: ClassVar[Any] = ""
    intro: ClassVar[Any] = ""
    create_url_name: ClassVar[str] = ""
    export_formats: ClassVar[tuple[str, ...]] = ("csv", "xlsx")
    export_name: ClassVar[str] = ""
    template_name: ClassVar[str] = "portal/generic/object_list.html"
    empty_text: ClassVar[Any] = ""

    def base_queryset(self) -> QuerySet:
        qs = super().base_queryset()
        if self.related:
            qs = qs.select_related(*self.related)
        if self.prefetch:
            qs = qs.prefetch_related(*self.prefetch)
        return qs

    def filter_queryset(self, qs: QuerySet) -> QuerySet:
        """Narrowing beyond the FilterSet (e.g. a URL kwarg); the default keeps all rows."""
        return qs

    def get_filterset(self, qs: QuerySet) -> Any:
        if self.filterset_class is None:
            return None
        return self.filterset_class(self.request.GET or None, queryset=qs, request=self.request)

    def get_queryset_and_controls(self) -> tuple[QuerySet, Any, str, str]:
        qs = self.filter_queryset(self.visible_queryset())
        filterset = self.get_filterset(qs)
        if filterset is not None:
            qs = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
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
        else:
            sort = self.default_sort
            if sort and sort.lstrip("-") in self.sort_fields:
                field = self.sort_fields[sort.lstrip("-")]
                qs = qs.order_by(f"-{field}" if sort.startswith("-") else field, "pk")
        return qs, filterset, query, sort

    def get_columns(self) -> Sequence[Column]:
        return self.columns

    def get_title(self) -> Any:
        return self.title or self.model._meta.verbose_name_plural.capitalize()  # type: ignore[union-attr]

    def paginate(self, qs: QuerySet) -> Page:
        return Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))

    def export(self, qs: QuerySet, fmt: str) -> HttpResponse:
        columns = [c for c in self.get_columns() if c.export]
        header = [str(c.label) for c in columns]
        rows = ([_export_value(c.raw(obj)) for c in columns] for obj in qs.iterator(chunk_size=2000))
        name = self.export_name or slugify(str(self.get_title())) or "export"
        if fmt == "xlsx":
            return exports.xlsx_response(f"{name}.xlsx", header, rows, sheet_title=name)
        return exports.csv_response(f"{name}.csv", header, rows)

    def can_create(self) -> bool:
        return permissions.can_create(self.request.user, self.model)  # type: ignore[arg-type]

    def extra_context(self) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        qs, filterset, query, sort = self.get_queryset_and_controls()
        fmt = request.GET.get("export", "")
        if fmt in self.export_formats:
            return self.export(qs, fmt)
        page = self.paginate(qs)
        columns = self.get_columns()
        user = request.user
        editable: set[tuple[type, Any]] | None = None

        def link(column: Column, obj: Any) -> str:
            nonlocal editable
            url = column.link(obj)
            # Edit pages are linked only for those who may edit (others would get a 404); the
            # rights of the whole page are asked once, not per row.
            if url and url.rstrip("/").rsplit("/", 1)[-1] in ("edit", "correct"):
                if editable is None:
                    editable = permissions.editable_pks(user, page.object_list)
                if (type(obj), obj.pk) not in editable:
                    return ""
            return url

        rows = [
            [{"text": c.text(obj), "url": link(c, obj), "numeric": c.numeric} for c in columns]
            for obj in page.object_list
        ]
        headers = [
            {"label": c.label, "sort": c.sort if c.sort in self.sort_fields else "", "numeric": c.numeric}
            for c in columns
        ]
        create_url = reverse(self.create_url_name) if self.create_url_name and self.can_create() else ""
        export_links = [
            {"format": fmt_, "label": fmt_.upper(), "query": _query_with(request, export=fmt_, page=None)}
            for fmt_ in self.export_formats
        ]
        return render(
            request,
            self.template_name,
            {
                "title": self.get_title(),
                "intro": self.intro,
                "headers": headers,
                "rows": rows,
                "objects": page.object_list,
                "page": page,
                "q": query,
                "sort": sort,
                "searchable": bool(self.search_fields),
                "filter_form": filterset.form if filterset is not None else None,
                "create_url": create_url,
                "export_links": export_links,
                "empty_text": self.empty_text or _("Nothing to show."),
                **self.area_context(),
                **self.extra_context(),
            },
        )


def _export_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "isoformat") or isinstance(value, int | float | str) or value is None:
        return value
    return str(value)


def _query_with(request: HttpRequest, **changes: Any) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


class ObjectDetailView(PortalViewMixin, View):
    """One row the user may see, with ``can_edit``/``can_delete`` and its change history."""

    template_name: ClassVar[str] = ""
    lookup_field: ClassVar[str] = "pk"
    lookup_url_kwarg: ClassVar[str] = "pk"
    show_history: ClassVar[bool] = True

    def get_object(self) -> models.Model:
        return get_object_or_404(self.visible_queryset(), **{self.lookup_field: self.kwargs[self.lookup_url_kwarg]})

    def on_read(self, obj: models.Model) -> None:
        """Hook for confidential records: write the access log here (``portal.audit.log_access``)."""

    def extra_context(self, obj: models.Model) -> dict[str, Any]:
        return {}

    def history_queryset(self, obj: models.Model) -> Any:
        from portal.models import ChangeLog

        return (
            ChangeLog.objects.visible_to(self.request.user)
            .filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
            .order_by("-timestamp")
        )

    def history(self, obj: models.Model) -> Any:
        return self.history_queryset(obj)[:20]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        self.on_read(obj)
        history_format = request.GET.get("history")
        if history_format in ("csv", "xlsx") and self.show_history and request.user.is_authenticated:
            # The whole history (the page shows the latest 20), through the same visible_to.
            entries = self.history_queryset(obj).select_related("content_type")
            return exports.history_response(entries, history_format, f"{slugify(str(obj)) or 'object'}-history")
        context = {
            "object": obj,
            "title": str(obj),
            "can_edit": permissions.can_edit(request.user, obj),
            "can_delete": permissions.can_delete(request.user, obj),
            "history": self.history(obj) if self.show_history and request.user.is_authenticated else None,
            **self.area_context(),
            **self.extra_context(obj),
        }
        return render(request, self.template_name or "portal/generic/object_detail.html", context)


class ObjectEditView(ServiceErrorFormMixin, PortalViewMixin, View):
    """Create (no ``pk`` in the URL) or edit one row through a service verb.

    ``save(instance, form)`` calls the verb; the default is ``portal.services.save_object`` with the
    form's many-to-many fields. A verb's ``ValidationError`` lands on the form (400), a concurrency or
    state conflict is shown on the form (409); ``PermissionDenied`` is a 403.
    """

    form_class: ClassVar[Any] = None
    template_name: ClassVar[str] = "portal/generic/object_form.html"
    title: ClassVar[Any] = ""
    success_message: ClassVar[Any] = ""

    def new_instance(self) -> models.Model:
        assert self.model is not None
        return self.model()

    def get_instance(self) -> models.Model:
        if "pk" in self.kwargs:
            return get_object_or_404(self.editable_queryset(), pk=self.kwargs["pk"])
        if not permissions.can_create(self.request.user, self.model):  # type: ignore[arg-type]
            raise PermissionDenied
        return self.new_instance()

    def get_form_kwargs(self, instance: models.Model) -> dict[str, Any]:
        return {"instance": instance}

    def get_form(self, instance: models.Model, data: Any = None, files: Any = None) -> Any:
        kwargs = self.get_form_kwargs(instance)
        if getattr(self.form_class, "takes_user", False):
            # Forms that narrow their choices to the user's reach (a steward's organisations).
            kwargs["user"] = self.request.user
        if data is not None:
            return self.form_class(data, files, **kwargs)
        return self.form_class(**kwargs)

    def save(self, instance: models.Model, form: Any) -> models.Model:
        m2m = {
            name: form.cleaned_data[name]
            for name, field in form.fields.items()
            if name in form.cleaned_data and _is_m2m(instance, name)
        }
        return core_services.save_object(instance, actor=self.request.user, m2m=m2m)

    def success_url(self, obj: models.Model) -> str:
        return obj.get_absolute_url()  # type: ignore[attr-defined]

    def cancel_url(self, obj: models.Model) -> str:
        if obj.pk is not None and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return reverse(self.area_url_name) if self.area_url_name else "/"

    def get_title(self, obj: models.Model) -> str:
        if obj.pk is None:
            return str(self.title or _("New: %(type)s") % {"type": obj._meta.verbose_name})
        return _("Edit: %(object)s") % {"object": obj}

    def render_form(self, form: Any, obj: models.Model, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "object": obj,
                "title": self.get_title(obj),
                "cancel_url": self.cancel_url(obj),
                **self.area_context(),
            },
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_instance()
        return self.render_form(self.get_form(obj), obj)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_instance()
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            instance = form.save(commit=False) if hasattr(form, "save") else obj
            saved = self.run_service(form, lambda: self.save(instance, form))
            if saved is not None:
                messages.success(request, str(self.success_message or _("Saved.")))
                return redirect(self.success_url(saved))
            return self.render_form(form, obj, status=self.form_error_status)
        return self.render_form(form, obj, status=400)


def _is_m2m(instance: models.Model, name: str) -> bool:
    try:
        field = instance._meta.get_field(name)
    except Exception:  # a form-only field
        return False
    return bool(getattr(field, "many_to_many", False))


class ObjectDeleteView(PortalViewMixin, View):
    """Asks for confirmation, then deletes through a verb (``portal.services.delete_object``)."""

    template_name: ClassVar[str] = "portal/generic/object_confirm_delete.html"

    def get_object(self) -> models.Model:
        obj = get_object_or_404(self.visible_queryset(), pk=self.kwargs["pk"])
        if not permissions.can_delete(self.request.user, obj):
            # Visible but not the user's to delete: 404 for rows they cannot edit either, else 403.
            if not permissions.can_edit(self.request.user, obj):
                get_object_or_404(self.editable_queryset(), pk=obj.pk)
            raise PermissionDenied
        return obj

    def delete(self, obj: models.Model) -> None:
        core_services.delete_object(obj, actor=self.request.user)

    def success_url(self, obj: models.Model) -> str:
        return reverse(self.area_url_name) if self.area_url_name else "/"

    def cancel_url(self, obj: models.Model) -> str:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else self.success_url(obj)

    def render_page(self, obj: models.Model, *, conflict: ConflictError | None = None) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "object": obj,
                "title": _("Delete: %(object)s") % {"object": obj},
                "cancel_url": self.cancel_url(obj),
                "conflict": conflict,
                "blocking": [
                    {"type": b._meta.verbose_name, "name": str(b)}
                    for b in (conflict.blocking if conflict else [])
                    if hasattr(b, "_meta")
                ],
                **self.area_context(),
            },
            status=409 if conflict else 200,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_page(self.get_object())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        target = self.success_url(obj)
        label = str(obj)
        try:
            self.delete(obj)
        except ConflictError as exc:
            return self.render_page(obj, conflict=exc)
        messages.success(request, _("Deleted: %(object)s") % {"object": label})
        return redirect(target)


def format_number(value: Any) -> str:
    """A number in the reader's locale (1 234,5 in Finnish); a year stays ``2024``."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)
