"""Each newsletter belongs to an edition; the existing ones to the default edition."""

import django.db.models.deletion
from django.db import migrations, models

from masthead.editions.migration_helpers import default_locale_pk


def to_default_edition(apps, schema_editor):
    Newsletter = apps.get_model("newsletters", "Newsletter")
    if Newsletter.objects.exists():
        Newsletter.objects.update(locale_id=default_locale_pk(apps))


def _locale(null: bool):
    return models.ForeignKey(
        blank=True,
        null=null,
        help_text="The edition whose sign-up forms and newsletters page offer it.",
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="wagtailcore.locale",
        verbose_name="edition",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0004_newsletter_click_and_open_tracking"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(model_name="newsletter", name="locale", field=_locale(True)),
        migrations.RunPython(to_default_edition, migrations.RunPython.noop),
        migrations.AlterField(model_name="newsletter", name="locale", field=_locale(False)),
    ]
