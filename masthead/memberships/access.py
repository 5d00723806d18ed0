"""The paywall rule, in one place. Everything that shows article text to someone (the page,
JSON-LD, feeds, search snippets, newsletters, narration) asks here what they may see."""

from __future__ import annotations

from django.conf import settings

# How many paragraphs of a premium article anyone may read before the join prompt.
PREMIUM_FREE_PARAGRAPHS = getattr(settings, "PREMIUM_FREE_PARAGRAPHS", 3)


def is_member(user) -> bool:
    """True for a reader whose membership is active. The memberships app owns the state;
    until a reader has a membership record, they are not a member."""
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
    shown, paragraphs = [], 0
    for block in blocks:
        if paragraphs >= PREMIUM_FREE_PARAGRAPHS:
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
