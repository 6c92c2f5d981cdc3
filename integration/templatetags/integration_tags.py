from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ names|get_item:code }}``: a dict lookup in templates ("" when missing)."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.simple_tag
def code_label(names, code):
    """The name of a code from ``selectors.code_names``; ``lang`` marks a name in another language."""
    entry = (names or {}).get(code)
    if not entry:
        return ""
    name, lang = entry
    if lang != (get_language() or "fi")[:2]:
        return format_html('<span lang="{}">{}</span>', lang, name)
    return name


@register.simple_tag
def code_with_name(names, code):
    """A code as people read it: "name (code)"; the code alone when the lists have no name for it.

    ``names`` is ``selectors.code_names`` (code -> (name, language)) or a plain code -> name dict
    (package names); a name in another language than the page's is marked with ``lang``.
    """
    if not code:
        return "–"
    entry = (names or {}).get(code)
    if not entry:
        return code
    name, lang = entry if isinstance(entry, tuple) else (entry, None)
    if lang and lang != (get_language() or "fi")[:2]:
        return format_html('<span lang="{}">{}</span> ({})', lang, name, code)
    return format_html("{} ({})", name, code)


@register.simple_tag
def localized_name(obj, base="name"):
    """``obj.name_<lang>`` with a Finnish/English fallback; the fallback is marked with ``lang``."""
    lang = (get_language() or "fi")[:2]
    for candidate in (lang, "fi", "en", "sv"):
        value = getattr(obj, f"{base}_{candidate}", "")
        if value:
            return value if candidate == lang else format_html('<span lang="{}">{}</span>', candidate, value)
    return ""
