"""Schemathesis over every operation of the API, against a live server on the demo content.

Two runs of the schemathesis engine (its command line, ``st run``, in a subprocess), each over the
schema exactly as ``/api/schema/`` serves it:

- ``staff``: every operation, with the demo programme staff's full-scope API token (reads and
  writes);
- ``anonymous``: the operations the schema declares public (their ``security`` lists ``{}``),
  without credentials.

Every check schemathesis has that applies to single requests runs: server errors, status codes,
content types, response headers and bodies against the schema, that schema-valid input is accepted
and schema-invalid input refused, missing required headers, methods the schema does not list, the
``Allow`` header, and whether authentication is enforced (``ignored_auth`` drops the token and sends
an invalid one). Where a check is narrowed, ``CONFIG`` says why (writes may answer 400 for rules no
JSON Schema can state). The phases are the schema's examples and fuzzing. The coverage phase
(boundary values of every constraint) is opt-in with ``API_FUZZ_COVERAGE=true``: schemathesis spent
300 s of CPU generating it for the organisation list alone (eight query parameters), before the
requests, which took 2 s. The stateful phase (chains through links) is left out: the schema declares
no links.

Why the command line and not ``schema.parametrize()``: the pytest integration builds every
operation's Hypothesis test when the module is collected (546 s for 574 tests on the 2-core CI
machine, before a single request); the engine builds them as it goes (its run over all 400
operations took 108 s on the loaded machine, after 60 s of seeding the demo content).

The data is the demo content of every area (``tests/api_contract_data.py``); the live server shares
the test database, which is flushed after the test (writes such as DELETE do land during the run:
an operation later in the run may meet a row an earlier one removed, and must answer with a
documented status).

Bounded: ``API_FUZZ_EXAMPLES`` examples per operation (default below), ``API_FUZZ_PATHS`` (a regex)
narrows the operations. A failure lists each operation, check and the request to reproduce it
(``curl``), from schemathesis's JUnit report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.api_contract_data import demo_with_staff_token, openapi_schema

MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "5"))
SEED = 20261
# List endpoints whose model-choice filters take another object's id or code (see CONFIG).
REFERENCE_FILTERS = "^/api/(governance/training-participations|portal/concept-relations|ot-centre/experts)/$"
ST = Path(sys.executable).with_name("st")

# Why `with-security-parameters = false`: we send a real token in a header on every request (the
# staff run). With security parameters generated as well, schemathesis adds a random
# `Cookie: sessionid=` (the schema's cookieAuth) next to our valid token, takes the random cookie
# for the credentials, and reports every 2xx as "API accepts invalid authentication": a false
# positive of a global token header. Authentication is still tested: `ignored_auth` drops our
# token and sends an invalid one on the operations that require it, and the anonymous run calls
# every public operation without credentials.
# Why `analysis.constants` off: mining the application's source for constants walks every module;
# the schema's own examples, enums and bounds are enough here.
# Why the example database off: the same inputs on every run, nothing written under .hypothesis/.
CONFIG = """
seed = {seed}
[generation]
max-examples = {examples}
mode = "all"
database = "none"
with-security-parameters = false
[analysis.constants]
enabled = false
[checks]
enabled = true
[phases.examples]
enabled = true
[phases.coverage]
enabled = {coverage}
[phases.fuzzing]
enabled = true
[phases.stateful]
enabled = false

# Writes: a body that fits the schema may still break a rule no JSON Schema can state: it names
# another object by code or id that does not exist, repeats a unique code, or breaks a rule between
# fields or rows (a term outside its body's validity, an approved meeting's minutes, more feedback
# answers than participants). The portal answers those with 400 and the field's message, which the
# schema documents for every operation. Every other check, and the statuses below, still apply.
[[operations]]
include-method-regex = "^(POST|PUT|PATCH|DELETE)$"
checks.positive_data_acceptance.expected-statuses = ["2XX", "3XX", 400, 401, 403, 404, 409, 429]

# Reads whose filters name another object (a training, a concept, an expertise area): an id or
# code that does not exist is refused with 400, for the same reason.
[[operations]]
include-path-regex = "{reference_filters}"
include-method = "GET"
checks.positive_data_acceptance.expected-statuses = ["2XX", "3XX", 400, 401, 403, 404, 409, 429]

# A false positive of the query string: schemathesis sends a number (`2.2e-16`) for a parameter
# whose schema is an array of strings, counting it as invalid, but `?organisation=2.2e-16` is a
# one-element list of the code "2.2e-16" (no such organisation: an empty page, correctly).
[[operations]]
include-path = "/api/integration/package-rows/"
checks.negative_data_rejection.enabled = false
"""


def public_only(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with only the operations anonymous visitors may call (``{}`` in ``security``)."""
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    paths: dict[str, Any] = {}
    for path, item in schema["paths"].items():
        kept = {k: v for k, v in item.items() if k not in methods or {} in (v.get("security") or [])}
        if methods & set(kept):
            paths[path] = kept
    return {**schema, "paths": paths}


