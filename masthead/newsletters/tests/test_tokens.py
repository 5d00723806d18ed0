"""Signed links: the fast signing of issue links gives Django's own tokens."""

import pytest
from django.core import signing

from masthead.newsletters import tokens


@pytest.mark.parametrize("subscriber_id", [1, 42, 987654321012])
def test_issue_links_are_signed_exactly_as_djangos_signer_signs_them(subscriber_id):
    unsubscribe = signing.Signer(salt="masthead.newsletters.unsubscribe")
    manage = signing.Signer(salt="masthead.newsletters.manage")

    token = tokens.unsubscribe_token(subscriber_id=subscriber_id, newsletter_id=7)

    assert token == unsubscribe.sign(f"{subscriber_id}-7")
    assert tokens.read_unsubscribe_token(token) == (subscriber_id, 7)
    assert tokens.manage_token(subscriber_id) == manage.sign(str(subscriber_id))
    assert tokens.read_manage_token(tokens.manage_token(subscriber_id)) == subscriber_id


def test_a_new_signing_key_gives_new_issue_links(monkeypatch):
    before = tokens.manage_token(5)
    monkeypatch.setattr(tokens._MANAGE, "key", "another-secret-key-for-this-test-only")

    after = tokens.manage_token(5)

    assert after != before
    assert after == signing.Signer(
        key="another-secret-key-for-this-test-only", salt="masthead.newsletters.manage"
    ).sign("5")
