"""The signed-in person's inbox over the API (read and mark read)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.base import PortalReadOnlyViewSet
from portal.notifications import services
from portal.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(read_only=True)
    kind_label = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "subject", "lines", "link", "created_at", "read_at"]

    def get_kind_label(self, obj) -> str:
        return str(obj.kind_obj.label)


class NotificationViewSet(PortalReadOnlyViewSet):
    queryset = Notification.objects.order_by("-created_at", "-id")
    serializer_class = NotificationSerializer
    filterset_fields = ["kind"]

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"], url_path="read")
    def read(self, request, pk=None):
        notification = self.get_object()
        services.mark_read(notification, actor=request.user)
        return Response(NotificationSerializer(notification).data)
