"""Issue 12: a truncated PNG uploaded in the admin was a 500 (OSError from the decoder).
A damaged picture is refused with a message, and nothing is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from masthead.images.models import CustomImage

pytestmark = pytest.mark.django_db


def _png(size=(640, 360)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size)
    # Noise, so the compressed data is long enough to cut in the middle.
    image.putdata(
        [((x * 7) % 256, (x * 13) % 256, (x * 29) % 256) for x in range(size[0] * size[1])]
    )
    image.save(out, "PNG")
    return out.getvalue()


def truncated_png() -> bytes:
    data = _png()
    return data[: len(data) // 2]


def _upload(name="photo.png", data=None):
    return SimpleUploadedFile(name, data if data is not None else truncated_png(), "image/png")


def test_a_truncated_png_in_the_image_form_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/images/add/", {"title": "Broken", "file": _upload(), "collection": ""}
    )
    assert response.status_code in (200, 400)  # the form again, with its error
    assert "damaged or incomplete" in response.content.decode()
    assert not CustomImage.objects.exists()


def test_a_truncated_png_in_the_multiple_uploader_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": _upload()},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code < 500
    assert "damaged or incomplete" in response.content.decode()
    assert not CustomImage.objects.exists()


def test_a_whole_png_is_still_accepted(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/images/add/", {"title": "Whole", "file": _upload(data=_png((320, 180)))}
    )
    assert response.status_code == 302
    assert CustomImage.objects.get().width == 320
