import zoneinfo

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from masthead.caching.kept import site_wide_value

from .blocks import LinkBlock, SocialLinkBlock

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class KeptSiteSetting(BaseSiteSetting):
    """A site setting read once per process, not on every page view, until settings change
    (masthead/caching/kept.py; saving one bumps the site-wide tag, core/cache_rules.py)."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        from masthead.caching.routing import site_for_request

        # Leaves the kept Site on the request, where Wagtail's own lookup finds it: no Site
        # query on views that Wagtail's page routing did not serve (the news feed, search).
        site_for_request(request)
        return super().for_request(request)

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        parent = super()
        return site_wide_value((cls._meta.label, site.pk), lambda: parent.for_site(site))


class EditionSiteSetting(KeptSiteSetting):
    """A site setting each edition (language) has its own copy of: navigation, header
    promotions. ``for_site`` and ``for_request`` give the copy of the active language (the
    request's, from its URL; the default one outside requests); the admin edits the copy of
    the edition chosen on its screen (``editions/wagtail_hooks.py``)."""

    site = models.ForeignKey(Site, editable=False, on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey(
        "wagtailcore.Locale", editable=False, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    @classmethod
    def for_site(cls, site, language: str | None = None):
        from masthead.editions import languages

        if site is None:
            raise cls.DoesNotExist(f"{cls} does not exist for site None.")
        language = language or languages.current()

        def load():
            locale_id = languages.locale_id(language) or languages.locale_id(
                languages.default_language()
            )
            instance, _ = cls.base_queryset().get_or_create(site=site, locale_id=locale_id)
            return instance

        if languages.editing.get() or language != languages.current():
            return load()  # the admin, or another edition than the one being served
        return site_wide_value((cls._meta.label, site.pk), load)

    def __str__(self) -> str:
        from masthead.editions.languages import language_name

        return f"{self._meta.verbose_name} ({language_name(self.locale.language_code)})"


@register_setting(icon="cog")
class SiteSettings(KeptSiteSetting):
    """The newsroom's identity: name, time zone, social accounts."""

    newsroom_name = models.CharField(max_length=120, default="Masthead")
    tagline = models.CharField(max_length=200, blank=True)
    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default=settings.NEWSROOM_TIME_ZONE,
        help_text="Dates and times on the site are shown in this zone.",
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used as the publisher logo in search engines' structured data.",
    )
    default_social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    x_handle = models.CharField("X (Twitter) handle", max_length=40, blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, use_json_field=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("newsroom_name"), FieldPanel("tagline"), FieldPanel("time_zone")],
            "Newsroom",
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("default_social_image")], "Images"),
        MultiFieldPanel([FieldPanel("x_handle"), FieldPanel("social_links")], "Follow us"),
    ]

    class Meta:
        verbose_name = "Site settings"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


@register_setting(icon="list-ul")
class NavigationSettings(EditionSiteSetting):
    """The header's section links and More menu, and the footer's links: all editable."""

    sections = StreamField(
        [("link", LinkBlock())],
        blank=True,
        use_json_field=True,
        help_text="Section navigation in the header and footer, in this order.",
    )
    more_menu = StreamField(
        [("link", LinkBlock())],
        blank=True,
        use_json_field=True,
        help_text="The header's More menu.",
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        use_json_field=True,
        help_text="The footer's More column.",
    )

    panels = [FieldPanel("sections"), FieldPanel("more_menu"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = "Navigation"
        constraints = [
            models.UniqueConstraint(fields=["site", "locale"], name="core_navigation_per_edition")
        ]
