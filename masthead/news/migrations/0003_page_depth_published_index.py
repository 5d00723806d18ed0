"""Listings (a section's latest, the front page's section blocks) read "the newest live pages
at this depth under this parent". Without an index that starts with depth and goes on in
publication order, SQLite scans every page and sorts the whole section at each request, so
the cost grows with the archive; with it, the newest rows are read in order and the query
stops at the page's LIMIT. wagtailcore_page belongs to Wagtail, hence plain SQL."""

from django.db import migrations

INDEX = "news_page_depth_published"


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_reader_site"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                f"CREATE INDEX IF NOT EXISTS {INDEX} "
                "ON wagtailcore_page (depth, first_published_at, id)"
            ),
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
