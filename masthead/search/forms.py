import re
import unicodedata
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from masthead.news.models import SectionPage
from masthead.people.models import Author

from . import conf

EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)
SORT_CHOICES = [
    ("relevance", gettext_lazy("Most relevant")),
    ("newest", gettext_lazy("Newest first")),
]

# Control characters (NUL included: PostgreSQL refuses it in text) become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_query(raw: str) -> str:
    """The query as the backend gets it: normalised, no control characters, bounded length."""
    text = unicodedata.normalize("NFC", raw or "")
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    return text[: conf.SEARCH_MAX_QUERY_LENGTH].strip()


class TruncatingCharField(forms.CharField):
    """Accepts any text and cuts it to length instead of refusing it: a reader pasting a
    paragraph into the box should still get results."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
    q = TruncatingCharField(required=False, label=gettext_lazy("Search"))
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    # Sections of the Ukrainian edition may have Cyrillic slugs (editions-search-audio.md).
    section = forms.SlugField(required=False, max_length=255, allow_unicode=True)
    author = forms.SlugField(required=False, max_length=140)
    date_from = forms.DateField(required=False, label=pgettext_lazy("date range", "From"))
    date_to = forms.DateField(required=False, label=pgettext_lazy("date range", "To"))

    def __init__(self, *args, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections if sections is not None else []

    def clean_section(self):
        slug = self.cleaned_data.get("section")
        if not slug:
            return None
        for section in self.sections:
            if section.slug == slug:
                return section
        raise ValidationError(gettext("There is no section with that name."))

    def clean_author(self):
        slug = self.cleaned_data.get("author")
        if not slug:
            return None
        author = Author.objects.filter(slug=slug).only("pk", "name", "slug").first()
        if author is None:
            raise ValidationError(gettext("There is no author with that name."))
        return author

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value and not (EARLIEST <= value <= LATEST):
            raise ValidationError(
                gettext("Choose a date between %(earliest)s and %(latest)s.")
                % {"earliest": EARLIEST.year, "latest": LATEST.year}
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(gettext("The start date must come before the end date."))
        return data

    def time_range(self, zone) -> tuple[datetime | None, datetime | None]:
        """The chosen dates as aware datetimes: whole days in the newsroom's time zone."""
        start, end = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        since = datetime.combine(start, time.min, tzinfo=zone) if start else None
        until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone) if end else None
        return since, until


def live_sections(language: str | None = None):
    """The live sections, of one edition's locale when `language` is given."""
    # Start from the few section rows, sorted here rather than in SQL: as a plain join, or
    # ordered by path, SQLite reads every page of the archive to find the sections (0.4 s at
    # 100,000 articles).
    from masthead.editions.languages import locale_id

    ids = SectionPage.objects.filter(locale_id=locale_id(language)).order_by().values("pk")
    sections = SectionPage.objects.filter(pk__in=ids).live().public().order_by()
    return sorted(sections.only("pk", "title", "slug", "path", "depth"), key=lambda s: s.path)
