"""What an app declares for the generated test kit: one ``KitCase`` per model with routes.

An app lists its cases in ``<app>/tests/kit_cases.py`` as ``CASES = [KitCase(...), ...]``;
``portal/testing/test_generated.py`` finds every installed app's module and runs the checks. A new
area adds its file and nothing else (see docs/architecture.md, "Adding a model to an area").

URL names are full names (``"governance:body-list"``). Callables receive the object the factory
made (``obj``) and run inside the test's database transaction, after the personas exist.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models


def pk_kwargs(obj: models.Model) -> dict[str, Any]:
    return {"pk": obj.pk}


@dataclass
class KitCase:
    """One model's routes, data and personas.

    - ``factory``: makes one saved row (a factory-boy factory or any callable); list pages are
      measured with three rows so that a query per row shows up against the baseline.
    - ``list_url``/``detail_url``/``create_url``/``edit_url``/``delete_url``: UI URL names (None
      where the model has no such page); ``api_list``/``api_detail``: API URL names.
    - ``url_kwargs(obj)``: kwargs for detail/edit/delete (default ``{"pk": obj.pk}``); ``edit_kwargs``
      where the edit URL takes other kwargs than the detail URL; ``api_kwargs`` for the API detail;
      ``create_kwargs(obj)``: kwargs of a nested create URL (``{"body_pk": obj.body_id}``), where
      ``obj`` is a row made by the factory to hang the new one on.
    - ``create_data(obj)`` / ``edit_data(obj)``: POST data of the forms.
    - ``with_rights`` / ``without_rights``: persona fixture names (root conftest.py), or a callable
      that makes the user (e.g. a supervisor with an assignment); called once per test.
    - ``public``: anonymous visitors read the list and detail pages (otherwise they are sent to
      the login page).
    - ``denied_status``: what the persona without rights gets on create (403) and on a row's
      edit/delete (404: rows outside the user's reach are not revealed; 403 where they are visible).
    - ``changelog_rows``: change-log rows one create/edit/delete writes (1 for a plain record).
    """

    model: type[models.Model]
    factory: Callable[[], models.Model]
    with_rights: str | Callable[[], Any]
    without_rights: str | Callable[[], Any]
    list_url: str | None = None
    detail_url: str | None = None
    create_url: str | None = None
    edit_url: str | None = None
    delete_url: str | None = None
    api_list: str | None = None
    api_detail: str | None = None
    url_kwargs: Callable[[models.Model], dict[str, Any]] = pk_kwargs
    create_kwargs: Callable[[models.Model], dict[str, Any]] | None = None
    edit_kwargs: Callable[[models.Model], dict[str, Any]] | None = None
    api_kwargs: Callable[[models.Model], dict[str, Any]] = pk_kwargs
    create_data: Callable[[models.Model], dict[str, Any]] | None = None
    edit_data: Callable[[models.Model], dict[str, Any]] | None = None
    public: bool = False
    edit_denied_status: tuple[int, ...] = (403, 404)
    create_denied_status: tuple[int, ...] = (403,)
    changelog_rows: int = 1
    name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.name or self.model._meta.label_lower


def app_cases() -> list[KitCase]:
    """Every installed app's ``CASES`` (from ``<app>/tests/kit_cases.py``)."""
    found: list[KitCase] = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.kit_cases")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(config.name):
                continue
            raise
        found.extend(module.CASES)
    return found


def form_data(form_class: Any, instance: models.Model, **changes: Any) -> dict[str, Any]:
    """POST data for ``form_class`` filled from ``instance`` (foreign keys as ids, many-to-many as
    id lists), with ``changes`` on top: edit data is "the row as it is, with these changes"; create
    data is "a row like this one, with its unique fields changed"."""
    from django.forms.models import model_to_dict

    fields = list(form_class.base_fields)
    data = {
        name: value
        for name, value in model_to_dict(instance, fields=fields).items()
        if value is not None and value != ""
    }
    for name, value in list(data.items()):
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            else:
                del data[name]
        elif isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, models.Model):
            data[name] = value.pk
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def form_case(
    model: type[models.Model],
    factory: Callable[[], models.Model],
    form_class: Any,
    *,
    create: Callable[[models.Model], dict[str, Any]] | None = None,
    edit: Callable[[models.Model], dict[str, Any]] | None = None,
    **kwargs: Any,
) -> KitCase:
    """A case whose create and edit POST data is the form filled from a row (``form_data``) with
    ``create(obj)`` / ``edit(obj)`` on top; the apps' own helpers add their personas and statuses."""
    return KitCase(
        model=model,
        factory=factory,
        create_data=(lambda obj: form_data(form_class, obj, **create(obj))) if create else None,
        edit_data=(lambda obj: form_data(form_class, obj, **edit(obj))) if edit else None,
        **kwargs,
    )
