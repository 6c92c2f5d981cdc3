"""A Python client generated from the API schema works against the portal (issue 11 point 8).

openapi-python-client generates a package from the schema exactly as ``/api/schema/`` serves it;
the test imports it, lists the public indicators anonymously and pulls an indicator's values with
a staff token, from a live server on the demo content, and compares what the client parsed with
the database. A schema the generator cannot read, a model it builds wrongly (a nullable field
declared as required, an enum missing a value the API sends) or a changed operation name fails
here, which is what a client team would meet first.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api_contract_data import demo_with_staff_token, openapi_schema

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
# No post hooks: the generator would run ruff from PATH to format the package; the tests import it.
CONFIG = "post_hooks: []\n"


@pytest.fixture
def portal_client(tmp_path):
    """The generated package, importable as ``portal_client`` for the test's duration."""
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(openapi_schema()), encoding="utf-8")
    config = tmp_path / "generator.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own virtualenv's generator on our own schema
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema_file),
            "--meta",
            "none",
            "--config",
            str(config),
            "--output-path",
            str(tmp_path / "portal_client"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("portal_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == "portal_client" or n.startswith("portal_client.")]:
            del sys.modules[name]


def test_a_generated_client_lists_indicators_and_pulls_data(portal_client, live_server, transactional_db, tmp_path):
    from django.contrib.auth import get_user_model

    from knowledge_mgmt.models import Indicator, IndicatorValue

    key = demo_with_staff_token(tmp_path / "ledgers")
    indicators_list = importlib.import_module("portal_client.api.knowledge.knowledge_indicators_list")
    knowledge_data = importlib.import_module("portal_client.api.knowledge.knowledge_data")
    models = importlib.import_module("portal_client.models")

    anonymous = portal_client.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    page = indicators_list.sync(client=anonymous, limit=500)
    assert isinstance(page, models.PaginatedIndicatorList), page
    public_codes = set(Indicator.objects.filter(public=True).values_list("code", flat=True))
    assert page.count == len(public_codes) > 0
    assert {indicator.code for indicator in page.results} == public_codes

    chosen = next(i for i in page.results if IndicatorValue.objects.filter(indicator__code=i.code).exists())
    staff = portal_client.AuthenticatedClient(
        base_url=live_server.url, token=key, prefix="Token", raise_on_unexpected_status=True
    )
    response = knowledge_data.sync_detailed(client=staff, indicator=chosen.code, limit=10000)
    assert response.status_code == 200, response.content[:500]
    answer = response.parsed
    assert isinstance(answer, models.KnowledgeDataResponse200), answer
    rows = answer.to_dict()["results"]
    staff_user = get_user_model().objects.get(username="staff")
    expected = IndicatorValue.objects.visible_to(staff_user).filter(indicator__code=chosen.code)
    assert len(rows) == answer.to_dict()["count"] == expected.count() > 0
    assert {row["indicator"] for row in rows} == {chosen.code}
    stored = {
        (v.organisation.code, v.year, v.sex, v.breakdown): None if v.value is None else float(v.value)
        for v in expected.select_related("organisation")
    }
    parsed = {
        (r["organisation"], r["year"], r["sex"], r["breakdown"]): None if r["value"] is None else float(r["value"])
        for r in rows
    }
    assert parsed == stored
