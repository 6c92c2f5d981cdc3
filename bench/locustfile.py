"""The user mix of the load test (issue 17 point 4); bench/bench_load.py starts the server and runs it.

    .venv/bin/locust -f bench/locustfile.py --host http://127.0.0.1:PORT --headless -u 40 -r 4 -t 5m

The plan (what exists in the database under test) comes as JSON in the file named by
``BENCH_LOAD_PLAN``, written by bench_load.py: the staff account and its password, API tokens,
the dashboard set codes, municipality codes, the signed-in pages and the indicator codes the API
clients pull. Three kinds of user, in proportion 6 : 2 : 2 (the ``weight``s):

* ``AnonymousReader``: a knowledge dashboard (a year and a municipality picked from the choices the
  page offers, half of the time; else the page as linked) or a municipality page, in Finnish,
  Swedish or English;
* ``StaffMember``: signs in through the sign-in form once (CSRF token and Referer as a browser
  sends them), then opens the pages of the areas;
* ``ApiClient``: a token in ``Authorization: Token ...``, pulling indicator data
  (``/api/knowledge/data/``, 1 000 rows, JSON or CSV) and the indicator list.

Every request says ``X-Forwarded-Proto: https`` as the TLS proxy in front of gunicorn would
(production settings redirect plain HTTP); the server's Secure cookies are therefore sent back over
the plain loopback connection (``_loopback_cookies``). Requests are grouped by kind of page in the
statistics (``name=``). A response other than 2xx, or a page without its landmark, is a failure.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text(encoding="utf-8"))
PROXY = {"X-Forwarded-Proto": "https"}
LANGUAGES = ("fi", "fi", "sv", "en")  # Finnish most often
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _loopback_cookies(session) -> None:
    """Send the server's Secure cookies back over the loopback connection: TLS ends at the (assumed)
    proxy. (requests builds each request's cookie header with its default policy, so the flag is
    cleared on the stored cookies after each response.)"""
    for cookie in session.cookies:
        cookie.secure = False


CACHE_COUNTS: dict[str, int] = {}


@events.test_stop.add_listener
def _write_cache_counts(**kwargs) -> None:
    """How many anonymous pages came from the page cache (``X-Page-Cache``), for bench_load.py."""
    if os.environ.get("BENCH_LOAD_CACHE_COUNTS"):
        Path(os.environ["BENCH_LOAD_CACHE_COUNTS"]).write_text(json.dumps(CACHE_COUNTS), encoding="utf-8")


def _page_ok(response) -> None:
    state = response.headers.get("X-Page-Cache") or "none"
    CACHE_COUNTS[state] = CACHE_COUNTS.get(state, 0) + 1
    if response.status_code != 200:
        response.failure(f"status {response.status_code}")
    elif b"<main" not in response.content:
        response.failure("no <main> landmark")


class AnonymousReader(FastHttpUser):
    weight = 6
    wait_time = between(0.5, 2.5)
    default_headers = PROXY

    @task(3)
    def dashboard(self):
        lang = random.choice(LANGUAGES)
        code = random.choice(PLAN["dashboards"])
        # Half open the dashboard as linked (the region, the latest year), half pick a year and a municipality.
        query = (
            {"year": random.choice(PLAN["years"]), "organisation": random.choice(PLAN["municipalities"])}
            if random.random() < 0.5
            else None
        )
        with self.client.get(
            f"/{lang}/knowledge-mgmt/dashboards/{code}/", params=query, name="anon dashboard", catch_response=True
        ) as response:
            _page_ok(response)

    @task(3)
    def municipality(self):
        lang = random.choice(LANGUAGES)
        code = random.choice(PLAN["municipalities"])
        with self.client.get(
            f"/{lang}/knowledge-mgmt/municipalities/{code}/", name="anon municipality", catch_response=True
        ) as response:
            _page_ok(response)


class StaffMember(HttpUser):
    weight = 2
    wait_time = between(0.5, 2.5)

    def on_start(self):
        self.client.headers.update(PROXY)
        login = "/fi/accounts/login/"
        form = self.client.get(login, name="staff sign-in form")
        _loopback_cookies(self.client)
        token = TOKEN.search(form.text)
        referer = f"https://{self.host.split('://', 1)[1]}{login}"
        with self.client.post(
            login,
            data={
                "username": PLAN["staff"]["username"],
                "password": PLAN["staff"]["password"],
                "csrfmiddlewaretoken": token[1] if token else "",
                "next": "/fi/",
            },
            headers={"Referer": referer},
            name="staff sign-in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")
        _loopback_cookies(self.client)

    @task
    def area_page(self):
        name, path = random.choice(PLAN["staff_pages"])
        with self.client.get(path, name=f"staff {name}", catch_response=True, allow_redirects=False) as response:
            _page_ok(response)
        _loopback_cookies(self.client)


class ApiClient(FastHttpUser):
    weight = 2
    wait_time = between(0.5, 2.5)

    def on_start(self):
        self.headers = {**PROXY, "Authorization": f"Token {random.choice(PLAN['tokens'])}"}

    @task(4)
    def data(self):
        codes = ",".join(random.sample(PLAN["api_indicators"], 2))
        fmt = random.choice(("json", "csv"))
        with self.client.get(
            "/api/knowledge/data/",
            params={"indicator": codes, "format": fmt, "limit": 1000},
            headers=self.headers,
            name=f"api data {fmt}",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    @task(1)
    def indicators(self):
        with self.client.get(
            "/api/knowledge/indicators/", headers=self.headers, name="api indicators", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
