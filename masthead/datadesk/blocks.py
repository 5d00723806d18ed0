"""The figures box as a body block: a tracker's latest numbers inside an article."""

from wagtail import blocks


class FiguresBoxBlock(blocks.StructBlock):
    """Stores only the tracker: the box always shows its dataset's current figures."""

    tracker = blocks.PageChooserBlock(page_type="datadesk.TrackerPage")
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Leave empty to use the tracker's title."
    )

    class Meta:
        icon = "table"
        label = "Figures box"
        template = "datadesk/blocks/figures_box.html"
