"""Trigram GIN indexes for the free-text search (PostgreSQL only; SQLite scans, with the same results).

The expressions are exactly those the search compares: ``UPPER(col)`` for case-insensitive
"contains" and the plain normalised keys (person name and document keys, plate) for "contains".
"""
from django.db import migrations

#: (table, index name, indexed expression)
TRIGRAM_INDEXES = [
    ("seizures_case", "case_reference_trgm", 'UPPER("reference"::text)'),
    ("seizures_case", "case_description_trgm", 'UPPER("description"::text)'),
    ("seizures_case", "case_location_trgm", 'UPPER("location_text"::text)'),
    ("seizures_case", "case_criminal_no_trgm", 'UPPER("criminal_case_number"::text)'),
    ("seizures_person", "person_name_key_trgm", '"name_key"'),
    ("seizures_person", "person_document_key_trgm", '"document_key"'),
    ("seizures_company", "company_name_trgm", 'UPPER("name"::text)'),
    ("seizures_conveyance", "conveyance_ident_trgm", '"identifier_normalized"'),
    ("seizures_seizeditem", "item_notes_trgm", 'UPPER("notes"::text)'),
    ("seizures_seizeditem", "item_unidentified_trgm", 'UPPER("unidentified_description"::text)'),
    ("seizures_seizeditem", "item_permit_written_trgm", 'UPPER("permit_number_as_written"::text)'),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name, expression in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expression}) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name, _expression in TRIGRAM_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [("seizures", "0004_case_list_indexes")]

    operations = [migrations.RunPython(create, drop)]
