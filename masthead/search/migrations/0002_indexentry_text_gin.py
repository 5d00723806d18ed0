"""PostgreSQL only: a GIN index on title || body of Wagtail's search index entries.

Wagtail's PostgreSQL backend (and search.selectors._postgres_ranked_ids) matches the query
against the concatenation of the title and body vectors. Wagtail indexes each column alone,
which that expression cannot use, so every search read every entry: the cost of a search grew
with the archive. SQLite keeps its own FTS5 table and needs nothing."""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING gin ((title || body))'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0001_feed_settings"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
