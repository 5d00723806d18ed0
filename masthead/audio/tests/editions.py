"""A Ukrainian edition for the tests: the "uk" locale with its own home and section, as
Wagtail's internationalisation keeps a second language (pages in Locale "uk")."""

from wagtail.models import Locale, Page

from masthead.news.models import HomePage, SectionPage


def make_uk_section(*, title="Війна", slug="viina"):
    locale, _ = Locale.objects.get_or_create(language_code="uk")
    root = Page.get_first_root_node()
    home = HomePage(title="Мастхед", slug="uk-home", locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    section = SectionPage(title=title, slug=slug, description="Новини з фронту.", locale=locale)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section
