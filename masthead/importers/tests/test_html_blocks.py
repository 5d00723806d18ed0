"""HTML to the article body's blocks: what each element becomes, and what is kept raw."""

from masthead.importers.html_blocks import ImageRef, convert, embed_url


def kinds(conversion):
    return [block["type"] for block in conversion.blocks]


def test_paragraphs_from_bare_text_follow_wordpress_line_rules():
    result = convert("One\nline two\n\nTwo <em>it</em> <strong>b</strong>")
    assert [b["value"] for b in result.blocks] == [
        "<p>One<br>line two</p>",
        "<p>Two <i>it</i> <b>b</b></p>",
    ]


def test_headings_lists_quotes_and_pull_quotes():
    html = (
        "<h2>Sub</h2><ol><li>a</li></ol>"
        "<blockquote><p>Said.</p><cite>Her</cite></blockquote>"
        '<blockquote class="pullquote">Short.</blockquote>'
    )
    result = convert(html)
    assert kinds(result) == ["subheading", "paragraph", "quote", "pull_quote"]
    assert result.blocks[2]["value"] == {"quote": "Said.", "attribution": "Her"}
    # Pages have no pull quote block: it becomes a quote.
    assert kinds(convert(html, pull_quotes=False))[-1] == "quote"
    assert result.raw_kept == []


def test_figure_caption_and_credit():
    result = convert(
        '<figure><img src="/a.jpg" alt="A"><figcaption>Dawn. © Ann</figcaption></figure>'
    )
    value = result.blocks[0]["value"]
    assert value["image"] == ImageRef(src="/a.jpg", alt="A")
    assert (value["caption"], value["credit"]) == ("Dawn", "Ann")


def test_embeds_from_bare_urls_frames_and_tweets():
    html = (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
        '<iframe src="https://player.vimeo.com/video/76979871"></iframe>'
        '<blockquote class="twitter-tweet"><p>Hi</p>'
        '<a href="https://twitter.com/user/status/20">date</a></blockquote>'
    )
    result = convert(html)
    assert kinds(result) == ["embed", "embed", "embed"]
    assert result.blocks[1]["value"]["embed"] == "https://vimeo.com/76979871"
    assert embed_url("https://evil.example/frame") == ""


def test_what_no_block_holds_is_kept_sanitised_and_listed():
    result = convert('<table><tr><td onclick="x()">1</td></tr></table><p>a<sup>2</sup></p>')
    assert kinds(result) == ["paragraph", "paragraph"]
    assert "<table>" in result.blocks[0]["value"] and "onclick" not in result.blocks[0]["value"]
    assert result.raw_kept == ["<table>", "paragraph formatting with <sup>"]
    assert result.removed == ["onclick attribute"]


def test_hostile_content_is_removed_and_said():
    result = convert(
        '<p><a href=" javascript:alert(1)">x</a></p><script>evil()</script>'
        '<style>p{}</style><p><img src="data:image/png;base64,AAA"></p>'
    )
    stored = str(result.blocks)
    assert "evil" not in stored and "javascript" not in stored and "data:" not in stored
    assert set(result.removed) == {
        "javascript: link",
        "script element",
        "style element",
        "data: link",
    }
