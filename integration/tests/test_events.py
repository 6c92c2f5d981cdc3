"""A finished conversion announces its organisation-year, and the indicators follow it."""

import pytest

from integration.demo import run_demo
from integration.models import PackageRow
from portal.signals import package_rows_replaced


@pytest.mark.django_db
def test_conversion_announces_each_organisation_year_after_commit(
    reference_data, tmp_path, django_capture_on_commit_callbacks
):
    received: list[tuple[str, int]] = []

    def receiver(sender, *, organisation_code, year, **kwargs):
        received.append((organisation_code, year))

    package_rows_replaced.connect(receiver, dispatch_uid="test-package-rows-receiver")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            results = run_demo(tmp_path, rows=200)
    finally:
        package_rows_replaced.disconnect(dispatch_uid="test-package-rows-receiver")
    converted = sorted({(row.organisation.code, row.year) for row in PackageRow.objects.select_related("organisation")})
    assert len(results) == 3
    assert sorted(received) == converted
    assert len(converted) == 3


@pytest.mark.django_db
def test_a_conversion_queues_the_package_indicator_recomputation(
    reference_data, tmp_path, django_capture_on_commit_callbacks
):
    from portal.models import Job

    with django_capture_on_commit_callbacks(execute=True):
        run_demo(tmp_path, rows=200)
    kinds = sorted(Job.objects.values_list("kind", flat=True))
    # one recomputation per converted organisation-year (the receiver lives in knowledge_mgmt)
    assert kinds == ["integration.convert_ledger"] * 3 + ["knowledge_package_indicators"] * 3
