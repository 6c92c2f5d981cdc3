"""Checks on uploaded files: an allowed type (extension and content signature) and the size limit."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> accepted leading bytes (None: a text file, which must not contain NUL bytes)
ALLOWED_SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".odp": (b"PK\x03\x04",),
    ".txt": None,
    ".csv": None,
}


def allowed_extensions_text() -> str:
    return ", ".join(sorted(ext.lstrip(".") for ext in ALLOWED_SIGNATURES))


def validate_upload(file) -> None:
    """Refuse a file of a forbidden type, with contents that do not match its type, or over the limit."""
    if file is None:
        return
    name = getattr(file, "name", "") or ""
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_SIGNATURES:
        raise ValidationError(
            _("The file type %(ext)s of %(name)s is not allowed. Allowed types: %(allowed)s.")
            % {"ext": extension or "-", "name": Path(name).name, "allowed": allowed_extensions_text()},
            code="forbidden_type",
        )
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file %(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": Path(name).name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    # Only a new upload can be read here; a stored file was checked when it was uploaded.
    if getattr(file, "_committed", True) and not hasattr(file, "content_type"):
        return
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(4096)
    file.seek(position)
    signatures = ALLOWED_SIGNATURES[extension]
    ok = b"\x00" not in head if signatures is None else any(head.startswith(signature) for signature in signatures)
    if not ok:
        raise ValidationError(
            _("The contents of %(name)s do not match its file type %(ext)s.")
            % {"name": Path(name).name, "ext": extension},
            code="type_mismatch",
        )
