"""Job messages are stored as message ids with parameters and read in the reader's language."""

import pytest
from django.utils import translation

from integration.parsing import LedgerError, parse_ledger
from portal import job_kinds
from portal.jobs import _entry, msg, render_message
from portal.models import Job


def test_a_message_renders_in_the_readers_language_and_old_text_stays():
    entry = _entry("info", "running", 5, msg("Started (attempt %(n)s).", n=2))
    assert (entry["id"], entry["params"]) == ("Started (attempt %(n)s).", {"n": 2})
    with translation.override("sv"):
        assert render_message(entry) == "Startad (försök 2)."
    with translation.override("fi"):
        assert render_message(entry) == "Aloitettu (yritys 2)."
    assert render_message({"text": "Vanha viesti."}) == "Vanha viesti."


def test_a_png_is_named_as_not_a_csv_or_xlsx_file():
    with pytest.raises(LedgerError) as caught, translation.override("en"):
        parse_ledger(b"\x89PNG\r\n\x1a\n\x00\x00binary", filename="ledger.csv")
    with translation.override("en"):
        assert str(caught.value.message) == (
            "This is not a CSV or XLSX file (it is a PNG file). Export the ledger as CSV or XLSX and upload that file."
        )


@pytest.mark.django_db
def test_rerun_is_offered_only_where_it_can_change_the_outcome():
    def failed(cause):
        job = Job(kind="governance-status-report", task_name="x", status="failed")
        job.messages = [{**_entry("error", "failed", 5, msg("Finished.")), "cause": cause}]
        return job

    kind = job_kinds.get("governance-status-report")
    assert [kind.rerun_useful(failed(c)) for c in ("input", "transient", "crash")] == [False, True, True]
    legacy = Job(kind="governance-status-report", task_name="x", status="failed", error="old")
    assert kind.rerun_useful(legacy) is True  # no cause recorded: offered as before
