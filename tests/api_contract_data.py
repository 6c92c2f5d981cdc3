"""Helpers of the API contract tests: the schema the suite produces and the demo content to read.

``load_demo_content`` runs the same loaders as ``make demo`` (reference data, one account per role,
every area's demo content, three converted demo ledgers, the indicator bank), so the contract is
exercised on real rows, not on empty lists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.test import TestCase
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer


def openapi_schema() -> dict[str, Any]:
    """The schema exactly as ``/api/schema/?format=json`` serves it (lazy strings rendered)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def load_demo_content(ledger_dir: Path, *, ledger_rows: int = 200) -> None:
    from archiving.demo import seed_archiving_demo
    from digital_services.demo import seed_digital_services_demo
    from governance.demo import seed_governance_demo
    from integration import demo_measures
    from integration.demo import run_demo
    from knowledge_mgmt.demo import load_demo, load_digital_exclusion_indicator, load_package_indicators
    from ot_centre.demo import seed_ot_centre_demo
    from portal.demo import seed_demo
    from supervision.demo import seed_supervision_demo

    # The demo's jobs (ledger conversion, publishing its draft) run on commit: run them here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        for loader in (
            seed_demo,
            seed_ot_centre_demo,
            seed_archiving_demo,
            seed_digital_services_demo,
            seed_governance_demo,
            seed_supervision_demo,
        ):
            loader()
        run_demo(ledger_dir, rows=ledger_rows)
    with TestCase.captureOnCommitCallbacks(execute=True):
        demo_measures.seed()
        load_demo()
        load_package_indicators()
        load_digital_exclusion_indicator()


def demo_with_staff_token(ledger_dir: Path) -> str:
    """The demo content of every area (as the browser suite loads it) and a full-scope API token of
    the demo programme staff; returns the token's key. For tests that call a live server."""
    from django.contrib.auth import get_user_model

    from conftest import seed_all_demo_content
    from portal.identity.choices import TokenScope
    from portal.identity.services import issue_token

    seed_all_demo_content(ledger_dir)
    staff = get_user_model().objects.get(username="staff")
    _token, key = issue_token(user=staff, name="API contract", scope=TokenScope.FULL, actor=staff)
    return key
