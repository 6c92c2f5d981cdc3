"""Conventions of the portal kit (issue 9), checked on the source so that no module can forget them.

- Views, API views and serializers never write: they call a service verb (``.save()``,
  ``.delete()``, ``.objects.create(``, ``.get_or_create(`` are refused there; a ModelForm's
  ``save(commit=False)`` builds an unsaved instance and is allowed).
- No domain app imports another domain app: where two apps meet, the producer registers a
  provider through ``portal.providers`` at start-up.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_APPS = (
    "governance",
    "knowledge_mgmt",
    "integration",
    "digital_services",
    "supervision",
    "archiving",
    "ot_centre",
)
WRITE = re.compile(r"\.save\((?!commit=False)|\.delete\(|\.objects\.create\(|\.get_or_create\(")


def _view_and_serializer_modules() -> list[Path]:
    files: set[Path] = set()
    for app in ("portal", *DOMAIN_APPS):
        base = ROOT / app
        files.update(base.glob("views*.py"))
        files.update((base / "views").glob("*.py"))
        files.update(base.glob("api/views*.py"))
        files.update(base.glob("api/serializers*.py"))
        files.update(base.glob("serializers*.py"))
    return sorted(files)


def test_views_and_serializers_never_write():
    offending = []
    for path in _view_and_serializer_modules():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if WRITE.search(code):
                offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offending == [], "write through a service verb instead:\n" + "\n".join(offending)


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_no_domain_app_imports_another():
    offending = []
    for app in DOMAIN_APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or "tests" in path.parts:
                continue
            for module in _imported_modules(path):
                top = module.split(".", 1)[0]
                if top in DOMAIN_APPS and top != app:
                    offending.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offending == [], "use a provider registered through portal.providers:\n" + "\n".join(offending)


def test_every_actor_parameter_is_typed():
    """``actor`` says who performs a verb; typed (``portal.types.Actor``) everywhere, so that mypy
    sees what reaches ``acting_user`` and the permission checks (issue 9 point 7)."""
    untyped = []
    for app in ("portal", *DOMAIN_APPS):
        for path in (ROOT / app).rglob("*.py"):
            if {"migrations", "tests", "app_template"} & set(path.parts):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                    if any(a.arg == "actor" and a.annotation is None for a in arguments):
                        untyped.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert untyped == [], "type the actor (portal.types.Actor):\n" + "\n".join(untyped)
