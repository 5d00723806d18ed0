from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """Every picture in the newsroom carries its credit, shown wherever the picture is."""

    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer and agency, e.g. 'Olena Koval/Masthead'. Shown in parentheses.",
    )
    caption = models.TextField(blank=True, help_text="Default caption; a use can override it.")

    admin_form_fields = (*Image.admin_form_fields, "credit", "caption")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
