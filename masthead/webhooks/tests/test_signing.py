"""The signer against the Standard Webhooks rules, computed here by hand."""

import base64

from masthead.webhooks import signing

from .receiver import spec_signature, verify


def test_secrets_are_whsec_base64_of_32_random_bytes():
    made = {signing.new_secret() for _ in range(20)}
    assert len(made) == 20
    for secret in made:
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32


def test_headers_carry_id_timestamp_and_a_v1_hmac_of_id_timestamp_body():
    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    body = '{"type":"article.published","data":{"title":"Kyïv ✓"}}'
    headers = signing.headers(
        secrets_=[secret], message_id="msg_abc", timestamp=1764900000, body=body
    )
    assert headers["webhook-id"] == "msg_abc"
    assert headers["webhook-timestamp"] == "1764900000"
    expected = spec_signature(secret, "msg_abc", "1764900000", body.encode())
    assert headers["webhook-signature"] == f"v1,{expected}"
    assert verify(secret, headers, body.encode())
    assert not verify(secret, headers, body.replace("Kyïv", "Kyiv").encode())
    other = "whsec_" + base64.b64encode(b"x" * 32).decode()
    assert not verify(other, headers, body.encode())


def test_the_standardwebhooks_reference_verifier_accepts_our_messages():
    import time

    from standardwebhooks.webhooks import Webhook

    secret = signing.new_secret()
    body = '{"type":"webhook.test"}'
    headers = signing.headers(
        secrets_=[secret], message_id="msg_1", timestamp=int(time.time()), body=body
    )
    assert Webhook(secret).verify(body, headers) == {"type": "webhook.test"}
