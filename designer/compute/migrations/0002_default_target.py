"""Every installation starts with one compute target, `default`."""

from django.db import migrations


def create_default(apps, schema_editor):
    ComputeTarget = apps.get_model("compute", "ComputeTarget")
    ComputeTarget.objects.get_or_create(
        name="default",
        defaults={"description": "The default pool of workers.", "concurrency": 2},
    )


class Migration(migrations.Migration):
    dependencies = [("compute", "0001_initial")]
    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
