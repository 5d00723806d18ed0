from io import StringIO

from masthead.news.demo import uk
from masthead.news.demo.content import NEWSLETTERS
from masthead.newsletters import seeds
from masthead.newsletters.models import Issue, Newsletter


def test_seeding_creates_the_demo_newsletters_once(db, article):
    seeds.seed(stdout=StringIO())
    seeds.seed(stdout=StringIO())
    assert sorted(Newsletter.objects.values_list("slug", flat=True)) == sorted(
        n["slug"] for n in NEWSLETTERS + uk.NEWSLETTERS
    )
    # Each edition has its own list, with one default.
    for language, demo in (("en", NEWSLETTERS), ("uk", uk.NEWSLETTERS)):
        edition = Newsletter.objects.filter(locale__language_code=language)
        assert sorted(edition.values_list("slug", flat=True)) == sorted(n["slug"] for n in demo)
        assert edition.filter(is_default=True).count() == 1
    assert Issue.objects.count() == 1
    assert Issue.objects.get().items.count() == 1
