import os
import re
import secrets

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image

# FileField's default max_length: a longer name would fail the upload.
_MAX_NAME = 100


def unguessable_name(name: str, *, in_folder: bool = False) -> str:
    """``folder/name.ext`` as ``folder/<random>_name.ext``: a file's public path cannot be
    found from its original file name. The random part comes first so that it survives the
    truncation Wagtail applies to rendition names (which start with the original's stem).
    ``in_folder`` gives ``folder/<random>/name.ext`` instead, which keeps the file's own name
    (a document's URL shows it)."""
    folder, base = os.path.split(name)
    stem, ext = os.path.splitext(base)
    token = secrets.token_hex(8)
    if in_folder:
        folder, prefix = os.path.join(folder, token), ""
    else:
        prefix = token + "_"
    room = _MAX_NAME - len(folder) - 1 - len(prefix) - len(ext)
    return os.path.join(folder, prefix + stem[: max(room, 1)] + ext)


_UNGUESSABLE = re.compile(r"(^|/)[0-9a-f]{16}(_|/)")


def is_unguessable(name: str) -> bool:
    """Whether ``name`` was made by unguessable_name."""
    return bool(_UNGUESSABLE.search(name))


class CustomImage(AbstractImage):
    """Every picture in the newsroom carries its credit, shown wherever the picture is."""

    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer and agency, e.g. 'Olena Koval/Masthead'. Shown in parentheses.",
    )
    caption = models.TextField(blank=True, help_text="Default caption; a use can override it.")

    admin_form_fields = (*Image.admin_form_fields, "credit", "caption")

    def get_upload_to(self, filename):
        # Originals and their renditions get a random part in their names (see
        # unguessable_name); originals of private pictures are never served from /media/.
        return unguessable_name(super().get_upload_to(filename))


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
