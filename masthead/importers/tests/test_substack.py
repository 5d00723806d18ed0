"""import_substack on a hand-written Substack export (fixtures/substack, zipped per test)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.importers.models import ImportedObject
from masthead.news.models import ArticlePage
from masthead.newsletters.models import Newsletter, Subscription

FIXTURES = Path(__file__).parent / "fixtures" / "substack"


def run(*args):
    out = io.StringIO()
    call_command("import_substack", *args, "--no-progress", stdout=out)
    return out.getvalue()


def make_zip(path: Path, replace: dict | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(FIXTURES.rglob("*")):
            if file.is_file():
                name = file.relative_to(FIXTURES).as_posix()
                archive.writestr(name, (replace or {}).get(name, file.read_bytes()))
    return path


@pytest.fixture
def export(tmp_path):
    return make_zip(tmp_path / "export.zip")


@pytest.mark.django_db
def test_posts_audience_drafts_and_redirects(home, export, client):
    out = run(str(export), "--author", "Kit Vale")
    welcome = ArticlePage.objects.get(slug="welcome-to-the-valley-letter")
    assert welcome.live and not welcome.is_premium
    assert welcome.standfirst == "What this newsletter is for"
    assert [a.name for a in welcome.authors] == ["Kit Vale"]
    assert welcome.first_published_at.isoformat() == "2024-02-01T07:00:00+00:00"
    assert ArticlePage.objects.get(slug="water-rates-explained").is_premium
    assert not ArticlePage.objects.get(slug="school-board-notes").live
    response = client.get("/p/welcome-to-the-valley-letter")
    assert response.status_code == 301 and response["Location"].endswith(welcome.url)
    assert "Imported: 3 new" in out, out


@pytest.mark.django_db
def test_body_blocks_form_kept_raw_and_remote_picture_listed(home, export):
    out = run(str(export))
    welcome = ArticlePage.objects.get(slug="welcome-to-the-valley-letter")
    kinds = [b.block_type for b in welcome.body]
    # The picture stays a link (remote, not fetched); the sign-up form is kept raw, inert.
    assert kinds == ["paragraph", "paragraph", "subheading", "paragraph", "paragraph"], kinds
    assert "substackcdn.example/image/upload/valley.jpg" in out
    assert "<form>" in out
    stored = str(welcome.body.raw_data)
    assert "<form" not in stored and "<input" not in stored


@pytest.mark.django_db
def test_missing_body_file_names_the_post(home, export):
    out = run(str(export))
    assert "article 104.missing-body" in out and "missing file posts/104.missing-body.html" in out
    assert not ArticlePage.objects.filter(slug="missing-body").exists()


@pytest.mark.django_db
def test_subscribers_confirmed_with_consent_time(home, export):
    out = run(str(export))
    newsletter = Newsletter.objects.get(slug="valley-letter")
    subscriptions = {
        s.subscriber.email: s
        for s in Subscription.objects.filter(newsletter=newsletter).select_related("subscriber")
    }
    assert set(subscriptions) == {"free.reader@example.net", "paid.reader@example.net"}
    free = subscriptions["free.reader@example.net"]
    assert free.status == Subscription.ACTIVE
    assert free.confirmed_at.isoformat() == "2023-11-02T18:20:00+00:00"
    assert free.consent_source == Subscription.IMPORTED
    assert "gone.reader@example.net" in out and "email disabled" in out


@pytest.mark.django_db
def test_second_run_adds_nothing_and_a_changed_title_updates_one(home, tmp_path, export):
    run(str(export))
    records = ImportedObject.objects.count()
    out = run(str(export))
    assert "Imported: 0 new, 0 updated" in out, out
    assert ImportedObject.objects.count() == records
    csv_text = (FIXTURES / "posts.csv").read_text()
    changed = make_zip(
        tmp_path / "changed.zip",
        {"posts.csv": csv_text.replace("Water rates explained", "Water rates: explained")},
    )
    out = run(str(changed))
    assert "Imported: 0 new, 1 updated" in out, out
    assert ArticlePage.objects.get(slug="water-rates-explained").title == "Water rates: explained"


@pytest.mark.django_db
def test_dry_run_stores_nothing(home, export):
    out = run(str(export), "--dry-run")
    assert "Dry run" in out
    assert not ArticlePage.objects.exists() and not Subscription.objects.exists()


@pytest.mark.django_db
def test_truncated_zip_is_a_readable_error(home, tmp_path, export):
    data = export.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError, match="not a zip file, or truncated"):
        run(str(cut))
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_damaged_member_is_a_readable_error(home, tmp_path, export):
    data = bytearray(export.read_bytes())
    start = data.find(b"Bills rise")  # stored compressed: find the member by its header
    header = data.find(b"posts/102.water-rates-explained.html")
    position = header + 60 if start < 0 else start
    data[position] ^= 0xFF
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="damaged|cannot read|not a zip"):
        run(str(broken))


@pytest.mark.django_db
def test_archive_without_posts_csv_or_not_a_zip(home, tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match="no posts.csv"):
        run(str(empty))
    text = tmp_path / "posts.zip"
    text.write_text("post_id,title\n")
    with pytest.raises(CommandError, match="not a zip file"):
        run(str(text))
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "absent.zip"))


@pytest.mark.django_db
def test_zip_bomb_member_is_refused(home, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("posts.csv", "post_id,title\n" + "a" * 5_000_000)
    with pytest.raises(CommandError, match="compressed suspiciously well"):
        run(str(bomb))
