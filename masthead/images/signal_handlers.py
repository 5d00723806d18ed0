from django.db import transaction


def pregenerate_renditions(sender, instance, created, update_fields=None, **kwargs):
    """After an upload (or a new file or focal point), make the standard renditions in the
    background."""
    from .tasks import generate_renditions

    touched = set(update_fields or ())
    if created or not update_fields or touched & {"file", "focal_point_x", "focal_point_y"}:
        transaction.on_commit(lambda: generate_renditions.enqueue(instance.pk))
