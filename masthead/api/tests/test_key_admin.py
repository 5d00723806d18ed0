import pytest

from masthead.api.models import ApiKey
from masthead.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_administrator_creates_a_key_sees_it_once_and_revokes_it(client, admin_user, article):
    client.force_login(admin_user)
    response = client.post(
        "/admin/api-keys/new/",
        {"name": "iOS app", "owner": admin_user.pk, "scopes": ["read"], "rate_per_minute": 100},
    )
    assert response.status_code == 200
    raw = response.context["raw"]
    key = ApiKey.objects.get()
    assert (
        raw.encode() in response.content
        and raw not in client.get("/admin/api-keys/").content.decode()
    )
    assert raw not in key.token.key_hash
    client.logout()
    assert client.get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    client.force_login(admin_user)
    client.post(f"/admin/api-keys/{key.pk}/revoke/")
    client.logout()
    assert client.get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    entries = AuditEntry.objects.filter(action__startswith="api.").order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["api.key.created", "api.key.revoked"]


def test_editors_cannot_see_or_make_keys(client, editor, admin_user):
    client.force_login(editor)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    listing = client.get("/admin/api-keys/")
    assert listing.status_code in (302, 403) and b"Key starts" not in listing.content
    response = client.post(
        "/admin/api-keys/new/",
        {"name": "x", "owner": editor.pk, "scopes": ["read"], "rate_per_minute": 1},
    )
    assert response.status_code in (302, 403)
    assert not ApiKey.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "scopes": ["read"], "rate_per_minute": 1},
        {"name": "x", "scopes": ["root"], "rate_per_minute": 1},
        {"name": "x", "scopes": ["read"], "rate_per_minute": 99999999999999999999},
        {"name": "x" * 500, "scopes": ["read"], "rate_per_minute": 1},
    ],
)
def test_bad_key_forms_are_400_and_store_nothing(client, admin_user, data):
    client.force_login(admin_user)
    response = client.post("/admin/api-keys/new/", {"owner": admin_user.pk, **data})
    assert response.status_code == 400
    assert not ApiKey.objects.exists()


def test_revoking_needs_a_post(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/api-keys/1/revoke/").status_code == 405
