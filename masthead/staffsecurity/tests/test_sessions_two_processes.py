"""Ending a staff session from the sessions page signs that client out on every server
process at once (granian, two workers, the shared cache: ops/tests/test_two_processes.py)."""

import pytest

from masthead.ops.tests.test_two_processes import (  # noqa: F401 - fixtures
    CSRF,
    PASSWORD,
    _many,
    inbox,
    site,
    two_processes,
)
from masthead.staffsecurity.models import UserSession

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_ended_session_is_signed_out_on_both_processes(site, admin_user):  # noqa: F811
    def sign_in(agent):
        answer = site.post(
            "/admin/login/",
            {"username": "admin", "password": PASSWORD},
            headers={"User-Agent": agent},
        )
        assert (answer.status, answer.location) == (302, "/admin/")
        return {"csrftoken": CSRF, "sessionid": answer.cookie("sessionid")}

    laptop = sign_in("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    phone = sign_in("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1")
    before = _many(lambda: site.get("/admin/", cookies=phone))
    assert [a.status for a in before] == [200] * len(before)
    site.assert_both_answered(before)

    row = UserSession.objects.get(session_key=phone["sessionid"])
    ended = site.post("/admin/sessions/", {"session": row.pk}, cookies=laptop)
    assert (ended.status, ended.location) == (302, "/admin/sessions/")

    after = _many(lambda: site.get("/admin/", cookies=phone))
    assert {(a.status, a.location) for a in after} == {(302, "/admin/login/?next=/admin/")}
    site.assert_both_answered(after)
    still = _many(lambda: site.get("/admin/", cookies=laptop))
    assert {a.status for a in still} == {200}
