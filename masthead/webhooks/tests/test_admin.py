"""Settings → Webhooks: administrators only; the secret shown once; the delivery log; every
change with security meaning in the audit log; bad input a 400 with a reason."""

import pytest

from masthead.audit.models import AuditEntry
from masthead.webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def actions():
    return list(
        AuditEntry.objects.filter(action__startswith="webhooks.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_an_administrator_adds_an_endpoint_and_sees_its_secret_once(
    client, admin_user, receiver, allow_private, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    assert client.get("/admin/webhooks/new/").status_code == 200
    response = client.post(
        "/admin/webhooks/new/",
        {
            "url": receiver.url,
            "description": "Partner app",
            "events": ["article.published", "comment.held"],
            "owner": admin_user.pk,
        },
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    secret = response.context["secret"]
    endpoint = Endpoint.objects.get()
    assert secret == endpoint.secret and secret.startswith("whsec_")
    assert secret.encode() in response.content
    assert endpoint.events == ["article.published", "comment.held"]
    for page in ("/admin/webhooks/", f"/admin/webhooks/{endpoint.pk}/"):
        shown = client.get(page)
        assert shown.status_code == 200 and secret.encode() not in shown.content
    assert receiver.url.encode() in client.get("/admin/webhooks/").content

    # A test event from the admin reaches the receiver, signed, and shows in the log.
    receiver.secret = secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/webhooks/{endpoint.pk}/test/")
    assert response.status_code == 302
    (request,) = receiver.requests
    assert request.verified and request.json["type"] == "webhook.test"
    log = client.get(f"/admin/webhooks/{endpoint.pk}/deliveries/")
    assert b"webhook.test" in log.content and b"<strong>200</strong>" in log.content

    # Rotate: a new secret, shown once; the old one no longer the endpoint's.
    response = client.post(f"/admin/webhooks/{endpoint.pk}/rotate/")
    new = response.context["secret"]
    endpoint.refresh_from_db()
    assert new != secret and endpoint.secret == new and endpoint.previous_secret == secret
    assert client.get(f"/admin/webhooks/{endpoint.pk}/rotate/").status_code == 405

    # Change it, then delete it.
    response = client.post(
        f"/admin/webhooks/{endpoint.pk}/",
        {
            "url": receiver.url,
            "description": "Partner app v2",
            "events": ["article.unpublished"],
            "owner": admin_user.pk,
        },
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.events == ["article.unpublished"]
    changed = AuditEntry.objects.get(action="webhooks.endpoint.changed")
    assert set(changed.data["changes"]) == {"description", "events"}
    assert client.get(f"/admin/webhooks/{endpoint.pk}/delete/").status_code == 200
    assert client.post(f"/admin/webhooks/{endpoint.pk}/delete/").status_code == 302
    assert not Endpoint.objects.exists() and not Delivery.objects.exists()
    assert actions() == [
        "webhooks.endpoint.created",
        "webhooks.endpoint.test_sent",
        "webhooks.endpoint.secret_rotated",
        "webhooks.endpoint.changed",
        "webhooks.endpoint.deleted",
    ]
    # No entry holds a secret.
    assert not any(secret in str(e.data) or new in str(e.data) for e in AuditEntry.objects.all())


def test_editors_cannot_see_or_use_webhooks(client, editor, admin_user, endpoint):
    client.force_login(editor)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and b"/admin/webhooks/" not in dashboard.content
    for url in (
        "/admin/webhooks/",
        "/admin/webhooks/new/",
        f"/admin/webhooks/{endpoint.pk}/",
        f"/admin/webhooks/{endpoint.pk}/deliveries/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert endpoint.secret.encode() not in response.content
    for url in ("rotate", "test", "disable", "delete"):
        assert client.post(f"/admin/webhooks/{endpoint.pk}/{url}/").status_code in (302, 403)
    response = client.post(
        "/admin/webhooks/new/",
        {"url": "http://127.0.0.1/", "events": ["article.published"], "owner": editor.pk},
    )
    assert response.status_code in (302, 403)
    endpoint.refresh_from_db()
    assert Endpoint.objects.count() == 1 and endpoint.active
    assert not AuditEntry.objects.filter(action__startswith="webhooks.", actor=editor).exists()
    # An administrator sees it in the settings menu.
    client.force_login(admin_user)
    assert b"/admin/webhooks/" in client.get("/admin/").content


@pytest.mark.parametrize(
    "url,message",
    [
        ("http://127.0.0.1:8725/hook", "public internet addresses"),
        ("http://10.0.0.7/hook", "public internet addresses"),
        ("http://169.254.169.254/latest/", "public internet addresses"),
        ("http://[::1]/hook", "public internet addresses"),
        ("http://[::ffff:127.0.0.1]/hook", "public internet addresses"),
        ("ftp://example.com/hook", "Only http:// and https://"),
        ("not a url", "spaces or control characters"),
        ("www.example.com/hook", "Only http:// and https://"),
        ("http://example.com:99999/", "port"),
        ("https://example.com/" + "a" * 3000, "at most 2000 characters"),
        ("", "This field is required"),
    ],
)
def test_bad_endpoint_urls_get_a_clear_error_and_store_nothing(client, admin_user, url, message):
    client.force_login(admin_user)
    response = client.post(
        "/admin/webhooks/new/",
        {"url": url, "events": ["article.published"], "owner": admin_user.pk},
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["url"])
    assert message.encode() in response.content
    assert not Endpoint.objects.exists() and not actions()


@pytest.mark.parametrize(
    "data",
    [
        {"events": ["article.exploded"]},
        {"events": []},
        {"events": ["webhook.test"]},
        {"owner": "999999"},
        {"owner": "abc"},
        {"owner": "reader"},
        {"description": "d" * 201},
    ],
)
def test_bad_endpoint_forms_are_400(client, admin_user, data, allow_private):
    from masthead.accounts.tests.factories import UserFactory

    if data.get("owner") == "reader":  # a reader (no staff group) cannot own an endpoint
        data = {"owner": UserFactory(username="a-reader").pk}
    client.force_login(admin_user)
    form = {"url": "http://127.0.0.1:8725/", "events": ["article.published"]}
    form["owner"] = admin_user.pk
    response = client.post("/admin/webhooks/new/", {**form, **data})
    assert response.status_code == 400
    assert not Endpoint.objects.exists()


def test_the_delivery_log_filters_and_retries_now(
    client, admin_user, receiver, endpoint, django_capture_on_commit_callbacks
):
    from masthead.webhooks import services

    receiver.statuses = [500, 200]
    with django_capture_on_commit_callbacks(execute=True):
        services.test_event_send(endpoint=endpoint)
        services.event_emit(event_type="article.published", data={"id": 1}, endpoints=[endpoint])
    failed, succeeded = (
        Delivery.objects.get(event_type="webhook.test"),
        Delivery.objects.get(event_type="article.published"),
    )
    assert (failed.status, succeeded.status) == (Delivery.FAILED, Delivery.SUCCEEDED)
    client.force_login(admin_user)
    base = f"/admin/webhooks/{endpoint.pk}/deliveries/"
    page = client.get(base + "?status=failed")
    assert failed.message_id.encode() in page.content
    assert succeeded.message_id.encode() not in page.content
    page = client.get(base + "?event=article.published")
    assert succeeded.message_id.encode() in page.content
    assert failed.message_id.encode() not in page.content
    for bad in ("?status=nonsense", "?event=%00", "?p=999999", "?p=-1&status=failed"):
        assert client.get(base + bad).status_code in (200, 400), bad
    assert client.get(base + "?status=nonsense").status_code == 400

    # Retry now: one more attempt at once, which the receiver now accepts.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{base}{failed.pk}/retry/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Delivery.SUCCEEDED and failed.attempts == 2
    # A succeeded delivery is not sent again; another endpoint's id is a 404.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{base}{succeeded.pk}/retry/")
    assert len(receiver.requests) == 3
    assert client.post(f"/admin/webhooks/999999/deliveries/{failed.pk}/retry/").status_code == 404
    assert "webhooks.delivery.retried" in actions()


def test_a_disabled_endpoint_is_enabled_again(client, admin_user, endpoint):
    from masthead.webhooks import services

    services.endpoint_disable(endpoint=endpoint, reason="10 attempts in a row failed")
    Endpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=10)
    client.force_login(admin_user)
    listing = client.get("/admin/webhooks/")
    assert b"10 attempts in a row failed" in listing.content and b"Enable again" in listing.content
    assert client.post(f"/admin/webhooks/{endpoint.pk}/test/").status_code == 302
    assert not Delivery.objects.exists()  # no test event to a disabled endpoint
    assert client.post(f"/admin/webhooks/{endpoint.pk}/enable/").status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 0 and not endpoint.disabled_at
    assert actions()[-2:] == ["webhooks.endpoint.disabled", "webhooks.endpoint.enabled"]
