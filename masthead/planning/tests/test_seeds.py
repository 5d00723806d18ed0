from io import StringIO

import pytest
from django.contrib.auth.models import Group

from masthead.accounts.tests.factories import UserFactory
from masthead.news.tests.factories import make_section
from masthead.planning import seeds
from masthead.planning.models import Assignment, DeskMember

pytestmark = pytest.mark.django_db


def test_the_demo_plan_is_loaded_once_for_the_demo_staff(home, roles):
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    reporter = UserFactory(username="reporter")
    reporter.groups.add(Group.objects.get(name="Reporter"))
    make_section(home, title="War", slug="war")
    make_section(home, title="Analysis", slug="analysis")

    seeds.seed(stdout=StringIO())
    seeds.seed(stdout=StringIO())

    assert Assignment.objects.count() == 2
    assert set(Assignment.objects.values_list("editor", flat=True)) == {editor.pk}
    assert Assignment.objects.filter(assignees=reporter).count() == 2
    assert Assignment.objects.filter(notes__private=True).exists()
    assert DeskMember.objects.filter(user=reporter, section__slug="war").exists()
