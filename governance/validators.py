"""Checks on governance attachments and legacy documents (referenced by migrations)."""

from __future__ import annotations

from portal.uploads import DOCUMENTS, allowed_text, check_upload

ALLOWED_SIGNATURES = DOCUMENTS


def allowed_extensions_text() -> str:
    return allowed_text(DOCUMENTS)


def validate_upload(file) -> None:
    """Documents only (see ``portal.uploads.DOCUMENTS``), within the configured size limit."""
    check_upload(file, allowed=DOCUMENTS)
