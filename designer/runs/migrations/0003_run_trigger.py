from django.db import migrations, models

import designer.runs.models


class Migration(migrations.Migration):
    dependencies = [
        ("runs", "0002_engine_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="run",
            name="trigger",
            # Existing runs were all started by hand.
            field=models.JSONField(default=designer.runs.models.manual_trigger),
        ),
    ]
