"""Message-catalogue tools: fill the English catalogues and find incomplete entries.

Source strings are English, Finnish is the primary language: every msgid needs a Finnish and a
Swedish translation, and the English catalogue repeats the msgid so that "untranslated" has one
meaning in all three.

    python -m portal.i18n_tools fill-english [APP]   # after makemessages
    python -m portal.i18n_tools check          # prints incomplete entries, exit 1 if any
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
LANGS = ("fi", "sv", "en")
# Directories whose strings live in their own locale/ folder; the project locale/ holds templates/.
CATALOGUE_ROOTS = [
    "portal",
    "governance",
    "knowledge_mgmt",
    "integration",
    "digital_services",
    "supervision",
    "archiving",
    "ot_centre",
    ".",
]


def catalogue_path(root: str, lang: str) -> Path:
    return BASE_DIR / root / "locale" / lang / "LC_MESSAGES" / "django.po"


def fill_english(only: str | None = None) -> int:
    changed = 0
    for root in [only] if only else CATALOGUE_ROOTS:
        path = catalogue_path(root, "en")
        if not path.exists():
            continue
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgid_plural:
                if not all(entry.msgstr_plural.values()):
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                    changed += 1
            elif not entry.msgstr:
                entry.msgstr = entry.msgid
                changed += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = entry.msgid if not entry.msgid_plural else entry.msgstr
        po.save()
    return changed


def incomplete_entries() -> list[str]:
    """Untranslated, fuzzy or missing entries across all catalogues."""
    problems: list[str] = []
    for root in CATALOGUE_ROOTS:
        for lang in LANGS:
            path = catalogue_path(root, lang)
            if not path.exists():
                continue
            for entry in polib.pofile(str(path)):
                if entry.obsolete:
                    continue
                if "fuzzy" in entry.flags:
                    problems.append(f"{path.relative_to(BASE_DIR)}: fuzzy: {entry.msgid!r}")
                elif not entry.translated():
                    problems.append(f"{path.relative_to(BASE_DIR)}: untranslated: {entry.msgid!r}")
    return problems


def extracted_msgids(root: str) -> set[str]:
    """The msgids makemessages finds today in ``root`` (run on a copy, so nothing here changes)."""
    source = BASE_DIR / root
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "src"
        if root == ".":
            target.mkdir()
            shutil.copytree(BASE_DIR / "templates", target / "templates")
        else:
            shutil.copytree(
                source,
                target,
                ignore=shutil.ignore_patterns("locale", "__pycache__", "migrations", "tests", "app_template"),
            )
        (target / "locale").mkdir(exist_ok=True)
        env_python = sys.executable
        subprocess.run(
            [env_python, "-P", "-m", "django", "makemessages", "-l", "en", "-v0"],
            cwd=target,
            check=True,
            capture_output=True,
            env={
                "DJANGO_SETTINGS_MODULE": "portal.settings",
                "DEBUG": "1",
                "PYTHONPATH": str(BASE_DIR),
                "PATH": "/usr/bin:/bin:/usr/local/bin",
            },
        )
        po_path = target / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            return set()
        return {entry.msgid for entry in polib.pofile(str(po_path))}


def missing_from_catalogues() -> list[str]:
    problems = []
    for root in CATALOGUE_ROOTS:
        found = extracted_msgids(root)
        for lang in LANGS:
            path = catalogue_path(root, lang)
            known = {e.msgid for e in polib.pofile(str(path)) if not e.obsolete} if path.exists() else set()
            problems += [f"{root}/locale/{lang}: not in catalogue: {msgid!r}" for msgid in sorted(found - known)]
    return problems


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "fill-english":
        print(f"{fill_english(sys.argv[2] if len(sys.argv) > 2 else None)} English entries filled.")
    else:
        issues = incomplete_entries() + missing_from_catalogues()
        print("\n".join(issues) or "All catalogues complete.")
        sys.exit(1 if issues else 0)
