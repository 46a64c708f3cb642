"""The folded name-search column, filled for existing persons, and on PostgreSQL pg_trgm with a
trigram GIN index on it (SQLite searches the column by a scan: it has no trigram index)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from velkomst.people.search import search_name

INDEX = "people_person_search_trgm"


def fill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    batch = []
    persons = Person.objects.select_related("household").only(
        "first_name", "last_name", "household__name"
    )
    for person in persons.iterator(chunk_size=2000):
        person.search_name = search_name(person.first_name, person.last_name, person.household.name)
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["search_name"])
            batch = []
    Person.objects.bulk_update(batch, ["search_name"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON people_person USING gin (search_name gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_nationality_icao_stateless_unknown"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_name",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        TrigramExtension(),  # does nothing on SQLite
        migrations.RunPython(create_index, drop_index),
    ]
