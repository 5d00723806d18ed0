"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's, plus a full decode of
every new upload. Wagtail reads only the header, so a truncated or corrupt file got through
and failed later with OSError (a 500 for the editor, a crash in the renditions task)."""

from __future__ import annotations

import struct

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED = (
    "This image file is damaged or incomplete (it may have been cut off while uploading). "
    "Export it again and upload the new file."
)


def check_image_decodes(upload) -> None:
    """Decode every pixel of `upload` (a file object). Raises ValidationError when the
    decoder cannot: truncated data, corrupt chunks, a file that only starts like an image."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        # Pixel count is checked before this (WAGTAILIMAGES_MAX_IMAGE_PIXELS, field level).
        with Image.open(upload) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, EOFError) as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    finally:
        upload.seek(position)


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, with every upload decoded in full. Wagtail's own checks (the
    frame count of a PNG reads past the header) raise OSError on a truncated file."""

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except (OSError, SyntaxError, EOFError, struct.error) as error:
            raise ValidationError(DAMAGED, code="damaged") from error
        if upload is not None:
            check_image_decodes(upload)
        return upload


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail builds this field itself (formfield_for_dbfield, no way to name a class);
            # the subclass adds no state, so swapping the class keeps every option it was given.
            self.fields["file"].__class__ = DecodedImageField
