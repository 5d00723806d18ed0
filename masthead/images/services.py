import io

from django.core.files.images import ImageFile

from .generate import draw_picture
from .models import CustomImage


def image_create_generated(
    *,
    title: str,
    palette,
    motif: str,
    credit: str = "",
    caption: str = "",
    seed: int = 0,
    size=(1600, 900),
) -> CustomImage:
    """Store a drawn picture as a library image (demo data and tests)."""
    data = draw_picture(palette=palette, motif=motif, seed=seed, size=size)
    image = CustomImage(title=title[:255], credit=credit, caption=caption)
    image.file = ImageFile(io.BytesIO(data), name=f"{motif}-{seed}.jpg")
    image.save()
    return image


def media_rename_guessable(*, dry_run: bool = False) -> dict[str, int]:
    """Give files stored before uploads got random names an unguessable name: every
    document (documents/<random>/<name>: its URL stays the same) and the originals of
    pictures in view-restricted collections (their renditions are dropped, to be made again
    under the new name). Each file is copied, the row saved, and only then the old file
    deleted: an interrupted run loses nothing and resumes when run again.
    Returns how many of each were renamed."""
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    done = {"documents": 0, "pictures": 0}
    for document in get_document_model().objects.order_by("pk"):
        if _guessable(document.file):
            if not dry_run:
                _rename(document, in_folder=True)
            done["documents"] += 1
    private_paths = [
        r.collection.path for r in CollectionViewRestriction.objects.select_related("collection")
    ]
    for image in CustomImage.objects.select_related("collection").order_by("pk"):
        if not any(image.collection.path.startswith(path) for path in private_paths):
            continue
        if not _guessable(image.file):
            continue
        if not dry_run:
            # Renditions carry the original's name: made again (by the upload task, from
            # the save below, or on first use) under the new one.
            for rendition in image.renditions.all():
                rendition.file.delete(save=False)
                rendition.delete()
            _rename(image, in_folder=False)
        done["pictures"] += 1
    return done


def _guessable(file) -> bool:
    from .models import is_unguessable

    return bool(file.name) and not is_unguessable(file.name) and file.storage.exists(file.name)


def _rename(instance, *, in_folder: bool) -> None:
    from .models import unguessable_name

    file = instance.file
    old = file.name
    with file.storage.open(old, "rb") as handle:
        new = file.storage.save(unguessable_name(old, in_folder=in_folder), handle)
    file.name = new
    instance.save(update_fields=["file"])
    file.storage.delete(old)
