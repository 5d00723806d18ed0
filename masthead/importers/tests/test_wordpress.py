"""import_wordpress on a hand-written WXR 1.2 export (fixtures/wordpress)."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect

from masthead.comments.models import Comment
from masthead.images.models import CustomImage
from masthead.importers.models import ImportedObject
from masthead.news.models import ArticlePage, SectionPage, StaticPage
from masthead.people.models import Author

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"


def run(*args, **options):
    out = io.StringIO()
    call_command("import_wordpress", *args, "--no-progress", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def export(tmp_path):
    """A copy of the fixture, free to edit."""
    folder = tmp_path / "wp"
    shutil.copytree(FIXTURES, folder)
    return folder


def args(export, *more):
    return [str(export / "export.xml"), "--media-dir", str(export / "uploads"), *more]


@pytest.mark.django_db
def test_posts_pages_authors_sections_tags_and_dates(home, export):
    out = run(*args(export))
    story = ArticlePage.objects.get(slug="council-votes-footbridge")
    assert story.live
    assert story.get_parent().specific.title == "City Hall"
    assert {t.name for t in story.tags.all()} == {"Analysis", "Bridges"}
    assert [a.name for a in story.authors] == ["Ann Rivers"]
    assert story.first_published_at.isoformat() == "2024-03-04T10:30:00+00:00"
    assert story.last_published_at.isoformat() == "2024-03-05T08:00:00+00:00"
    assert story.standfirst == "Work on the new footbridge starts in April."
    # Written live without a revision (as pages loaded in bulk are): the editor opens the
    # page as it is.
    assert story.latest_revision_id is None and not story.has_unpublished_changes
    about = StaticPage.objects.get(slug="about")
    assert about.get_parent().pk == home.pk
    assert [b.block_type for b in about.body] == ["paragraph"]
    assert Author.objects.filter(name="Bob Marsh").exists()
    # Uncategorized goes to the default section.
    flood = ArticlePage.objects.get(slug="flood-photos")
    assert flood.get_parent().slug == "news"
    assert "Imported: 4 new" in out, out


@pytest.mark.django_db
def test_drafts_stay_drafts(home, export):
    run(*args(export))
    draft = ArticlePage.objects.get(title="Budget draft: what we know")
    assert not draft.live
    assert draft.first_published_at is None
    assert draft.slug == "budget-draft-what-we-know"


@pytest.mark.django_db
def test_body_blocks_images_and_raw_html_reported(home, export):
    out = run(*args(export))
    story = ArticlePage.objects.get(slug="council-votes-footbridge")
    kinds = [b.block_type for b in story.body]
    assert kinds == [
        "paragraph", "subheading", "image", "paragraph", "quote", "paragraph", "embed",
    ]  # fmt: skip
    picture = story.body[2].value
    assert picture["image"].title == "Works map"
    assert picture["caption"] == "Where the works go"
    assert picture["credit"] == "Courier staff"
    assert story.body[4].value["attribution"] == "A resident"
    assert "<table>" in story.body[5].value.source
    assert "tracker" not in str(story.body.raw_data)
    # The featured image, with its alt text and caption, from the media folder.
    lead = story.lead_image
    assert lead.description == "A stone footbridge over a river at sunrise"
    assert lead.caption == "The footbridge before the works began."
    assert (lead.width, lead.height) == (64, 36)
    assert lead.file.storage.exists(lead.file.name)
    assert "Kept as raw HTML" in out and "<table>" in out
    assert "script element" in out


@pytest.mark.django_db
def test_hostile_html_is_removed_and_named(home, export):
    out = run(*args(export))
    flood = ArticlePage.objects.get(slug="flood-photos")
    stored = str(flood.body.raw_data)
    for hostile in ("onclick", "onerror", "javascript:", "steal()"):
        assert hostile not in stored
    assert "article 102" in out and "onerror attribute" in out and "javascript: link" in out


@pytest.mark.django_db
def test_remote_images_are_listed_not_fetched(home, export):
    out = run(*args(export))
    assert "Remote images not fetched" in out
    assert "https://cdn.example.org/flood.jpg" in out
    flood = ArticlePage.objects.get(slug="flood-photos")
    assert "cdn.example.org/flood.jpg" in str(flood.body.raw_data)  # a link in its place


@pytest.mark.django_db
def test_missing_file_fails_the_item_and_stores_nothing_of_it(home, export):
    out = run(*args(export))
    assert "article 104" in out and "missing file" in out and "lost.jpg" in out
    assert not ArticlePage.objects.filter(slug="market-day").exists()
    assert not ImportedObject.objects.filter(key="post:104").exists()


@pytest.mark.django_db
def test_trash_is_skipped_with_its_reason(home, export):
    out = run(*args(export))
    assert not ArticlePage.objects.filter(title="Deleted post").exists()
    assert "article 103" in out and "trash" in out


@pytest.mark.django_db
def test_approved_comments_only_with_replies(home, export):
    run(*args(export))
    story = ArticlePage.objects.get(slug="council-votes-footbridge")
    comments = list(Comment.objects.filter(article=story).order_by("created_at"))
    assert [c.body for c in comments] == ["About time!", "Thanks, Jo: more on the timetable soon."]
    assert comments[1].parent_id == comments[0].pk
    assert comments[0].author_name == "Jo Reader"
    assert all(c.status == Comment.PUBLISHED for c in comments)
    assert not comments[0].author.is_active


@pytest.mark.django_db
def test_old_urls_redirect_permanently(home, export, client):
    run(*args(export))
    story = ArticlePage.objects.get(slug="council-votes-footbridge")
    redirect = Redirect.objects.get(old_path="/2024/03/04/council-votes-footbridge")
    assert redirect.is_permanent and redirect.redirect_page_id == story.pk
    response = client.get("/2024/03/04/council-votes-footbridge/")
    assert response.status_code == 301
    assert response["Location"].endswith(story.url)
    # A draft's ?p= address redirects too (to the page editors will publish).
    assert Redirect.objects.filter(old_path="/?p=101").exists()


@pytest.mark.django_db
def test_second_run_adds_nothing_and_a_changed_title_updates_one(home, export):
    run(*args(export))
    counts = (ArticlePage.objects.count(), CustomImage.objects.count(), Comment.objects.count())
    out = run(*args(export))
    assert "Imported: 0 new, 0 updated" in out, out
    assert counts == (
        ArticlePage.objects.count(),
        CustomImage.objects.count(),
        Comment.objects.count(),
    )
    xml = export / "export.xml"
    xml.write_text(xml.read_text().replace("Market day returns", "Market day is back"))
    xml.write_text(
        xml.read_text().replace(
            "<![CDATA[Council votes to rebuild the footbridge]]>",
            "<![CDATA[Council votes to rebuild the old footbridge]]>",
        )
    )
    out = run(*args(export))
    assert "Imported: 0 new, 1 updated" in out, out
    story = ArticlePage.objects.get(slug="council-votes-footbridge")
    assert story.title == "Council votes to rebuild the old footbridge"
    assert Comment.objects.count() == counts[2]


@pytest.mark.django_db
def test_a_page_edited_in_masthead_is_not_overwritten(home, export, django_user_model):
    run(*args(export))
    story = ArticlePage.objects.get(slug="council-votes-footbridge")
    editor = django_user_model.objects.create(username="editor")
    story.title = "Edited here"
    story.save_revision(user=editor).publish()
    xml = export / "export.xml"
    xml.write_text(xml.read_text().replace("Work starts in", "Works start in"))
    out = run(*args(export))
    assert "edited in Masthead since imported" in out, out
    story.refresh_from_db()
    assert story.title == "Edited here"


@pytest.mark.django_db
def test_categories_as_tags(home, export):
    run(*args(export, "--categories-as", "tags"))
    story = ArticlePage.objects.get(slug="council-votes-footbridge")
    assert story.get_parent().slug == "news"
    assert {t.name for t in story.tags.all()} == {"City Hall", "Analysis", "Bridges"}
    assert not SectionPage.objects.filter(slug="city-hall").exists()


@pytest.mark.django_db
def test_dry_run_stores_nothing(home, export, settings):
    before = (ArticlePage.objects.count(), SectionPage.objects.count(), Author.objects.count())
    out = run(*args(export, "--dry-run"))
    assert "Imported: 4 would be new" in out, out
    assert "Dry run: nothing was stored." in out
    assert before == (
        ArticlePage.objects.count(),
        SectionPage.objects.count(),
        Author.objects.count(),
    )
    assert not ImportedObject.objects.exists()
    assert not CustomImage.objects.exists()
    assert not Redirect.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        ("<rss><channel><item>", "not well-formed XML"),
        ("", "not well-formed XML"),
        ('<?xml version="1.0"?><feed/>', "not a WordPress export"),
        (
            '<rss xmlns:wp="http://wordpress.org/export/9.9/"><channel>'
            "<wp:wxr_version>9.9</wp:wxr_version></channel></rss>",
            "WXR version 9.9",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<rss><channel><title>&x;</title></channel></rss>",
            "refused",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<rss><channel><title>&b;</title></channel></rss>",
            "refused",
        ),
    ],
)
def test_bad_files_give_a_readable_error(home, tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(str(path))
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_a_missing_export_or_media_dir_is_a_readable_error(home, tmp_path, export):
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nope.xml"))
    with pytest.raises(CommandError, match="no such folder"):
        run(str(export / "export.xml"), "--media-dir", str(tmp_path / "nope"))


@pytest.mark.django_db
def test_older_wxr_versions_are_read(home, export):
    xml = export / "export.xml"
    xml.write_text(
        xml.read_text()
        .replace("wordpress.org/export/1.2/", "wordpress.org/export/1.1/")
        .replace("<wp:wxr_version>1.2</wp:wxr_version>", "<wp:wxr_version>1.1</wp:wxr_version>")
    )
    out = run(*args(export))
    assert "Imported: 4 new" in out, out
    assert ArticlePage.objects.get(slug="council-votes-footbridge").standfirst
