"""Navigation becomes per edition: one row per (site, locale). The existing rows become the
default edition's (the default language's Locale, "en-us" renamed "en" if that is what an
older database has)."""

import django.db.models.deletion
from django.db import migrations, models

from masthead.editions.migration_helpers import default_locale_pk


def to_default_edition(apps, schema_editor):
    NavigationSettings = apps.get_model("core", "NavigationSettings")
    if NavigationSettings.objects.exists():
        NavigationSettings.objects.update(locale_id=default_locale_pk(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="navigationsettings",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.RunPython(to_default_edition, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="navigationsettings",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.AlterField(
            model_name="navigationsettings",
            name="site",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
            ),
        ),
        migrations.AddConstraint(
            model_name="navigationsettings",
            constraint=models.UniqueConstraint(
                fields=("site", "locale"), name="core_navigation_per_edition"
            ),
        ),
    ]
