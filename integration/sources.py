"""Readable, translated source texts of the code lists and package definitions the portal ships.

The loaders store a technical source note (with the file the rows came from, for maintainers and
exports); people read the text below in their language instead of a repository path.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SERVICE_CLASSES = "JHS 200 liite 2 (portal/reference/service_classes_verified.csv); only the verified classes"
INCOME_STATEMENT_ROWS = "JHS 192 liite 1 (portal/reference/income_statement_rows_jhs192.csv)"
CLIENT_GROUPS = "Working list of the portal team (integration/data/client_groups.csv), not an official table"
PRODUCTION_MODES = (
    "SOTE data-package model: own production, purchased, service voucher (integration/data/production_modes.csv)"
)
FUNDING_CHANNELS = "Working list of the portal team (integration/data/funding_channels.csv), not an official table"
EXAMPLE_PACKAGES = (
    "Invented by the portal team for demonstration (integration/data/example_packages.csv); "
    "replace with the official STM tables"
)

KNOWN_SOURCES = {
    SERVICE_CLASSES: _(
        "JHS 200 recommendation, appendix 2 (service classification); only the classes verified by the portal team"
    ),
    INCOME_STATEMENT_ROWS: _("JHS 192 recommendation, appendix 1 (income-statement rows)"),
    CLIENT_GROUPS: _("Working list of the portal team, not an official classification"),
    PRODUCTION_MODES: _("SOTE data-package model: own production, purchased services, service vouchers"),
    FUNDING_CHANNELS: _("Working list of the portal team, not an official classification"),
    EXAMPLE_PACKAGES: _(
        "Invented by the portal team for demonstration; to be replaced with the official tables of the "
        "Ministry of Social Affairs and Health"
    ),
}


def source_text(stored: str) -> str:
    """The readable source in the reader's language; a source someone typed in is shown as written."""
    return str(KNOWN_SOURCES.get(stored, stored))
