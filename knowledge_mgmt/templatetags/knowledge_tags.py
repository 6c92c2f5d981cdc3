from decimal import Decimal

from django import template

from knowledge_mgmt.choices import TargetStatus
from knowledge_mgmt.svg import fmt

register = template.Library()


@register.filter
def num(value, decimals=0) -> str:
    """A figure in the reader's locale with the indicator's decimals (1 234,5 in Finnish)."""
    if value is None or value == "":
        return "–"
    return fmt(Decimal(value), int(decimals))


@register.filter
def target_label(status: str) -> str:
    return str(TargetStatus(status).label) if status in TargetStatus.values else ""


@register.filter
def km_can_import(user) -> bool:
    """Programme staff and administrators import files and recompute."""
    from portal import roles

    return roles.is_programme_editor(user)


@register.filter
def km_can_enter(user) -> bool:
    """Who may enter values by hand: programme staff, administrators and data stewards."""
    from knowledge_mgmt.models import IndicatorValue

    return IndicatorValue.objects.can_create(user)
