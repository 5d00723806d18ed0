"""/media/ serves renditions and public originals only; documents and private pictures are
reached through views that check who may read them, under names nobody can guess."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from masthead.accounts.tests.factories import UserFactory
from masthead.images.models import CustomImage
from masthead.images.tests.factories import make_image

pytestmark = pytest.mark.django_db

# The folder of the test settings, which a /media/ route read when the URLs were imported:
# the files these tests write must be where such a route would look.
MEDIA_ROOT = django_settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _media_root(settings):
    settings.MEDIA_ROOT = MEDIA_ROOT


@pytest.fixture
def private_collection():
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Investigations desk")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def _document(collection, name="leaked-contract.pdf"):
    # As an upload arrives: the file is written when the document is saved.
    document = get_document_model()(title="Contract", collection=collection)
    document.file = ContentFile(b"%PDF-1.4 secret terms", name=name)
    document.save()
    return document


def test_a_document_is_stored_under_a_name_nobody_can_guess(private_collection):
    first = _document(private_collection)
    second = _document(private_collection)
    assert first.file.name != "documents/leaked-contract.pdf"
    assert first.file.name.startswith("documents/")
    assert first.file.name.endswith("/leaked-contract.pdf")
    assert len(first.file.name.split("/")[1]) == 16
    assert first.file.name != second.file.name
    # The reader's URL still carries the name that was uploaded.
    assert first.filename == "leaked-contract.pdf"


def test_a_private_document_is_not_public_under_media(client, private_collection):
    document = _document(private_collection)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get("/media/documents/leaked-contract.pdf").status_code == 404


def test_a_private_document_needs_a_signed_in_reader(client, private_collection):
    document = _document(private_collection)
    response = client.get(document.url)
    assert response.status_code == 302
    assert "secret terms" not in response.content.decode()
    # Wagtail's login URL answers (it used to be swallowed by the page route) and leads to
    # the readers' sign-in, keeping where to come back to.
    login = client.get(response["Location"])
    assert login.status_code == 302
    assert login["Location"].startswith("/account/sign-in/?next=")
    client.force_login(UserFactory(username="reader-doc"))
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"secret terms" in b"".join(served.streaming_content)


def test_a_public_document_is_served_by_its_view_only(client):
    document = _document(Collection.get_first_root_node(), name="annual-report.pdf")
    served = client.get(document.url)
    assert served.status_code == 200
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_public_pictures_and_renditions_still_serve(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    assert image.file.name.startswith("original_images/")
    assert not image.file.name.startswith("original_images/city-1")
    assert client.get(f"/media/{image.file.name}").status_code == 200
    rendition = image.renditions.first()
    assert rendition is not None
    # The random part of the original's name survives into its renditions' names.
    assert image.file.name.split("/")[1][:16] in rendition.file.name
    assert client.get(rendition.url).status_code == 200


def test_the_original_of_a_private_picture_is_not_served(client, private_collection):
    image = make_image()
    CustomImage.objects.filter(pk=image.pk).update(collection=private_collection)
    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_media_refuses_other_folders_and_tricks(client):
    narration = default_storage.save("narrations/1-0123456789abcdef.mp3", ContentFile(b"ID3"))
    other = default_storage.save("exports/reader-data.json", ContentFile(b"{}"))
    for path in (
        f"/media/{narration}",
        f"/media/{other}",
        "/media/images/../documents/x.pdf",
        "/media/images/%2e%2e/documents/x.pdf",
        "/media/./documents/x.pdf",
    ):
        assert client.get(path).status_code == 404, path


def test_a_group_restricted_document_refuses_other_readers(client, roles):
    collection = Collection.get_first_root_node().add_child(name="Editors only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Editor"))
    document = _document(collection, name="sources.csv")
    client.force_login(UserFactory(username="someone"))
    assert client.get(document.url).status_code in (302, 403)


def test_files_stored_before_random_names_are_moved_without_loss(client, private_collection):
    from django.core.management import call_command

    document = _document(private_collection, name="old-memo.pdf")
    # As stored before this change: a guessable name.
    get_document_model().objects.filter(pk=document.pk).update(file="documents/old-memo.pdf")
    default_storage.save("documents/old-memo.pdf", ContentFile(b"%PDF-1.4 old memo"))
    image = make_image(seed=7)
    old_image_name = image.file.name.split("/")[0] + "/private-old.jpg"
    with default_storage.open(image.file.name, "rb") as handle:
        default_storage.save(old_image_name, handle)
    CustomImage.objects.filter(pk=image.pk).update(
        collection=private_collection, file=old_image_name
    )
    url_before = get_document_model().objects.get(pk=document.pk).url

    call_command("unguess_media_names", "--dry-run")
    assert default_storage.exists("documents/old-memo.pdf")
    call_command("unguess_media_names")
    call_command("unguess_media_names")  # a second run finds nothing left to do

    document = get_document_model().objects.get(pk=document.pk)
    assert document.file.name.endswith("/old-memo.pdf")
    assert document.file.name != "documents/old-memo.pdf"
    assert not default_storage.exists("documents/old-memo.pdf")
    assert document.url == url_before  # links to the document keep working
    client.force_login(UserFactory(username="reader-old"))
    served = client.get(document.url)
    assert b"old memo" in b"".join(served.streaming_content)
    image.refresh_from_db()
    assert image.file.name != old_image_name
    assert not default_storage.exists(old_image_name)
    assert default_storage.exists(image.file.name)
