"""Readers post, reply, edit, delete and report; the rules that stop them."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.comments import conf
from masthead.comments.models import (
    HOLD,
    Comment,
    CommentBan,
    CommentReport,
    CommentSettings,
    SectionModeration,
)

pytestmark = pytest.mark.django_db


def post(client, article, body, **extra):
    return client.post(reverse("comments:post", args=[article.pk]), {"body": body, **extra})


def test_a_signed_in_reader_posts_and_the_comment_shows_with_a_count(client, reader, plain_article):
    client.force_login(reader)
    response = post(client, plain_article, "The timetable works for our village.")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/comments/{plain_article.pk}/#comment-{comment.pk}")
    assert comment.status == Comment.PUBLISHED and comment.author == reader
    page = client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    assert "The timetable works for our village." in page
    assert "Taras" in page and "1 comment" in page


def test_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_stored(client, plain_article):
    response = post(client, plain_article, "Hello")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))
    assert not Comment.objects.exists()
    fragment = client.get(reverse("comments:fragment", args=[plain_article.pk])).content
    assert b"Sign in or create an account" in fragment


def test_the_fetched_block_is_private_and_the_article_page_the_same_for_everyone(
    client, reader, plain_article, fetch_headers
):
    client.force_login(reader)
    post(client, plain_article, "Private view test.")
    fragment = client.get(reverse("comments:fragment", args=[plain_article.pk]), **fetch_headers)
    assert "private" in fragment["Cache-Control"] and "no-store" in fragment["Cache-Control"]
    assert fragment["X-Comments-Fragment"] == "1"
    assert b"Comment as" in fragment.content
    signed_in = client.get(plain_article.url).content.decode()
    client.logout()
    anonymous = client.get(plain_article.url).content.decode()
    section = re.compile(r'<section class="comments".*?</section>', re.S)
    assert section.search(signed_in).group(0) == section.search(anonymous).group(0)
    assert "Private view test." not in signed_in
    assert f'data-comments-src="/comments/{plain_article.pk}/fragment/"' in anonymous
    assert f'href="/comments/{plain_article.pk}/"' in anonymous  # the no-JS fallback


def test_a_reply_to_a_reply_joins_the_same_thread(client, reader, other_reader, plain_article):
    top = Comment.objects.create(article=plain_article, author=other_reader, body="Top.")
    reply = Comment.objects.create(
        article=plain_article, author=other_reader, parent=top, body="First reply."
    )
    client.force_login(reader)
    post(client, plain_article, "Answering the reply.", parent=reply.pk)
    newest = Comment.objects.latest("pk")
    assert newest.parent_id == top.pk


def test_a_reply_to_a_comment_on_another_article_is_refused(
    client, reader, plain_article, make_article
):
    elsewhere = make_article(image=False, title="Another story", slug="another")
    foreign = Comment.objects.create(article=elsewhere, author=reader, body="There.")
    client.force_login(reader)
    response = post(client, plain_article, "Here.", parent=foreign.pk)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "This field is required"), ("   ", "This field is required")],
)
def test_an_empty_comment_gets_a_message(client, reader, plain_article, body, message):
    client.force_login(reader)
    response = post(client, plain_article, body)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_over_the_length_limit_is_refused_and_the_text_kept(
    client, reader, plain_article, fetch_headers
):
    client.force_login(reader)
    long_text = "word " * (conf.MAX_LENGTH // 5 + 10)
    response = post(client, plain_article, long_text, **fetch_headers)
    assert response.status_code == 400
    assert f"limited to {conf.MAX_LENGTH} characters" in response.content.decode()
    assert long_text.strip()[:200] in response.content.decode()  # not lost for the reader
    assert not Comment.objects.exists()


def test_a_banned_reader_cannot_post(client, reader, plain_article, fetch_headers):
    CommentBan.objects.create(user=reader)
    client.force_login(reader)
    response = post(client, plain_article, "Let me in.", **fetch_headers)
    assert response.status_code == 403
    assert b"can no longer post comments" in response.content
    assert not Comment.objects.exists()
    fragment = client.get(reverse("comments:fragment", args=[plain_article.pk]))
    assert b'name="body"' not in fragment.content


def test_posting_too_fast_answers_429(client, reader, plain_article):
    client.force_login(reader)
    for n in range(conf.POSTS_PER_MINUTE):
        assert post(client, plain_article, f"Comment {n}").status_code == 302
    response = post(client, plain_article, "One too many")
    assert response.status_code == 429
    assert b"posting too quickly" in response.content
    assert Comment.objects.count() == conf.POSTS_PER_MINUTE


def test_too_many_links_hold_a_comment_for_moderation(client, reader, plain_article):
    client.force_login(reader)
    post(client, plain_article, "https://a.test https://b.test https://c.test")
    comment = Comment.objects.get()
    assert comment.status == Comment.PENDING and comment.held_reason == "links"
    # The author sees it as held; other readers do not see it at all.
    page = client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    assert "Awaiting moderation" in page
    client.logout()
    page = client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    assert "https://a.test" not in page


def test_a_section_set_to_hold_keeps_comments_until_approved(client, reader, plain_article):
    SectionModeration.objects.create(section=plain_article.get_parent().specific, mode=HOLD)
    client.force_login(reader)
    post(client, plain_article, "Held please.")
    assert Comment.objects.get().status == Comment.PENDING


def test_staff_comments_publish_at_once_even_in_a_held_section(client, editor, plain_article):
    SectionModeration.objects.create(section=plain_article.get_parent().specific, mode=HOLD)
    client.force_login(editor)
    post(client, plain_article, "From the desk.")
    assert Comment.objects.get().status == Comment.PUBLISHED


def test_comments_closed_on_the_article_are_refused(client, reader, make_article):
    closed = make_article(image=False, title="Closed story", slug="closed", comments_open=False)
    client.force_login(reader)
    response = post(client, closed, "Too late.")
    assert response.status_code == 403
    assert not Comment.objects.exists()
    fragment = client.get(reverse("comments:fragment", args=[closed.pk])).content
    assert b"Comments are closed" in fragment


def test_comments_close_automatically_after_the_set_number_of_days(client, reader, plain_article):
    settings = CommentSettings.load()
    settings.close_after_days = 7
    settings.save()
    type(plain_article).objects.filter(pk=plain_article.pk).update(
        first_published_at=timezone.now() - timedelta(days=8)
    )
    client.force_login(reader)
    assert post(client, plain_article, "Old news.").status_code == 403
    settings.close_after_days = 0
    settings.save()
    assert post(client, plain_article, "Never closes now.").status_code == 302


def test_a_reader_edits_their_comment_within_ten_minutes_but_not_after(
    client, reader, plain_article
):
    comment = Comment.objects.create(article=plain_article, author=reader, body="Typo hree.")
    client.force_login(reader)
    url = reverse("comments:edit", args=[comment.pk])
    assert client.post(url, {"body": "Typo here."}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Typo here." and comment.edited_at

    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    response = client.post(url, {"body": "Sneaky change."})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Typo here."


def test_nobody_edits_or_deletes_someone_elses_comment(client, reader, other_reader, plain_article):
    comment = Comment.objects.create(article=plain_article, author=other_reader, body="Mine.")
    client.force_login(reader)
    assert (
        client.post(reverse("comments:edit", args=[comment.pk]), {"body": "x"}).status_code == 404
    )
    assert client.post(reverse("comments:delete", args=[comment.pk])).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Mine." and comment.status == Comment.PUBLISHED


def test_a_reader_deletes_their_own_comment(client, reader, other_reader, plain_article):
    alone = Comment.objects.create(article=plain_article, author=reader, body="Alone.")
    answered = Comment.objects.create(article=plain_article, author=reader, body="Answered.")
    Comment.objects.create(
        article=plain_article, author=other_reader, parent=answered, body="The answer."
    )
    client.force_login(reader)
    client.post(reverse("comments:delete", args=[alone.pk]))
    client.post(reverse("comments:delete", args=[answered.pk]))
    assert not Comment.objects.filter(pk=alone.pk).exists()
    page = client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    assert "Answered." not in page and "This comment was deleted." in page
    assert "The answer." in page


def test_reporting_a_comment_counts_once_per_reader(client, reader, other_reader, plain_article):
    comment = Comment.objects.create(article=plain_article, author=other_reader, body="Rude.")
    client.force_login(reader)
    url = reverse("comments:report", args=[comment.pk])
    assert client.post(url, {"reason": "abuse"}).status_code == 302
    assert client.post(url, {"reason": "abuse"}).status_code == 302
    comment.refresh_from_db()
    assert comment.report_count == 1
    assert CommentReport.objects.get().reason == "abuse"
    # A made-up reason is stored as "other", not an error.
    from masthead.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(username="third"))
    assert client.post(url, {"reason": "<script>"}).status_code == 302
    assert CommentReport.objects.latest("pk").reason == "other"


def test_staff_and_author_badges(client, reader, editor, author, plain_article):
    author.user = editor
    author.save()
    Comment.objects.create(article=plain_article, author=editor, body="From the reporter.")
    Comment.objects.create(article=plain_article, author=reader, body="From a reader.")
    page = client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    assert page.count("badge--author") == 1 and page.count("badge--staff") == 1


def test_an_unknown_or_unpublished_article_answers_404(client, reader, make_article):
    draft = make_article(image=False, title="Draft story", slug="draft", publish=False)
    client.force_login(reader)
    assert client.get(reverse("comments:page", args=[draft.pk])).status_code == 404
    assert client.get(reverse("comments:fragment", args=[999999])).status_code == 404
    assert post(client, draft, "Sneaky.").status_code == 404


def test_demo_seed_adds_readers_and_threads_once(make_article):
    from io import StringIO

    from masthead.comments.seeds import seed

    for n in range(3):
        make_article(image=False, title=f"Demo story {n}", slug=f"demo-{n}")
    seed(stdout=StringIO())
    count = Comment.objects.count()
    assert count == 6 and Comment.objects.filter(parent__isnull=False).count() == 2
    seed(stdout=StringIO())
    assert Comment.objects.count() == count


def test_the_comment_block_costs_the_same_queries_however_many_comments(
    client, reader, other_reader, plain_article, django_assert_max_num_queries
):
    for n in range(12):
        top = Comment.objects.create(article=plain_article, author=reader, body=f"Top {n}")
        Comment.objects.create(
            article=plain_article, author=other_reader, parent=top, body=f"Reply {n}"
        )
    client.force_login(reader)
    url = reverse("comments:fragment", args=[plain_article.pk])
    client.get(url)  # settings row and caches warm
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count('class="comment__body"') == 24
