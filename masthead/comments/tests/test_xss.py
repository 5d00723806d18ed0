"""Hostile comment text is shown as text: no tag, attribute or script URL ever gets through."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from masthead.comments.models import Comment
from masthead.comments.text import render_body

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    '<iframe src="https://evil.test"></iframe>',
    '"><script>alert(document.cookie)</script>',
    "'><img src=x onerror=alert(1)//",
    "<body onload=alert(1)>",
    "<style>*{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="https://ok.test" onclick="alert(1)">x</a>',
    'https://ok.test/"onmouseover="alert(1)',
    "https://ok.test/<script>alert(1)</script>",
    "www.ok.test/'onfocus='alert(1)'autofocus='",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!--<script>alert(1)</script>-->",
    "<details open ontoggle=alert(1)>",
    "<form action=https://evil.test><button>go</button></form>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<meta http-equiv=refresh content=0;url=https://evil.test>",
    "`${alert(1)}`",
    "\u202e<script>alert(1)</script>",
    '<a href="https://ok.test">ok</a>',
]


def assert_inert(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in {"p", "br", "a"}, html
        for attribute, value in tag.attrs.items():
            assert attribute in {"href", "rel"}, html
            if attribute == "href":
                assert value.startswith(("http://", "https://")), html
                assert '"' not in value and "<" not in value, html


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_rendered_comment_text_is_never_markup(payload):
    assert_inert(render_body(payload))


def test_links_become_safe_anchors_and_punctuation_stays_outside():
    html = render_body("See https://example.org/report, and www.example.net.")
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["https://example.org/report", "https://www.example.net"]
    assert all("nofollow" in a["rel"] and "ugc" in a["rel"] for a in soup.find_all("a"))
    assert soup.get_text() == "See https://example.org/report, and www.example.net."


def test_line_breaks_and_paragraphs_are_kept():
    html = render_body("First line\nsecond line\n\nNew paragraph")
    assert html == "<p>First line<br>second line</p><p>New paragraph</p>"


@pytest.mark.django_db
def test_the_whole_corpus_posted_through_the_site_renders_as_text(
    client, reader, plain_article, monkeypatch
):
    from masthead.comments import conf

    monkeypatch.setattr(conf, "POSTS_PER_MINUTE", 1000)
    client.force_login(reader)
    for payload in XSS_CORPUS:
        response = client.post(reverse("comments:post", args=[plain_article.pk]), {"body": payload})
        assert response.status_code == 302, payload
    Comment.objects.update(status=Comment.PUBLISHED)  # those held for links too
    page = client.get(reverse("comments:page", args=[plain_article.pk])).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    bodies = soup.select(".comment__body")
    assert len(bodies) == len(XSS_CORPUS)
    for body in bodies:
        assert_inert(body.decode_contents())
    # Nothing in the whole page runs inline or from elsewhere.
    assert all(s.get("src", "").startswith("/static/") for s in soup.find_all("script"))
    assert not soup.find_all(attrs={"onerror": True})
    assert "<script>alert" not in page
