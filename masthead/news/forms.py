from django import forms
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Every story needs a byline: at least one author row that is not being deleted."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("article_authors")
        if formset is not None and all(form.is_valid() for form in formset.forms):
            kept = [
                form
                for form in formset.forms
                if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
            ]
            if not kept:
                self.add_error(None, forms.ValidationError("Add at least one author."))
        return cleaned_data


class NewsFeedItemForm(WagtailAdminModelForm):
    """A feed item is a headline and a line or two: a draft without them is nothing to
    review, so drafts are checked like a publish (Wagtail lets drafts skip required fields)."""

    def defer_required_fields(self):
        pass

    def restore_required_fields(self):
        pass
