"""Create (or update) a read-only PostgreSQL role for Tableau and other SQL clients.

    DEBUG=1 KNOWLEDGE_REPORTING_PASSWORD=... python manage.py knowledge_reporting_role tableau_reader
    python manage.py knowledge_reporting_role analyst --internal   # also the unsuppressed views

The role may only SELECT the views of the ``knowledge_reporting`` schema; it owns nothing and
cannot read the portal's tables. The password comes from the environment, never the command line.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from knowledge_mgmt import reporting_sql


class Command(BaseCommand):
    help = "Create a read-only PostgreSQL role that can read the knowledge_reporting views."

    def add_arguments(self, parser):
        parser.add_argument("role", help="Role name, e.g. tableau_reader")
        parser.add_argument(
            "--internal", action="store_true", help="Also grant the unsuppressed views of all indicators"
        )
        parser.add_argument(
            "--password-env",
            default="KNOWLEDGE_REPORTING_PASSWORD",
            help="Environment variable holding the password (default KNOWLEDGE_REPORTING_PASSWORD); "
            "without it the role cannot log in",
        )

    def handle(self, *args, role, internal, password_env, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Reporting views and roles exist only on PostgreSQL (DATABASE_URL).")
        from psycopg2 import sql

        password = os.environ.get(password_env, "")
        name = sql.Identifier(role)
        schema = sql.Identifier(reporting_sql.SCHEMA)
        views = list(reporting_sql.PUBLIC_VIEWS) + (list(reporting_sql.INTERNAL_VIEWS) if internal else [])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            exists = cursor.fetchone() is not None
            login = sql.SQL("LOGIN PASSWORD {}").format(sql.Literal(password)) if password else sql.SQL("NOLOGIN")
            verb = "ALTER" if exists else "CREATE"
            cursor.execute(
                sql.SQL(verb + " ROLE {} ").format(name)
                + login
                + sql.SQL(" NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT")
            )
            cursor.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(name))
            cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, name))
            cursor.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(schema, name))
            for view in views:
                cursor.execute(sql.SQL("GRANT SELECT ON {}.{} TO {}").format(schema, sql.Identifier(view), name))
        self.stdout.write(
            f"Role {role} {'updated' if exists else 'created'}: SELECT on {', '.join(views)}"
            + ("" if password else " (NOLOGIN: set the password variable to allow logging in)")
        )
