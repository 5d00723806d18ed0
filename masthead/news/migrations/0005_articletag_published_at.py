from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_publication_dates(apps, schema_editor):
    """Each tagged article's first publication onto its tag rows, in one UPDATE."""
    ArticleTag = apps.get_model("news", "ArticleTag")
    Page = apps.get_model("wagtailcore", "Page")
    first_published = Page.objects.filter(pk=OuterRef("content_object_id")).values(
        "first_published_at"
    )[:1]
    ArticleTag.objects.update(published_at=Subquery(first_published))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_articletag_tag_object_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        # Superseded by (tag, published_at, article): tag pages no longer probe per article.
        migrations.RemoveIndex(
            model_name="articletag",
            name="news_articletag_tag_obj",
        ),
        migrations.AddField(
            model_name="articletag",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        # Filled before the index is built: one index build instead of 400,000 index updates.
        migrations.RunPython(copy_publication_dates, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="articletag",
            index=models.Index(
                fields=["tag", "-published_at", "-content_object"],
                name="news_articletag_tag_date",
            ),
        ),
    ]
