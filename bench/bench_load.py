"""Benchmark: the portal under load (issue 17 point 4).

    .venv/bin/python bench/bench_load.py [--quick] [--users 20,40,60] [--step-seconds 300]
                                         [--soak-seconds 600] [--soak-users N] [--workers 3]
                                         [--indicators 2000] [--reuse] [--keep]

What it runs, on this machine, as production would:

* PostgreSQL: the database ``bench_load`` on the server of ``BENCH_LOAD_SERVER`` (a database URL of
  the server, default ``postgres://postgres@127.0.0.1:5432/postgres``; `make bench` passes
  BENCH_DATABASE_URL), created and migrated at the start (``--reuse``: kept from an earlier run when
  it exists) and dropped at the end unless ``--keep``. Nothing else on the server is touched.
* The data: what `make demo` loads (the accounts, reference data and every area's demo content, the
  same calls as the suite's ``seed_all_demo_content``), plus the scaled indicator values of
  bench/bench_analytics.py (its loader, at ``--indicators`` indicators x 20 organisations x 25 years
  x 10 sex/age cells: 2 000 = 10 000 000 values, the scaled data of issue 17; ``--quick`` 10 = 50 000), pulled by the API clients.
* The server: ``gunicorn portal.wsgi:application --workers 3`` (the Dockerfile's command without
  its access log) on ``portal.settings`` with DEBUG off, SECRET_KEY and ALLOWED_HOSTS from the
  environment, whitenoise serving the collected static files, ``CACHE_URL`` =
  ``BENCH_LOAD_CACHE`` (default ``redis://127.0.0.1:6379/13``, flushed at the start; the page
  cache and the sign-in counters live there), behind an assumed TLS proxy
  (``X-Forwarded-Proto: https``, ``USE_X_FORWARDED_PROTO=1``).
* The load: bench/locustfile.py (anonymous dashboard and municipality pages, signed-in staff pages,
  API clients with tokens), ``locust --headless -u N -r N/10 -t <step>`` for each ``--users`` step
  in turn, stopping after the first step that misses the target (p95 < 500 ms, no failures). The
  highest request rate of a step that met it is the figure; then a soak at ``--soak-users`` (by
  default the last step that met the target) for ``--soak-seconds``, sampling the resident memory
  (VmRSS) of each gunicorn worker every 30 s.

Printed: one table of the steps (users, requests, requests/s, p50/p95/p99, failures, the CPU
seconds of gunicorn and of locust, the load average), the per-page p95 of the best step, and the
soak's memory samples. The machine is shared: the other busy processes at the start are printed as
well. Figures are whatever this machine measures; nothing is hard-coded.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

import pg_databases  # noqa: E402 - beside this script (bench/ is the script's own folder on sys.path)
import summary  # noqa: E402 - bench/summary.py: the headline figures for bench/run_all.py's table

DB_NAME = "bench_load"
SERVER = os.environ.get("BENCH_LOAD_SERVER", "postgres://postgres@127.0.0.1:5432/postgres")
CACHE = os.environ.get("BENCH_LOAD_CACHE", "redis://127.0.0.1:6379/13")
P95_TARGET_MS = 500
STAFF_PAGES = [
    ("knowledge index", "knowledge_mgmt:index"),
    ("governance index", "governance:index"),
    ("integration index", "integration:index"),
    ("supervision index", "supervision:index"),
    ("measure list", "portal:measure-list"),
    ("job list", "portal:job-list"),
    ("dashboard", "knowledge_mgmt:dashboard"),
    ("municipality", "knowledge_mgmt:municipality"),
]


def database_url(name: str = DB_NAME) -> str:
    return pg_databases.database_url(SERVER, name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_exists() -> bool:
    return pg_databases.database_exists(SERVER, DB_NAME)


def create_database() -> None:
    pg_databases.create_database(SERVER, DB_NAME)


def drop_database() -> None:
    pg_databases.drop_database(SERVER, DB_NAME)


def production_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-load-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url(),
            "CACHE_URL": CACHE,
            "USE_X_FORWARDED_PROTO": "1",
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "PORTAL_VAR_DIR": str(tmp / "var"),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        }
    )
    return env


# --- set-up (runs in a child process with DEBUG=1: the demo loaders refuse otherwise) -------------


def setup_child(indicators: int, plan_path: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    started = time.perf_counter()
    from archiving.demo import seed_archiving_demo
    from digital_services.demo import seed_digital_services_demo
    from governance.demo import seed_governance_demo
    from integration import demo_measures
    from integration.demo import run_demo
    from knowledge_mgmt.demo import load_demo, load_package_indicators
    from ot_centre.demo import seed_ot_centre_demo
    from portal.demo import seed_demo
    from supervision.demo import seed_supervision_demo
    from supervision.reference import load_all as load_supervision_reference

    seed_demo()
    load_supervision_reference()
    seed_governance_demo()
    seed_supervision_demo()
    with tempfile.TemporaryDirectory(prefix="bench_load_ledgers_") as ledgers:
        run_demo(Path(ledgers), rows=1500)
    load_demo()
    load_package_indicators()
    seed_ot_centre_demo()
    seed_archiving_demo()
    seed_digital_services_demo()
    demo_measures.seed()
    print(f"  demo content loaded in {time.perf_counter() - started:.0f} s")
    scale_and_plan(indicators, plan_path)


def scale_and_plan(indicators: int, plan_path: str) -> None:
    """The scaled values (bench_analytics' loader: resumable, so a reused database only gains the
    missing indicators), then the plan."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    try:
        import bench_analytics
    except ImportError:
        print("  bench/bench_analytics.py not found: no scaled values, the API clients pull the demo indicators")
    else:
        bench_analytics.load(indicators)
        bench_analytics.rebuild_indexes()
    write_plan(plan_path)


