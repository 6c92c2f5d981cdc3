"""The start-app template (``make app NAME=...``) creates an area in the kit's shape that compiles."""

from __future__ import annotations

import py_compile
from pathlib import Path

from django.core.management import call_command

EXPECTED = [
    "__init__.py",
    "apps.py",
    "models.py",
    "admin.py",
    "filtersets.py",
    "forms.py",
    "services.py",
    "selectors.py",
    "views.py",
    "urls.py",
    "api/serializers.py",
    "api/views.py",
    "api/urls.py",
    "migrations/__init__.py",
    "tests/factories.py",
    "tests/kit_cases.py",
    "tests/test_index.py",
    "templates/sample_area/index.html",
    "locale/fi/LC_MESSAGES/README.md",
    "locale/sv/LC_MESSAGES/README.md",
    "locale/en/LC_MESSAGES/README.md",
    "README.md",
]


def test_startapp_template_creates_a_compiling_area(tmp_path):
    target = tmp_path / "sample_area"
    target.mkdir()
    template = Path(__file__).resolve().parents[1] / "app_template"
    call_command("startapp", "sample_area", str(target), template=str(template), extensions=["py", "md"])
    missing = [name for name in EXPECTED if not (target / name).exists()]
    assert missing == []
    for path in target.rglob("*.py"):
        py_compile.compile(str(path), doraise=True)
    models = (target / "models.py").read_text(encoding="utf-8")
    assert 'reverse("sample_area:item-detail"' in models
    assert "{{" not in models and not list(target.rglob("*.py-tpl"))
    assert 'with_rights="steward_a"' in (target / "tests/kit_cases.py").read_text(encoding="utf-8")
