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


# Service errors reach responses through one mapping (issue 9 point 4): ``portal.api.exceptions``
# for the API, ``portal.errors`` (ServiceErrorFormMixin, run_with_messages, the conflict page) for
# the UI. A view that catches one by hand is refused; the allowlist names the catches that are not
# an error mapping, with the reason.
SERVICE_ERROR_NAMES = {
    "ValidationError",
    "PermissionDenied",
    "ConcurrentEditError",
    "ConflictError",
    "ProtectedError",
    "RestrictedError",
    "ObjectDoesNotExist",
    "DoesNotExist",
    "Http404",
}
SERVICE_ERROR_MODULES = {
    "django.core.exceptions",
    "django.db.models",
    "django.db.models.deletion",
    "django.http",
    "portal.errors",
    "rest_framework.exceptions",
}
HAND_CATCH_ALLOWED = {
    "portal/identity/api/views.py:PermissionDenied": (
        "authenticate() raises PermissionDenied to stop the other backends (a locked-out account): "
        "a failed sign-in answered with the same 400 as a wrong password, not a service error"
    ),
}


def _views_modules() -> list[Path]:
    files: set[Path] = set()
    for app in ("portal", *DOMAIN_APPS):
        for path in (ROOT / app).rglob("views*.py"):
            if not {"migrations", "tests", "app_template"} & set(path.parts):
                files.add(path)
    return sorted(files)


def _imported_names(tree: ast.AST) -> dict[str, tuple[str, str]]:
    """Local name -> (module, original name) of every ``from M import X [as Y]`` in the module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def _is_service_error(node: ast.expr, imported: dict[str, tuple[str, str]]) -> str | None:
    """The service error class an ``except`` clause names, or None."""
    if isinstance(node, ast.Name) and node.id in imported:
        module, name = imported[node.id]
        if name in SERVICE_ERROR_NAMES and (module in SERVICE_ERROR_MODULES or module.endswith("services")):
            return name
    if isinstance(node, ast.Attribute):
        if node.attr == "DoesNotExist":  # Model.DoesNotExist
            return node.attr
        base = node.value.id if isinstance(node.value, ast.Name) else ""
        if node.attr in SERVICE_ERROR_NAMES and base in {"services", "errors", "exceptions", "models"}:
            return node.attr
    return None


def hand_caught_service_errors(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = _imported_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            for item in caught:
                name = _is_service_error(item, imported)
                if name:
                    found.append((node.lineno, name))
    return found


def test_views_never_catch_service_errors_by_hand():
    offending, used = [], set()
    for path in _views_modules():
        relative = path.relative_to(ROOT).as_posix()
        for number, name in hand_caught_service_errors(path):
            key = f"{relative}:{name}"
            if key in HAND_CATCH_ALLOWED:
                used.add(key)
            else:
                offending.append(f"{relative}:{number}: except {name}")
    assert offending == [], (
        "let the shared mapping answer (portal.api.exceptions for the API; ServiceErrorFormMixin, "
        "run_with_messages or conflict_template of portal.errors for pages):\n" + "\n".join(offending)
    )
    assert used == set(HAND_CATCH_ALLOWED), f"stale allowlist entries: {set(HAND_CATCH_ALLOWED) - used}"


def test_the_hand_catch_check_sees_every_form(tmp_path):
    """The check is real: a planted catch of each form is found, a foreign class of the same name is not."""
    planted = tmp_path / "views.py"
    planted.write_text(
        "from django.core.exceptions import ValidationError as DjangoValidationError\n"
        "from portal.errors import ConflictError\n"
        "from some_app.selectors import RestrictedError\n"
        "from portal import services\n"
        "def a():\n"
        "    try:\n        pass\n    except (DjangoValidationError, KeyError):\n        pass\n"
        "    try:\n        pass\n    except ConflictError:\n        pass\n"
        "    try:\n        pass\n    except services.ConcurrentEditError:\n        pass\n"
        "    try:\n        pass\n    except Organisation.DoesNotExist:\n        pass\n"
        "    try:\n        pass\n    except RestrictedError:\n        pass\n"
        "    try:\n        pass\n    except ValueError:\n        pass\n",
        encoding="utf-8",
    )
    assert hand_caught_service_errors(planted) == [
        (8, "ValidationError"),
        (12, "ConflictError"),
        (16, "ConcurrentEditError"),
        (20, "DoesNotExist"),
    ]
