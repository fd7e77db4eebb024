"""Trigram GIN index on the agency's own case number, the one searched case text without one.

Without it the case source of the free-text search (an OR over the case texts) cannot use any of
its indexes and reads the whole case table (PostgreSQL only; SQLite scans, with the same results).
"""
from django.db import migrations

INDEX = ("seizures_case", "case_agency_no_trgm", 'UPPER("agency_case_number"::text)')


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table, name, expression = INDEX
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expression}) gin_trgm_ops)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX[1]}"')


class Migration(migrations.Migration):

    dependencies = [("seizures", "0013_text_length_limits_and_date_ranges")]

    operations = [migrations.RunPython(create, drop)]
