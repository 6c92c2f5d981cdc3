import uuid
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from knowledge_mgmt.tests.conftest import make_indicator, put

pytestmark = pytest.mark.django_db


def test_role_command_needs_postgresql():
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL: see the next test")
    with pytest.raises(CommandError, match="only on PostgreSQL"):
        call_command("knowledge_reporting_role", "reader")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reporting views are PostgreSQL only")
def test_views_and_read_only_role(reference_data):
    public = make_indicator("pub-count")
    secret = make_indicator("secret-count", public=False)
    put(public, "297", 2022, 3, absolute=3)
    put(public, "140", 2022, 12, absolute=12)
    put(secret, "297", 2022, 7)
    role = f"km_reader_{uuid.uuid4().hex[:8]}"
    call_command("knowledge_reporting_role", role)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')
            try:
                cursor.execute(
                    "SELECT indicator, organisation, year, value, suppressed FROM knowledge_reporting.indicator_value_public"
                    " ORDER BY organisation"
                )
                assert cursor.fetchall() == [
                    ("pub-count", "140", 2022, Decimal("12"), False),
                    ("pub-count", "297", 2022, None, True),
                ]
                with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                    cursor.execute("SELECT count(*) FROM knowledge_mgmt_indicatorvalue")
                with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                    cursor.execute("SELECT count(*) FROM knowledge_reporting.indicator_value")
            finally:
                cursor.execute("RESET ROLE")
            cursor.execute(
                "SELECT indicator, value FROM knowledge_reporting.indicator_value ORDER BY indicator, organisation"
            )
            assert cursor.fetchall() == [
                ("pub-count", Decimal("12")),
                ("pub-count", Decimal("3")),
                ("secret-count", Decimal("7")),
            ]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')
