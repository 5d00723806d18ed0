"""The paywall rule, in one place. Everything that shows article text to someone (the page,
JSON-LD, feeds, search snippets, newsletters, narration) asks here what they may see."""

from __future__ import annotations

from django.conf import settings

# How many paragraphs of a premium article anyone may read before the join prompt. Read from
# settings on every call (free_paragraphs()); this name stays for code that imported it.
PREMIUM_FREE_PARAGRAPHS = getattr(settings, "PREMIUM_FREE_PARAGRAPHS", 3)

# The element that wraps the members-only part of a premium article in the HTML a member
# receives; JSON-LD points search engines at it (hasPart.cssSelector), as Google asks.
PAYWALLED_CSS_CLASS = "article__premium"


def free_paragraphs() -> int:
    return int(getattr(settings, "PREMIUM_FREE_PARAGRAPHS", PREMIUM_FREE_PARAGRAPHS))


def is_member(user) -> bool:
    """True for a reader whose membership grants access (Membership.grants_access: active, or
    past due within the grace period). Without a membership record, a reader is not a member."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    membership = getattr(user, "membership", None)
    return bool(membership and getattr(membership, "grants_access", False))


def can_read_in_full(user, page) -> bool:
    if not getattr(page, "is_premium", False):
        return True
    if not (user is not None and getattr(user, "is_authenticated", False)):
        return False
    if user.is_staff or user.is_superuser or page.permissions_for_user(user).can_edit():
        return True
    return is_member(user)


def public_blocks(page) -> list:
    """The body blocks anyone may receive: all of them for a free article; for a premium one,
    everything up to and including the N-th paragraph (no later block of any kind)."""
    blocks = list(page.body)
    if not getattr(page, "is_premium", False):
        return blocks
    shown, paragraphs, limit = [], 0, free_paragraphs()
    for block in blocks:
        if paragraphs >= limit:
            break
        shown.append(block)
        if block.block_type == "paragraph":
            paragraphs += 1
    return shown


def readable_blocks(page, user) -> tuple[list, bool]:
    """(blocks this user may read, whether anything was withheld)."""
    if can_read_in_full(user, page):
        return list(page.body), False
    shown = public_blocks(page)
    return shown, len(shown) < len(page.body)


def paywall_json_ld(page) -> dict:
    """schema.org fields for a premium article, as Google asks for paywalled content: it is
    not free, and the part behind the paywall is the element with PAYWALLED_CSS_CLASS.
    Never carries body text: the same JSON-LD goes to members and non-members."""
    if not getattr(page, "is_premium", False):
        return {"isAccessibleForFree": True}
    return {
        "isAccessibleForFree": False,
        "hasPart": {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": f".{PAYWALLED_CSS_CLASS}",
        },
    }


def article_parts(page, user) -> tuple[list, list, bool]:
    """(blocks anyone may read, blocks only this reader's membership unlocks, whether some
    were withheld from this reader). Templates wrap the second list in PAYWALLED_CSS_CLASS;
    for a non-member it is always empty."""
    if not getattr(page, "is_premium", False):
        return list(page.body), [], False
    open_part = public_blocks(page)
    rest = list(page.body)[len(open_part) :]
    if can_read_in_full(user, page):
        return open_part, rest, False
    return open_part, [], bool(rest)


# Set on the request when a response carries text withheld from non-members, so that
# middleware.PrivateMembersTextMiddleware keeps it out of shared caches.
MEMBERS_TEXT_FLAG = "masthead_members_text_served"


def mark_members_text_served(request) -> None:
    if request is not None:
        setattr(request, MEMBERS_TEXT_FLAG, True)
