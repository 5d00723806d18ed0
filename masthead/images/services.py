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
