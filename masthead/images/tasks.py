import logging

from django_tasks import task

from masthead.core import task_priority

logger = logging.getLogger(__name__)

# The renditions the templates ask for, spelt as the tags spell them (the {% picture %} tag
# puts the format first) (components/picture.html, article_teaser.html, the
# social tags and JSON-LD). Made ahead by the worker so no reader waits for an encoder.
STANDARD_RENDITIONS = [
    f"format-{fmt}|fill-{size}-c100"
    for size in ("400x225", "480x270", "800x450", "1200x675")
    for fmt in ("webp", "jpeg")
] + ["fill-1200x630|format-jpeg", "fill-1200x675|format-jpeg"]
PORTRAIT_RENDITIONS = ["fill-96x96|format-webp", "fill-160x160|format-webp"]


@task(priority=task_priority.BACKGROUND)
def generate_renditions(image_id: int) -> int:
    """Create the standard renditions of one image (idempotent: existing ones are reused).
    Returns how many renditions the image has afterwards."""
    from .models import CustomImage

    image = CustomImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    specs = STANDARD_RENDITIONS if image.width >= image.height * 1.2 else PORTRAIT_RENDITIONS
    try:
        return len(image.get_renditions(*specs))
    except OSError as error:
        # A stored file the decoder cannot read (uploaded before uploads were decoded in
        # full, or damaged on disk): say which, and do not retry forever.
        logger.warning("Image %s cannot be decoded: %s", image_id, error)
        return 0
