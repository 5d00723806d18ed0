from django.db import transaction


def pregenerate_renditions(sender, instance, created, update_fields=None, **kwargs):
    """After an upload (or a new file or focal point), make the standard renditions in the
    background."""
    from .tasks import generate_renditions

    touched = set(update_fields or ())
    if created or not update_fields or touched & {"file", "focal_point_x", "focal_point_y"}:
        transaction.on_commit(lambda: generate_renditions.enqueue(instance.pk))


def unguessable_document_name(sender, instance, **kwargs):
    """Before a document's new file is written: store it as documents/<random>/<name>, so its
    path in storage cannot be guessed from its file name, while the name (which Wagtail's
    document URL shows) stays the one uploaded."""
    from .models import unguessable_name

    file = instance.file
    if file and not file._committed:
        file.name = unguessable_name(file.name, in_folder=True)
