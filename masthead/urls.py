from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.caching import routing
from masthead.images import views as media_views
from masthead.news import sitemaps

# Staff, machine and shared routes: one URL for every edition.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    path("", include("masthead.ops.urls")),
    path("", include("masthead.analytics.urls")),
    path("", include("masthead.datadesk.urls")),
    path("", include("masthead.api.urls")),
    path("", include("masthead.datadesk.embed_urls")),
]

# What readers see, in each edition: the default language at the root, every other under
# /<language>/ (masthead/editions). The language is the URL's alone (editions/middleware.py).
reader_urlpatterns = [
    path("", include("masthead.news.urls")),
    path("", include("masthead.search.urls")),
    path("", include("masthead.newsletters.urls")),
    path("", include("masthead.accounts.urls")),
    path("", include("masthead.comments.urls")),
    path("", include("masthead.memberships.urls")),
    path("", include("masthead.audio.urls")),
    path("", include("masthead.organisation.urls")),
]

# Media from local disk when no object storage is configured (dev, make run; a production
# deployment may serve /media/images/ from its web server or object storage). Only
# renditions and originals of public pictures: documents, narrations and private pictures
# are served by views that check who may read them (masthead/images/views.py).
urlpatterns += [
    path("media/<path:path>", media_views.media, name="media"),
]

# Wagtail's login and password views for restricted pages and documents, before the page
# route below, whose catch-all pattern would otherwise answer (404) for them.
urlpatterns += [
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # The readers' own sign-in (emailed link or password, with the lock-out) rather than a
    # second password form beside it; ?next= is kept.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="accounts:sign_in", query_string=True),
        name="wagtailcore_login",
    ),
]

# Wagtail's page tree answers everything else; it must stay last. Pages are found by their
# url_path first (caching/routing.py), then by Wagtail's own walk down the tree, from the
# home page of the URL's edition.
reader_urlpatterns += [
    re_path(wagtail_urls.serve_pattern, routing.serve),
    path("", include(wagtail_urls)),
]
urlpatterns += i18n_patterns(*reader_urlpatterns, prefix_default_language=False)
