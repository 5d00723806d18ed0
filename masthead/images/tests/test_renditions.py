import pytest

from masthead.images.tasks import STANDARD_RENDITIONS
from masthead.images.tests.factories import make_image

pytestmark = pytest.mark.django_db


def test_uploading_an_image_makes_its_standard_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    assert image.renditions.count() == len(STANDARD_RENDITIONS)
    formats = {r.file.name.rsplit(".", 1)[1] for r in image.renditions.all()}
    assert formats == {"webp", "jpg"}


def test_article_page_uses_the_pregenerated_renditions(
    client, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(title="Renditions story", slug="renditions")
    before = page.lead_image.renditions.count()
    assert client.get(page.url).status_code == 200
    assert page.lead_image.renditions.count() == before
