"""Recompute the package indicators when a data-package conversion finishes; give the cached
pages of the bank a new data version when its rows change (``portal.datacache``).

The integration app must not import this app (arrows point one way), so the meeting point is a
signal in the core: ``portal.signals.package_rows_replaced`` (sender, organisation_code, year),
sent by integration after a conversion commits. ``KnowledgeMgmtConfig.ready`` connects the receiver.
"""

from __future__ import annotations

from django.db import transaction


def on_package_rows_replaced(sender=None, *, organisation_code: str, year: int, **kwargs) -> None:
    """Queue the recomputation of one organisation-year after the current transaction commits."""
    from knowledge_mgmt.computed import start_package_recompute

    transaction.on_commit(lambda: start_package_recompute(organisation_codes=[organisation_code], years=[int(year)]))


# The cached pages (dashboards, municipality and indicator pages) read these. Values written in bulk
# (imports, publications, manual entry, computations: ``services.store_values``) call
# ``datacache.changed(KNOWLEDGE)`` themselves.
KNOWLEDGE = "knowledge"


def track_page_data() -> None:
    from knowledge_mgmt import models
    from portal import datacache

    datacache.track(
        KNOWLEDGE,
        models.Theme,
        models.Indicator,
        models.IndicatorValue,
        models.Target,
        models.IndicatorSet,
        models.IndicatorSetItem,
        models.ConceptIndicatorLink,
    )
