"""The editors' inbox of opinion pitches shows when each came in, in the staff member's zone."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from masthead.organisation.models import OpinionSubmission

pytestmark = pytest.mark.django_db

# 1:17 AM on January 11 in Kyiv (UTC+2 in winter); 6:17 PM on January 10 in New York.
SENT = datetime(2025, 1, 10, 23, 17, tzinfo=UTC)


@pytest.fixture
def pitch(db):
    return OpinionSubmission.objects.create(
        name="Olena",
        email="olena@example.com",
        headline="Rebuild the schools first",
        pitch="Why the schools should come before the roads.",
        submitted_at=SENT,
    )


def inbox(client) -> str:
    response = client.get(reverse("wagtailsnippets_organisation_opinionsubmission:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_inbox_shows_when_a_pitch_came_in_in_kyiv_time(client, admin_user, pitch):
    client.force_login(admin_user)
    html = inbox(client)
    assert "Jan. 11, 2025, 1:17 a.m." in html
    assert "11:17 p.m." not in html
    assert "Kyiv time" in html  # the column says which zone it shows


def test_a_staff_member_who_chose_another_zone_sees_the_inbox_in_it(client, admin_user, pitch):
    UserProfile.objects.create(user=admin_user, current_time_zone="America/New_York")
    client.force_login(admin_user)
    html = inbox(client)
    assert "Jan. 10, 2025, 6:17 p.m." in html
    assert "New York time" in html
