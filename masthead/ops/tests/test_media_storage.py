"""Media on S3-compatible storage: images, renditions and documents go to the bucket when it
is configured. The S3 server is moto in server mode on a loopback port (a real HTTP server
speaking the S3 API), driven by django-storages and boto3 exactly as in production."""

import boto3
import pytest
from django.core.files.base import ContentFile

BUCKET = "masthead-media-test"
PORT = 8641

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=PORT, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{PORT}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "location": "media",
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])


def _keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_uploaded_images_and_their_renditions_are_stored_in_the_bucket(s3):
    from masthead.images.tests.factories import make_image

    image = make_image()
    rendition = image.get_rendition("fill-160x90")
    keys = _keys(s3)
    assert any(key.startswith("media/original_images/") for key in keys), keys
    assert any(key.startswith("media/images/") for key in keys), keys
    assert rendition.url.startswith(f"http://127.0.0.1:{PORT}/{BUCKET}/media/images/")
    key = rendition.url.split(f"/{BUCKET}/", 1)[1]
    head = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read(3)
    assert head in (b"\x89PN", b"\xff\xd8\xff")  # a real PNG or JPEG


def test_documents_and_audio_files_go_to_the_bucket(s3):
    from django.core.files.storage import default_storage
    from wagtail.documents import get_document_model

    document = get_document_model()(title="Budget")
    document.file.save("budget.txt", ContentFile(b"2025 budget lines"), save=True)
    audio_name = default_storage.save("audio/story.mp3", ContentFile(b"ID3 fake mp3 bytes"))
    keys = _keys(s3)
    assert any(key.startswith("media/documents/budget") for key in keys), keys
    assert f"media/{audio_name}" in keys
    assert default_storage.open(audio_name).read() == b"ID3 fake mp3 bytes"


def test_without_a_bucket_media_stays_on_local_disk(settings, tmp_path):
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = str(tmp_path)
    name = default_storage.save("audio/local.mp3", ContentFile(b"local"))
    assert (tmp_path / name).read_bytes() == b"local"
