"""Files under /media/ that readers may fetch directly: picture renditions, and the originals
of pictures outside any view-restricted collection. Nothing else is served from /media/:
documents go through Wagtail's document view (which checks their collection's view
restrictions), narrations through the audio view (which checks their article), and opinion
pitches through the staff download view."""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

RENDITIONS = "images/"
ORIGINALS = "original_images/"


def _original_is_public(name: str) -> bool:
    from wagtail.models import CollectionViewRestriction

    from .models import CustomImage

    image = CustomImage.objects.filter(file=name).select_related("collection").first()
    if image is None:
        return False
    collection = image.collection
    restricted = CollectionViewRestriction.objects.filter(
        collection__path__in=[
            collection.path[:end]
            for end in range(collection.steplen, len(collection.path) + 1, collection.steplen)
        ]
    )
    return not restricted.exists()


def media(request, path: str):
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith(".") or name != path:
        raise Http404("No such file")
    public = name.startswith(RENDITIONS) or (
        name.startswith(ORIGINALS) and _original_is_public(name)
    )
    if not public:
        # Documents, narrations and private originals have views that check who may read
        # them; a path under /media/ must not be a way around those checks.
        raise Http404("No such file")
    return serve(request, name, document_root=settings.MEDIA_ROOT)
