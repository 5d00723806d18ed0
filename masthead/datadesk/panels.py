"""An edit-form panel with links to a dataset's figures: add a day, the table, an import."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class FiguresLinksPanel(Panel):
    """On a dataset's form (``dataset`` = the instance) or a tracker's (its dataset)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", "Figures")
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "datadesk/admin/figures_links_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            dataset = getattr(self.instance, "dataset", self.instance)
            if (
                dataset is None
                or not getattr(dataset, "pk", None)
                or not hasattr(dataset, "x_kind")
            ):
                context["links"] = []
                return context
            context["dataset"] = dataset
            context["links"] = [
                ("Add a day's figures", reverse("datadesk_admin:add", args=[dataset.pk])),
                ("Edit the table", reverse("datadesk_admin:table", args=[dataset.pk])),
                ("Import CSV or XLSX", reverse("datadesk_admin:import", args=[dataset.pk])),
                ("Download CSV", dataset.csv_url()),
            ]
            return context
