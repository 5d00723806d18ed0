"""Items posted before the review workflow stay on the feed: live, published when they were
dated, with no unpublished changes."""

from django.db import migrations
from django.db.models import F


def keep_existing_items_live(apps, schema_editor):
    NewsFeedItem = apps.get_model("news", "NewsFeedItem")
    NewsFeedItem.objects.update(
        live=True,
        has_unpublished_changes=False,
        first_published_at=F("published_at"),
        last_published_at=F("published_at"),
    )


class Migration(migrations.Migration):
    dependencies = [("news", "0008_newsfeeditem_review")]

    operations = [migrations.RunPython(keep_existing_items_live, migrations.RunPython.noop)]
