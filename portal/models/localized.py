"""Pick the field of the reader's language (``title_fi`` / ``title_sv`` / ``title_en``)."""

from django.utils.translation import get_language


def localized(obj, base: str) -> str:
    lang = (get_language() or "fi")[:2]
    for candidate in (lang, "fi", "en", "sv"):
        value = getattr(obj, f"{base}_{candidate}", "")
        if value:
            return value
    return ""
