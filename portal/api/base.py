"""Base classes every app's API uses: permission-aware querysets, history, audit actor."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS

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

    @extend_schema(responses=ChangeLogSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="history")
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
