"""Finnish, Swedish and English catalogues are complete: no untranslated, fuzzy or missing entries."""

from portal.i18n_tools import incomplete_entries, missing_from_catalogues


def test_no_untranslated_or_fuzzy_entries():
    problems = incomplete_entries()
    assert problems == [], "\n".join(problems[:50])


def test_every_string_in_the_code_is_in_the_catalogues():
    problems = missing_from_catalogues()
    assert problems == [], "\n".join(problems[:50])
