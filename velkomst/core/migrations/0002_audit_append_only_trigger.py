"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit log (SEC-3).

TRUNCATE stays possible for the test runner's flush between transactional tests; the application
never issues it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION velkomst_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_append_only
    BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION velkomst_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS velkomst_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial_tenants_staff_audit")]
    operations = [migrations.RunPython(forwards, backwards)]
