"""Header promotions become per edition, and news-feed items translatable (a locale and a
translation key each). Existing rows become the default edition's; each existing item gets
a translation key of its own."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

from masthead.editions.migration_helpers import default_locale_pk


def to_default_edition(apps, schema_editor):
    HeaderPromotions = apps.get_model("news", "HeaderPromotions")
    NewsFeedItem = apps.get_model("news", "NewsFeedItem")
    if not (HeaderPromotions.objects.exists() or NewsFeedItem.objects.exists()):
        return
    locale_pk = default_locale_pk(apps)
    HeaderPromotions.objects.update(locale_id=locale_pk)
    for pk in NewsFeedItem.objects.values_list("pk", flat=True).iterator():
        NewsFeedItem.objects.filter(pk=pk).update(locale_id=locale_pk, translation_key=uuid.uuid4())


def _locale(null: bool, on_delete):
    return models.ForeignKey(
        editable=False, null=null, on_delete=on_delete, related_name="+", to="wagtailcore.locale"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0009_newsfeeditem_keep_live"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="headerpromotions",
            name="locale",
            field=_locale(True, django.db.models.deletion.CASCADE),
        ),
        migrations.AddField(
            model_name="newsfeeditem",
            name="locale",
            field=_locale(True, django.db.models.deletion.PROTECT),
        ),
        migrations.AddField(
            model_name="newsfeeditem",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(to_default_edition, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="headerpromotions",
            name="locale",
            field=_locale(False, django.db.models.deletion.CASCADE),
        ),
        migrations.AlterField(
            model_name="newsfeeditem",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="newsfeeditem",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="headerpromotions",
            name="site",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="newsfeeditem", unique_together={("translation_key", "locale")}
        ),
        migrations.AddConstraint(
            model_name="headerpromotions",
            constraint=models.UniqueConstraint(
                fields=("site", "locale"), name="news_promotions_per_edition"
            ),
        ),
    ]
