"""Benchmark of the knowledge management municipality report PDF (issue 17 point 3).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench DEBUG=1 \
        .venv/bin/python bench/bench_reports.py [--repeat 10] [--quick] [--profile] [--keep]

It creates a scratch database (``test_bench_reports``, migrated; SQLite in memory without a
DATABASE_URL), seeds the demo content as the tests do (reference data, the accounts, the integration
demo ledgers and their package rows, ``knowledge_mgmt.demo.load_demo`` and ``load_package_indicators``),
and times, in one process:

* the first municipality PDF (Kuopio, Finnish): cold fonts, templates and caches;
* N warm renders, each split into data time (selectors and template rendering to HTML,
  ``reports.render_municipality_html``) and WeasyPrint time (HTML -> PDF bytes, itself split into
  layout, ``portal.pdf.render``, and drawing, ``write_pdf``), best and median;
* the batch job of the 19 municipality PDFs of a year (``services.start_municipality_report_batch``,
  run in-process), total and per PDF, and checks that its ZIP holds 19 PDFs.

``--profile`` also times the report without its charts' SVG text and without its charts (where
WeasyPrint's time goes) and prints a cProfile of one warm render. Figures are whatever this machine measures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.test_settings")
# Uploads and the batch's ZIP in a directory of this run's own (removed at the end).
VAR_DIR = tempfile.mkdtemp(prefix="bench_reports_var_")
os.environ["PORTAL_VAR_DIR"] = VAR_DIR

import django  # noqa: E402

django.setup()

import summary  # noqa: E402 - bench/summary.py: the headline figures for bench/run_all.py's table
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SCRATCH = "test_bench_reports"


def seed(ledger_rows: int) -> None:
    from integration.demo import run_demo
    from knowledge_mgmt.demo import load_demo, load_package_indicators
    from portal.demo import seed_demo
    from portal.reference_data import load_reference_data

    load_reference_data()
    seed_demo()
    with tempfile.TemporaryDirectory() as directory:
        run_demo(Path(directory), rows=ledger_rows)
    load_demo()
    load_package_indicators()


def render_once(organisation, language: str = "fi") -> tuple[float, float, float, bytes]:
    """(data, layout, drawing seconds, PDF bytes) of one municipality report: the two steps of
    ``reports.html_to_pdf`` timed apart (``portal.pdf.render``, then ``write_pdf``)."""
    from knowledge_mgmt import reports
    from portal.pdf import render

    t0 = time.perf_counter()
    html = reports.render_municipality_html(organisation, language=language)
    t1 = time.perf_counter()
    document = render(html)
    t2 = time.perf_counter()
    pdf = document.write_pdf()
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, pdf


def svg_text_share(organisation) -> None:
    """How much of WeasyPrint's time the charts' SVG text takes (WeasyPrint draws SVG text one
    glyph at a time): the same report timed with and without its SVG <text> elements."""
    import re

    from knowledge_mgmt import reports
    from portal.pdf import render

    html = reports.render_municipality_html(organisation)
    variants = {
        "as rendered": html,
        "without SVG text": re.sub(r"<text[^>]*>[^<]*</text>", "", html),
        "without SVG": re.sub(r"<svg.*?</svg>", "", html, flags=re.S),
    }
    print(f"SVG in the report: {html.count('<svg')} charts, {html.count('<text')} text elements; best of 3:")
    for name, variant in variants.items():
        layout = draw = float("inf")
        for _attempt in range(3):
            t0 = time.perf_counter()
            document = render(variant)
            t1 = time.perf_counter()
            document.write_pdf()
            layout, draw = min(layout, t1 - t0), min(draw, time.perf_counter() - t1)
        print(f"  {name:<18} layout {layout:.3f} s, drawing {draw:.3f} s")


def run_batch(year: int | None) -> tuple[float, int, object]:
    from django.contrib.auth import get_user_model
    from django.test import TestCase

    from knowledge_mgmt import services

    staff = get_user_model().objects.get(username="staff")
    t0 = time.perf_counter()
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = services.start_municipality_report_batch(actor=staff, year=year, language="fi")
    elapsed = time.perf_counter() - t0
    job.refresh_from_db()
    assert job.status == "succeeded", (job.status, job.error)
    print(f"batch job ran {(job.finished_at - job.started_at).total_seconds():.2f} s (started -> finished)")
    with job.output_file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        names = [n for n in archive.namelist() if n.endswith(".pdf")]
        for name in names:
            assert archive.read(name)[:5] == b"%PDF-", name
    return elapsed, len(names), job


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="warm renders to time (default 10)")
    parser.add_argument("--quick", action="store_true", help="3 warm renders and a small demo ledger: a smoke run")
    parser.add_argument("--no-batch", action="store_true", help="skip the 19-PDF batch job")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one warm render")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    setup_test_environment()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = SCRATCH
    if connection.vendor == "sqlite":
        settings.DATABASES["default"]["TEST"]["NAME"] = ""  # in memory
    old_name = settings.DATABASES["default"]["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from portal.models import Organisation

        t0 = time.perf_counter()
        seed(150 if args.quick else 300)
        print(f"seeded the demo in {time.perf_counter() - t0:.1f} s ({connection.vendor})")
        kuopio = Organisation.objects.get(code="297")
        data, layout, draw, pdf = render_once(kuopio)
        weasy = layout + draw
        print(
            f"first render (Kuopio, fi): data {data:.3f} s + WeasyPrint {weasy:.3f} s "
            f"(layout {layout:.3f}, drawing {draw:.3f}) = {data + weasy:.3f} s"
        )
        municipalities = list(Organisation.objects.municipalities().order_by("code"))
        timings: dict[str, list[float]] = {"data": [], "layout": [], "drawing": [], "WeasyPrint": [], "total": []}
        for n in range(repeat):
            organisation = kuopio if n % 2 == 0 else municipalities[n % len(municipalities)]
            data, layout, draw, pdf = render_once(organisation)
            for name, value in zip(timings, (data, layout, draw, layout + draw, data + layout + draw), strict=True):
                timings[name].append(value)
        print(f"warm renders: {repeat} (Kuopio and another municipality in turn), seconds")
        print(f"{'':<14}{'best':>8}{'median':>8}")
        for name, values in timings.items():
            print(f"{name:<14}{min(values):>8.3f}{statistics.median(values):>8.3f}")
        print(f"PDF size {len(pdf)} bytes; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        warm = statistics.median(timings["total"])
        summary.record(
            benchmark="reports",
            measure=f"municipality PDF, warm render: median of {repeat} (best {min(timings['total']):.2f} s)",
            ours=warm,
            unit="s",
            target="< 3 s",
            met=warm < 3,
        )
        if args.profile:
            import cProfile
            import pstats

            svg_text_share(kuopio)
            profiler = cProfile.Profile()
            profiler.enable()
            render_once(kuopio)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        if not args.no_batch:
            elapsed, count, job = run_batch(None)
            print(f"batch job: {count} PDFs in {elapsed:.2f} s, {elapsed / count:.3f} s per PDF")
            summary.record(
                benchmark="reports",
                measure=f"batch job of the 19 municipality PDFs (one ZIP): {count} PDFs in {elapsed:.1f} s, per PDF",
                ours=elapsed / count if count else None,
                unit="s",
                target="19 PDFs, < 3 s each",
                met=count == 19 and elapsed / count < 3,
            )
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            shutil.rmtree(VAR_DIR, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
