"""Template filters over the permission vocabulary: ``{% if obj|can_edit:user %}``."""

from __future__ import annotations

from django import template

from portal import permissions

register = template.Library()


@register.filter(name="can_view")
def can_view(obj, user) -> bool:
    return permissions.can_view(user, obj)


@register.filter(name="can_edit")
def can_edit(obj, user) -> bool:
    return permissions.can_edit(user, obj)


@register.filter(name="can_delete")
def can_delete(obj, user) -> bool:
    return permissions.can_delete(user, obj)
