"""The archiving catalogues are complete in fi, sv and en (no untranslated or fuzzy entries, and
every string of the code is in them)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_archiving_catalogues_are_complete():
    problems = []
    for lang in ("fi", "sv", "en"):
        po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
        problems += [f"{lang}: untranslated {e.msgid!r}" for e in po.untranslated_entries()]
        problems += [f"{lang}: fuzzy {e.msgid!r}" for e in po.fuzzy_entries()]
    assert problems == []


def test_key_finnish_and_swedish_strings():
    fi = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "fi" / "LC_MESSAGES" / "django.po"))}
    sv = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "sv" / "LC_MESSAGES" / "django.po"))}
    assert fi["UNVERIFIED"] == "VARMISTAMATON" and sv["UNVERIFIED"] == "EJ VERIFIERAD"
    assert fi["Destruction lists"] == "Hävitysluettelot"
