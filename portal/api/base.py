"""Base classes every app's API uses: permission-aware querysets, history, audit actor."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import JSONRenderer

from portal import audit
from portal.models import ChangeLog


class ChangeLogSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor_repr")

    class Meta:
        model = ChangeLog
        fields = [
            "id",
            "timestamp",
            "actor",
            "action",
            "source",
            "request_id",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
        ]

    def get_object_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class PortalViewSetMixin:
    """Applies ``visible_to``/``editable_by`` and records the API actor for the change log.

    Subclasses declare ``queryset`` (the base, ordered), ``serializer_class`` and ``filterset_class``.
    """

    def get_model(self):
        return self.queryset.model

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Token authentication happens here, after the middleware: give the audit its actor.
        if request.user and request.user.is_authenticated:
            audit.set_user(request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # An error is JSON (``detail``) even where a CSV or XLSX download was asked for: the
        # schema's error responses are JSON, and a client reads why, not a one-cell spreadsheet.
        renderer_format = getattr(getattr(response, "accepted_renderer", None), "format", "json")
        if response.status_code >= 400 and renderer_format not in {"json", "api"}:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = "application/json"
        return response

    def get_queryset(self):
        base = super().get_queryset()
        user = self.request.user
        if self.request.method in SAFE_METHODS:
            return base.visible_to(user)
        return base.editable_by(user)


class PortalReadOnlyViewSet(PortalViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class PortalModelViewSet(PortalViewSetMixin, viewsets.ModelViewSet):
    pass


class HistoryMixin:
    """Adds ``GET .../{id}/history/``: the object's change log (signed-in users)."""

    # The change log is paged but not filtered: the list's filters do not apply here.
    @extend_schema(responses=ChangeLogSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="history", filter_backends=[])
    def history(self, request, *args, **kwargs):
        obj = self.get_object()
        entries = (
            ChangeLog.objects.visible_to(request.user)
            .filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
            .select_related("content_type")
        )
        page = self.paginate_queryset(entries)
        serializer = ChangeLogSerializer(page, many=True)
        return self.get_paginated_response(serializer.data)


class ServiceModelViewSet(PortalModelViewSet):
    """A model viewset whose writes go through service verbs, never ``serializer.save()``.

    Defaults: ``portal.services.save_object`` for create and update (the serializer's validated
    data set on the instance, many-to-many fields after the save) and ``delete_object`` for delete.
    A viewset with its own rules overrides ``create_object``/``update_object``/``delete_object``.
    Service errors become responses in ``portal.api.exceptions``.
    """

    def _split_m2m(self, model, data: dict) -> tuple[dict, dict]:
        m2m = {k: data.pop(k) for k in list(data) if getattr(model._meta.get_field(k), "many_to_many", False)}
        return data, m2m

    def create_object(self, data: dict):
        from portal.services import save_object

        model = self.get_model()
        fields, m2m = self._split_m2m(model, dict(data))
        return save_object(model(**fields), actor=self.request.user, m2m=m2m)

    def update_object(self, instance, data: dict):
        from portal.services import save_object

        fields, m2m = self._split_m2m(type(instance), dict(data))
        for name, value in fields.items():
            setattr(instance, name, value)
        return save_object(instance, actor=self.request.user, m2m=m2m)

    def delete_object(self, instance) -> None:
        from portal.services import delete_object

        delete_object(instance, actor=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = self.create_object(serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self.update_object(serializer.instance, serializer.validated_data)

    def perform_destroy(self, instance):
        self.delete_object(instance)
