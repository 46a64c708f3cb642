"""The health consents become records of the consent app (COO-4): each ``HealthConsent`` is
copied to ``consent.Consent`` (a withdrawal on a day takes effect at the start of that day), the
health shares point at the copies (0003 then drops the health app's own consent model; two
migrations, since PostgreSQL will not alter a table with rows written in the same transaction).
"""

from datetime import datetime, time

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def copy_consents(apps, schema_editor):
    HealthConsent = apps.get_model("health", "HealthConsent")
    HealthShare = apps.get_model("health", "HealthShare")
    Consent = apps.get_model("consent", "Consent")
    tz = timezone.get_default_timezone()
    for old in HealthConsent.objects.prefetch_related("units").order_by("pk"):
        withdrawn = (
            timezone.make_aware(datetime.combine(old.withdrawn_on, time.min), tz)
            if old.withdrawn_on
            else None
        )
        new = Consent.objects.create(
            municipality_id=old.municipality_id,
            person_id=old.person_id,
            purpose=old.purpose,
            given_on=old.given_on,
            method="signed",
            recorded_by_id=old.recorded_by_id,
            withdrawn_at=withdrawn,
            version=old.version,
            created_at=old.created_at,
            updated_at=old.updated_at,
        )
        new.units.set(old.units.all())
        HealthShare.objects.filter(consent_id=old.pk).update(consent_new=new.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0001_initial"),
        ("health", "0001_health_barriers_coordination"),
    ]

    operations = [
        migrations.AddField(
            model_name="healthshare",
            name="consent_new",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="consent.consent",
            ),
        ),
        migrations.RunPython(copy_consents, migrations.RunPython.noop),
    ]
