"""A (person, case) index on the parties, so the search's person -> case step reads the index only.

The name and document search finds persons first and then their cases; with only the single-column
person index each match cost a visit to the table row to read its case id. Raw SQL rather than
Meta.indexes so that the model (owned elsewhere) stays unchanged; both databases accept it.
"""
from django.db import migrations

NAME = "caseparty_person_case"


def create(apps, schema_editor):
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "seizures_caseparty" ("person_id", "case_id")'
    )


def drop(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):

    dependencies = [("seizures", "0014_agency_case_number_trigram")]

    operations = [migrations.RunPython(create, drop)]
