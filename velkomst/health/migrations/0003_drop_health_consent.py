"""The health shares' consent is the consent app's (copied by 0002); the old model goes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("health", "0002_consent_moves_to_consent_app"),
    ]

    operations = [
        migrations.RemoveField(model_name="healthshare", name="consent"),
        migrations.RenameField(
            model_name="healthshare", old_name="consent_new", new_name="consent"
        ),
        migrations.AlterField(
            model_name="healthshare",
            name="consent",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="health_shares",
                to="consent.consent",
            ),
        ),
        migrations.DeleteModel(name="HealthConsent"),
    ]
