"""The translation status panel at the top of a translated page's edit form."""

from wagtail.admin.panels import Panel


class TranslationStatusPanel(Panel):
    """Says which page this one translates and whether the source has changed since; links
    to the changes and the "Mark as up to date" action. Hidden on pages that are no one's
    translation."""

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("help_text", None)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "translations/admin/status_panel.html"

        def _sync(self):
            from .models import TranslationSync

            if not getattr(self.instance, "pk", None):
                return None
            if not hasattr(self, "_sync_row"):
                self._sync_row = (
                    TranslationSync.objects.select_related("source__locale")
                    .filter(translation_id=self.instance.pk)
                    .first()
                )
            return self._sync_row

        def is_shown(self):
            return self._sync() is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["sync"] = self._sync()
            return context
