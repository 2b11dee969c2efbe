from django.db import migrations, models


def own_user_components(apps, schema_editor):
    """Components users registered before workspaces belong to the default workspace; only
    the built-ins stay with the whole instance."""
    Component = apps.get_model("registry", "Component")
    Workspace = apps.get_model("accounts", "Workspace")
    stray = Component.objects.filter(builtin=False, workspace__isnull=True)
    if stray.exists():
        workspace, _ = Workspace.objects.get_or_create(name="default")
        stray.update(workspace=workspace)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_workspace"),
    ]

    operations = [
        migrations.AddField(
            model_name="component",
            name="deprecated",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="component",
            name="status_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="component",
            name="yanked",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(own_user_components, migrations.RunPython.noop),
    ]