def write_plan(plan_path: str) -> None:
    from django.contrib.auth import get_user_model
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from knowledge_mgmt.models import Indicator, IndicatorSet, IndicatorValue
    from portal.demo import DEMO_PASSWORD
    from portal.identity.services import issue_token
    from portal.models import Organisation

    staff = get_user_model().objects.get(username="staff")
    tokens = [issue_token(user=staff, name=f"bench-load-{n}", actor=staff)[1] for n in range(5)]
    dashboards = list(IndicatorSet.objects.visible_to(None).values_list("code", flat=True))
    municipalities = list(Organisation.objects.municipalities().order_by("code").values_list("code", flat=True))
    years = sorted(
        set(IndicatorValue.objects.filter(indicator__sets__code__in=dashboards).values_list("year", flat=True))
    )[-5:]
    pages = []
    with translation.override("fi"):
        for label, name in STAFF_PAGES:
            args = {"knowledge_mgmt:dashboard": [dashboards[0]], "knowledge_mgmt:municipality": ["297"]}.get(name, [])
            with contextlib.suppress(NoReverseMatch):
                pages.append((label, reverse(name, args=args)))
    api = list(Indicator.objects.filter(public=True, code__startswith="bench-").values_list("code", flat=True))
    plan = {
        "staff": {"username": "staff", "password": DEMO_PASSWORD},
        "tokens": tokens,
        "dashboards": dashboards,
        "municipalities": municipalities,
        "years": [str(y) for y in years],
        "staff_pages": pages,
        "api_indicators": api or list(Indicator.objects.filter(public=True).values_list("code", flat=True)),
    }
    Path(plan_path).write_text(json.dumps(plan, indent=1), encoding="utf-8")
    counts = {
        "indicator values": IndicatorValue.objects.count(),
        "indicators": Indicator.objects.count(),
        "dashboards": len(dashboards),
        "staff pages": len(pages),
    }
    print("  data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))


# --- the server -------------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, env: dict[str, str], workers: int):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="bench_load_gunicorn_", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "30",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        import http.client

        deadline = time.time() + 90
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("gunicorn did not start: " + Path(self.log.name).read_text()[-3000:])
            time.sleep(0.5)
        while len(self.workers()) < workers and time.time() < deadline:
            time.sleep(0.2)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def rss_mib(self) -> dict[int, float]:
        found = {}
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    found[pid] = int(line.split()[1]) / 1024
        return found

    def cpu_seconds(self) -> float:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in [self.process.pid, *self.workers()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        return total

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def log_tail(self) -> str:
        return Path(self.log.name).read_text()[-2000:]


# --- locust -----------------------------------------------------------------------------------------


def run_locust(server: Gunicorn, plan: Path, users: int, seconds: int, prefix: Path) -> dict:
    rate = max(1, users // 10)
    env = {**os.environ, "BENCH_LOAD_PLAN": str(plan), "BENCH_LOAD_CACHE_COUNTS": f"{prefix}_cache.json"}
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_server = server.cpu_seconds()
    started = time.time()
    log = Path(f"{prefix}.log").open("w")  # noqa: SIM115 - closed below
    subprocess.run(
        [
            str(Path(sys.executable).with_name("locust")),
            "-f",
            str(BASE_DIR / "bench" / "locustfile.py"),
            "--host",
            server.url,
            "--headless",
            "-u",
            str(users),
            "-r",
            str(rate),
            "-t",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    log.close()
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    rows = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text(encoding="utf-8").splitlines()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    pages = {r["Name"]: r for r in rows if r["Name"] != "Aggregated"}
    failures = list(csv.DictReader(Path(f"{prefix}_failures.csv").read_text(encoding="utf-8").splitlines()))
    counts_file = Path(f"{prefix}_cache.json")
    counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    return {
        "cache": counts,
        "users": users,
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "pages": pages,
        "failure_rows": failures,
        "server_cpu": server.cpu_seconds() - before_server,
        "locust_cpu": (after_children.ru_utime + after_children.ru_stime)
        - (before_children.ru_utime + before_children.ru_stime),
        "wall": time.time() - started,
        "load": os.getloadavg()[0],
    }


def run_setup(env: dict[str, str], tmp: Path, *args: str) -> None:
    """The set-up child with DEBUG on (the demo loaders need it); its task and e-mail chatter goes to
    a log, its own progress lines (indented) are printed."""
    log = tmp / "setup.log"
    with log.open("w") as out:
        done = subprocess.run(
            [sys.executable, __file__, *args],
            env={**env, "DEBUG": "1", "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
            cwd=BASE_DIR,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    text = log.read_text()
    for line in text.splitlines():
        if line.startswith("  ") and any(w in line for w in ("loaded", "data:", "indexes", "scaled")):
            print(line)
    if done.returncode:
        raise RuntimeError("set-up failed:\n" + text[-3000:])


def warm_up(server: Gunicorn, plan: Path, prefix: Path) -> None:
    """Every worker imports and renders each kind of page once before anything is measured."""
    step = run_locust(server, plan, 6, 20, prefix)
    print(f"  warm-up: {step['requests']} requests in 20 s at 6 users (not counted)")


def met(step: dict) -> bool:
    return step["failures"] == 0 and step["p95"] < P95_TARGET_MS and step["requests"] > 0


def busy_processes() -> str:
    out = subprocess.run(
        ["ps", "-eo", "pcpu,etimes,comm,args", "--sort=-pcpu"], capture_output=True, text=True
    ).stdout.splitlines()
    lines = [out[0]] + [line[:150] for line in out[1:] if float(line.split()[0]) >= 5.0][:12]
    return "\n".join(lines)


def soak(server: Gunicorn, plan: Path, users: int, seconds: int, prefix: Path) -> tuple[dict, list]:
    samples: list[tuple[float, dict[int, float]]] = []
    done = threading.Event()
    started = time.time()

    def sample():
        while not done.is_set():
            samples.append((time.time() - started, server.rss_mib()))
            done.wait(30)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    result = run_locust(server, plan, users, seconds, prefix)
    done.set()
    thread.join()
    samples.append((time.time() - started, server.rss_mib()))
    return result, samples


def print_steps(steps: list[dict]) -> None:
    print(
        f"{'users':>6} {'time s':>6} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
        f" {'failed':>6} {'gunicorn cpu s':>14} {'locust cpu s':>12} {'load1':>5} {'page hits':>9}  target"
    )
    for s in steps:
        print(
            f"{s['users']:>6} {s['seconds']:>6} {s['requests']:>9} {s['rps']:>7.1f} {s['p50']:>7.0f} {s['p95']:>7.0f}"
            f" {s['p99']:>7.0f} {s['failures']:>6} {s['server_cpu']:>14.0f} {s['locust_cpu']:>12.0f}"
            f" {s['load']:>5.1f} {hit_share(s):>9}  {'met' if met(s) else 'missed'}"
        )


def hit_share(step: dict) -> str:
    """The share of the pages that could come from the page cache (anonymous, HTML) that did."""
    hits, misses = step["cache"].get("hit", 0), step["cache"].get("miss", 0)
    return f"{100 * hits / (hits + misses):.0f} %" if hits + misses else "-"


def print_pages(step: dict) -> None:
    print(f"{'page':<28} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'failed':>6}")
    for name, r in sorted(step["pages"].items()):
        print(
            f"{name:<28} {int(r['Request Count']):>9} {float(r['Requests/s']):>7.1f} {float(r['50%']):>7.0f}"
            f" {float(r['95%']):>7.0f} {int(r['Failure Count']):>6}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 10 indicators, 30 s steps of 5 and 10 users")
    parser.add_argument("--users", default="", help="user counts of the steps, comma-separated")
    parser.add_argument("--step-seconds", type=int, default=0, help="length of a step (default 300)")
    parser.add_argument("--soak-seconds", type=int, default=-1, help="length of the soak (default 600, 0: none)")
    parser.add_argument("--soak-users", type=int, default=0, help="users of the soak (default: best step's)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3, the Dockerfile's)")
    parser.add_argument(
        "--indicators", type=int, default=0, help="scaled indicators (default 2000 = 10 M values; quick 10)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run if present")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    args = parser.parse_args()
    users = [int(u) for u in (args.users or ("5,10" if args.quick else "20,40,60,80,100,120")).split(",")]
    step_seconds = args.step_seconds or (30 if args.quick else 300)
    soak_seconds = args.soak_seconds if args.soak_seconds >= 0 else (30 if args.quick else 600)
    indicators = args.indicators or (10 if args.quick else 2000)

    print(f"Other busy processes at the start (>= 5 % CPU), {os.cpu_count()} CPUs:\n{busy_processes()}\n")
    tmp = Path(tempfile.mkdtemp(prefix="bench_load_"))
    env = production_env(tmp)
    plan = tmp / "plan.json"
    if args.reuse and database_exists():
        print(f"Reusing the database {DB_NAME}; {indicators} scaled indicators, new tokens and plan")
        run_setup(env, tmp, "--_plan", str(indicators), str(plan))
    else:
        print(f"Creating {DB_NAME}, migrating, loading the demo content and {indicators} scaled indicators")
        create_database()
        run_setup(env, tmp, "--_setup", str(indicators), str(plan))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=BASE_DIR, check=True
    )
    import redis

    redis.Redis.from_url(CACHE).flushdb()
    server = Gunicorn(env, args.workers)
    steps: list[dict] = []
    try:
        print(f"gunicorn {args.workers} workers at {server.url}; steps of {step_seconds} s: {users} users")
        warm_up(server, plan, tmp / "warm_up")
        for n in users:
            step = run_locust(server, plan, n, step_seconds, tmp / f"step_{n}")
            steps.append(step)
            print_steps([step])
            if not met(step):
                for row in step["failure_rows"][:5]:
                    print(f"    failure: {row['Name']}: {row['Error'][:120]} x{row['Occurrences']}")
                break
        passed = [s for s in steps if met(s)]
        best = max(passed, key=lambda s: s["rps"]) if passed else None
        samples: list = []
        soak_step = None
        if soak_seconds:
            soak_users = args.soak_users or (best["users"] if best else users[0])
            soak_step, samples = soak(server, plan, soak_users, soak_seconds, tmp / "soak")
    finally:
        server.stop()
        if not args.keep:
            drop_database()
    print("\nSteps (target: p95 < 500 ms, no failures):")
    print_steps(steps)
    if best:
        print(
            f"\nHighest rate that met the target: {best['rps']:.1f} requests/s at {best['users']} users"
            f" for {best['seconds']} s. Pages of that step:"
        )
        print_pages(best)
    else:
        print("\nNo step met the target.")
    summary.record(
        benchmark="load",
        measure=(
            f"highest rate held: {best['users']} users for {best['seconds']} s, p95 {best['p95']:.0f} ms"
            if best
            else f"highest rate held: no step of {users} users met it"
        )
        + f" ({args.workers} gunicorn workers)",
        ours=best["rps"] if best else None,
        unit="req/s",
        target=f"p95 < {P95_TARGET_MS} ms, no failures",
        met=best is not None,
    )
    if soak_step:
        print(f"\nSoak: {soak_step['users']} users for {soak_step['seconds']} s")
        print_steps([soak_step])
        pids = sorted({pid for _t, rss in samples for pid in rss})
        print(f"{'t s':>6} " + " ".join(f"{'worker ' + str(i + 1) + ' MiB':>14}" for i in range(len(pids))))
        for t, rss in samples:
            print(f"{t:>6.0f} " + " ".join(f"{rss.get(pid, float('nan')):>14.1f}" for pid in pids))
        first = {pid: next((r[pid] for _t, r in samples[1:] if pid in r), None) for pid in pids}
        last = samples[-1][1]
        growth = [last[pid] - first[pid] for pid in pids if first[pid] is not None and pid in last]
        if growth:
            print(f"growth from the 30 s sample to the end: {', '.join(f'{g:+.1f}' for g in growth)} MiB")
            summary.record(
                benchmark="load",
                measure=f"soak, {soak_step['users']} users for {soak_step['seconds']} s: largest growth of a worker's RSS",
                ours=max(growth),
                unit="MiB",
                target="flat: <= 10 MiB",
                met=max(growth) <= 10,
            )
    print(f"\nOther busy processes at the end:\n{busy_processes()}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_setup":
        setup_child(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--_plan":
        scale_and_plan(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(main())
