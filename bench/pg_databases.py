"""The benchmarks' own PostgreSQL databases: each benchmark creates, reuses and drops one database
of its own name on a server it is given (``BENCH_*_SERVER``), never the project's or the tests'."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def database_url(server: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server`` (whatever database ``server`` names)."""
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def _execute(server: str, *statements: tuple[str, list[str] | None]) -> list[object]:
    import psycopg2

    connection = psycopg2.connect(database_url(server, "postgres"))
    connection.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    results: list[object] = []
    try:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                results.append(cursor.fetchone() if cursor.description else None)
    finally:
        connection.close()
    return results


def database_exists(server: str, name: str) -> bool:
    (row,) = _execute(server, ("SELECT 1 FROM pg_database WHERE datname = %s", [name]))
    return row is not None


def drop_database(server: str, name: str) -> None:
    _execute(server, (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', None))


def create_database(server: str, name: str) -> None:
    """A new, empty ``name`` (an old one of that name is dropped first)."""
    _execute(server, (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', None), (f'CREATE DATABASE "{name}"', None))
