"""Read-only reporting views (knowledge_reporting schema) for Tableau and SQL clients.

PostgreSQL only: on SQLite (the embedded default) the migration does nothing.
"""

from django.conf import settings
from django.db import migrations

from knowledge_mgmt import reporting_sql


def create_views(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    threshold = int(getattr(settings, "KNOWLEDGE_SMALL_NUMBER_THRESHOLD", 5))
    for statement in reporting_sql.create_sql(threshold):
        schema_editor.execute(statement)


def drop_views(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in reporting_sql.DROP_SQL:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge_mgmt", "0001_initial")]

    operations = [migrations.RunPython(create_views, drop_views, elidable=False)]
