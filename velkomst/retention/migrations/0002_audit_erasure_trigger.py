"""SEC-4: the audit log's trigger (core 0002) lets the retention job's narrow path through.

Inside a transaction that set ``velkomst.audit_erasure`` (``core.audit._erasure``), an entry of
the audit log may be deleted (its own retention ended) or have its ``changes``, ``reason`` and
``actor_label`` rewritten (an erased person pseudonymised); every other column must stay as it
was. Security events, which share the function, stay append-only without exception.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION velkomst_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'core_auditentry'
       AND current_setting('velkomst.audit_erasure', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        IF NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.municipality_id = OLD.municipality_id
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
           AND NEW.person_id IS NOT DISTINCT FROM OLD.person_id
           AND NEW.action = OLD.action AND NEW.object_type = OLD.object_type
           AND NEW.object_id = OLD.object_id AND NEW.channel = OLD.channel THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""
RESTORE = """
CREATE OR REPLACE FUNCTION velkomst_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE)


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("core", "0003_security_event"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
