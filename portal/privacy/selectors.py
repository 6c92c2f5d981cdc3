"""Reads for a person's data report."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from portal.models import AccessLog, ChangeLog
from portal.privacy import register


def person_data(user, *, limit: int = 500) -> dict:
    """What the portal keeps about a person: the account, the rows linked to it (per the register),
    their actions in the change log, and the access-log rows of reads of data about them."""
    from portal.identity.models import ApiToken, AuthEvent, ExternalIdentity
    from portal.notifications.models import Notification

    linked = []
    read_filters = Q(content_type=ContentType.objects.get_for_model(user.__class__), object_id=str(user.pk))
    for model, field in register.user_link_fields():
        if model in (ChangeLog, AccessLog):
            continue
        qs = model._default_manager.filter(**{field: user})
        count = qs.count()
        if count:
            linked.append(
                {
                    "model": model._meta.verbose_name_plural,
                    "field": getattr(model._meta.get_field(field), "verbose_name", field),
                    "count": count,
                }
            )
            ids = [str(pk) for pk in qs.values_list("pk", flat=True)[:limit]]
            read_filters |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return {
        "person": user,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "external_ids": list(ExternalIdentity.objects.filter(user=user)),
        "tokens": list(ApiToken.objects.filter(user=user)),
        "notification_count": Notification.objects.filter(recipient=user).count(),
        "linked": linked,
        "changes": list(ChangeLog.objects.filter(actor=user).select_related("content_type")[:limit]),
        "change_count": ChangeLog.objects.filter(actor=user).count(),
        "reads": list(AccessLog.objects.filter(read_filters).select_related("content_type")[:limit]),
        "reads_by_person": AccessLog.objects.filter(actor=user).count(),
        "auth_events": list(AuthEvent.objects.filter(user=user)[:limit]),
        "limit": limit,
    }
