"""The one check every upload passes: an allowed type (extension *and* content signature) and the
configured size limit (``PORTAL_MAX_UPLOAD_BYTES``). Apps pass the types they accept."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> accepted leading bytes; None: a text file, which must not contain NUL bytes.
Signatures = dict[str, tuple[bytes, ...] | None]
ZIP = (b"PK\x03\x04",)
SPREADSHEETS: Signatures = {".csv": None, ".xlsx": ZIP}
DOCUMENTS: Signatures = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".pptx": ZIP,
    ".odt": ZIP,
    ".ods": ZIP,
    ".odp": ZIP,
    ".txt": None,
    ".csv": None,
}


def max_upload_bytes() -> int:
    return int(settings.PORTAL_MAX_UPLOAD_BYTES)


def allowed_text(allowed: Signatures) -> str:
    return ", ".join(sorted(ext.lstrip(".") for ext in allowed))


def check_upload(file, *, allowed: Signatures, max_bytes: int | None = None) -> None:
    """Refuse a file of a forbidden type, with contents that do not match its type, or over the limit.

    ``max_bytes`` is a caller's own documented limit (e.g. ``ARCHIVING_MAX_EXTRACT_BYTES``) in place
    of ``PORTAL_MAX_UPLOAD_BYTES``."""
    if file is None:
        return
    name = Path(getattr(file, "name", "") or "").name
    extension = Path(name).suffix.lower()
    if extension not in allowed:
        raise ValidationError(
            _("The file type %(ext)s of %(name)s is not allowed. Allowed types: %(allowed)s.")
            % {"ext": extension or "-", "name": name, "allowed": allowed_text(allowed)},
            code="forbidden_type",
        )
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file %(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    # Only a new upload can be read here; a stored file was checked when it was uploaded.
    if getattr(file, "_committed", True) and not hasattr(file, "content_type"):
        return
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(4096)
    file.seek(position)
    signatures = allowed[extension]
    ok = b"\x00" not in head if signatures is None else any(head.startswith(s) for s in signatures)
    if not ok:
        raise ValidationError(
            _("The contents of %(name)s do not match its file type %(ext)s.") % {"name": name, "ext": extension},
            code="type_mismatch",
        )


def save_import_file(content: bytes, filename: str, *, folder: str) -> dict:
    """Store an import's upload untouched for its job; returns the job's ``input_ref`` entries.

    Imports run as jobs, never in the web request (issue 11): the request only stores the bytes."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils.text import get_valid_filename

    digest = hashlib.sha256(content).hexdigest()
    safe_name = get_valid_filename(Path(filename or "upload").name)[:100] or "upload"
    path = default_storage.save(f"{folder}/{digest[:16]}/{safe_name}", ContentFile(content))
    return {"path": path, "filename": safe_name, "sha256": digest, "size": len(content)}


def read_import_file(input_ref: dict) -> tuple[bytes, str]:
    """The stored upload of an import job; a missing file is the job's bad input."""
    from django.core.files.storage import default_storage

    from portal.jobs import BadInput

    filename = input_ref.get("filename", "upload")
    try:
        with default_storage.open(input_ref["path"], "rb") as handle:
            return handle.read(), filename
    except (KeyError, FileNotFoundError) as exc:
        raise BadInput(_("The uploaded file %(file)s is missing.") % {"file": filename}) from exc