def with_known_identifiers(schema: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    """The schema with an existing row's identifier as the ``example`` of each path parameter.

    Generated identifiers almost never name a row (``/api/supervision/contracts/{id}/`` with a
    random id is a 404), so without this the success answers of detail, history and download
    operations, their bodies and content types, went unchecked. The examples phase sends the
    example; fuzzing still tries other values. The identifier is read from the operation's list
    (the path before the parameter, first row, the field named as the parameter), as the persona.
    """
    from rest_framework.test import APIClient

    client = APIClient()
    if headers:
        client.credentials(HTTP_AUTHORIZATION=headers["Authorization"])
    known: dict[str, Any] = {}
    for path, item in schema["paths"].items():
        if "{" not in path:
            continue
        head, _, rest = path.partition("{")
        name = rest.split("}", 1)[0]
        if head not in known:
            response = client.get(head, {"limit": 1})
            body = response.json() if response.status_code == 200 and "json" in response["Content-Type"] else {}
            rows = body.get("results", body) if isinstance(body, dict) else body
            known[head] = rows[0] if isinstance(rows, list) and rows and isinstance(rows[0], dict) else {}
        value = known[head].get(name)
        if value is None:
            continue
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "path" and parameter.get("name") == name:
                    parameter["example"] = value
    return schema


def read_junit(junit: Path) -> ET.Element:
    return ET.parse(junit).getroot()  # noqa: S314 - schemathesis's own report, written in the test's tmp_path


def failures(junit: Path) -> list[str]:
    """One line per failing check of the JUnit report: operation, then schemathesis's own text."""
    found = []
    for case in read_junit(junit).iter("testcase"):
        for problem in [*case.findall("failure"), *case.findall("error")]:
            text = (problem.get("message") or "") + "\n" + (problem.text or "")
            found.append(f"{case.get('name')}:\n{text.strip()[:3000]}")
    return found


def run_schemathesis(schema: dict[str, Any], base_url: str, workdir: Path, headers: dict[str, str]) -> dict[str, Any]:
    schema_file = workdir / "schema.json"
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    config = workdir / "schemathesis.toml"
    config.write_text(
        CONFIG.format(
            seed=SEED,
            examples=MAX_EXAMPLES,
            coverage=os.environ.get("API_FUZZ_COVERAGE", "false"),
            reference_filters=REFERENCE_FILTERS,
        ),
        encoding="utf-8",
    )
    junit = workdir / "junit.xml"
    command = [
        str(ST),
        "--config-file",
        str(config),
        "--no-color",
        "run",
        str(schema_file),
        "--url",
        base_url,
        "--workers",
        os.environ.get("API_FUZZ_WORKERS", "2" if connection.vendor == "postgresql" else "1"),
        "--report",
        "junit",
        "--report-junit-path",
        str(junit),
        "--request-timeout",
        "60",
        "--suppress-health-check",
        "all",
    ]
    if os.environ.get("API_FUZZ_PATHS"):
        command += ["--include-path-regex", os.environ["API_FUZZ_PATHS"]]
    command += os.environ.get("API_FUZZ_ARGS", "").split()
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    # In the test's directory: schemathesis keeps a cache folder where it runs.
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False, cwd=workdir)  # noqa: S603
    (workdir / "output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    return {"returncode": result.returncode, "output": result.stdout + result.stderr, "junit": junit}


@pytest.fixture
def api_demo(transactional_db, tmp_path_factory) -> dict[str, str]:
    """The demo content and the staff persona's token (the live server reads the same database)."""
    return {"Authorization": f"Token {demo_with_staff_token(tmp_path_factory.mktemp('ledgers'))}"}


@pytest.mark.parametrize("persona", ["staff", "anonymous"])
def test_every_operation_keeps_the_contract(persona, live_server, api_demo, tmp_path):
    headers = api_demo if persona == "staff" else {}
    schema = with_known_identifiers(openapi_schema(), headers)
    if persona == "anonymous":
        schema = public_only(schema)
    run = run_schemathesis(schema, live_server.url, tmp_path, headers)
    assert run["junit"].exists(), f"schemathesis wrote no report (exit {run['returncode']}):\n{run['output'][-4000:]}"
    found = failures(run["junit"])
    tested = sum(1 for _ in read_junit(run["junit"]).iter("testcase"))
    assert tested > 0, run["output"][-4000:]
    assert not found, f"{len(found)} of {tested} operations break the contract:\n\n" + "\n\n".join(found)
    assert run["returncode"] == 0, run["output"][-4000:]
