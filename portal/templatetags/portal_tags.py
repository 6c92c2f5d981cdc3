from django import template
from django.utils.translation import get_language

from portal.models.localized import localized

register = template.Library()


@register.simple_tag
def query_replace(request, **kwargs) -> str:
    """The current query string with some parameters replaced (pagination, sorting links)."""
    params = request.GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()


@register.filter
def loc(obj, field: str) -> str:
    """``{{ measure|loc:"title" }}``: the field in the reader's language, Finnish as fallback."""
    return localized(obj, field)


@register.simple_tag
def lang() -> str:
    return (get_language() or "fi")[:2]


@register.inclusion_tag("portal/status_badge.html")
def status_badge(measure):
    return {"status": measure.status, "label": measure.get_status_display()}


@register.inclusion_tag("portal/sort_link.html", takes_context=True)
def sort_link(context, key: str, label: str):
    request = context["request"]
    current = context.get("sort", "")
    new = f"-{key}" if current == key else key
    state = "ascending" if current == key else "descending" if current == f"-{key}" else None
    return {"href": "?" + query_replace(request, sort=new, page=1), "label": label, "state": state}


@register.filter
def cents_as_euros(cents) -> str:
    """Integer cents as euros with two decimals in the reader's locale (``1 234,50``)."""
    from decimal import Decimal

    from django.utils import formats

    if cents is None or cents == "":
        return "–"
    return formats.number_format(Decimal(int(cents)) / 100, decimal_pos=2, use_l10n=True, force_grouping=True)


@register.filter
def year(value) -> str:
    """A year without a thousands separator (``2024``, never ``2 024``)."""
    return "" if value is None else str(value)
