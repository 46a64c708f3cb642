"""On SQLite, a trigram index for the folded name-search column: an FTS5 table with the trigram
tokenizer over ``people_person.search_name`` (external content), kept in step by triggers, so
``LIKE '%word%'`` is answered from the index as pg_trgm answers it on PostgreSQL (migration 0003).

The triggers belong to the table: a later migration that makes SQLite rebuild ``people_person``
(some AlterField operations) drops them, and the search tests then fail; recreate them with this
migration's SQL."""

from django.db import migrations

CREATE = [
    "CREATE VIRTUAL TABLE people_person_search USING fts5("
    "search_name, content='people_person', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER people_person_search_ai AFTER INSERT ON people_person BEGIN "
    "INSERT INTO people_person_search(rowid, search_name) VALUES (new.id, new.search_name); END",
    "CREATE TRIGGER people_person_search_ad AFTER DELETE ON people_person BEGIN "
    "INSERT INTO people_person_search(people_person_search, rowid, search_name) "
    "VALUES ('delete', old.id, old.search_name); END",
    "CREATE TRIGGER people_person_search_au AFTER UPDATE OF search_name ON people_person BEGIN "
    "INSERT INTO people_person_search(people_person_search, rowid, search_name) "
    "VALUES ('delete', old.id, old.search_name); "
    "INSERT INTO people_person_search(rowid, search_name) VALUES (new.id, new.search_name); END",
    "INSERT INTO people_person_search(people_person_search) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS people_person_search_ai",
    "DROP TRIGGER IF EXISTS people_person_search_ad",
    "DROP TRIGGER IF EXISTS people_person_search_au",
    "DROP TABLE IF EXISTS people_person_search",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_person_municipality_household_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
