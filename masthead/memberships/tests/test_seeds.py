import io

import pytest

from masthead.memberships import seeds
from masthead.memberships.models import Plan

pytestmark = pytest.mark.django_db


def test_seeding_twice_creates_each_plan_once_and_one_premium_article(article):
    seeds.seed(stdout=io.StringIO())
    seeds.seed(stdout=io.StringIO())
    assert sorted(Plan.objects.values_list("slug", flat=True)) == ["monthly", "yearly"]
    article.refresh_from_db()
    assert article.is_premium
    assert not any(plan.offered for plan in Plan.objects.all())  # until price ids are set
