from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.caching import routing

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("masthead.news.urls")),
    path("", include("masthead.search.urls")),
    path("", include("masthead.newsletters.urls")),
    path("", include("masthead.accounts.urls")),
    path("", include("masthead.comments.urls")),
    path("", include("masthead.memberships.urls")),
    path("", include("masthead.audio.urls")),
    path("", include("masthead.ops.urls")),
    path("", include("masthead.organisation.urls")),
    path("", include("masthead.datadesk.urls")),
    path("", include("masthead.datadesk.embed_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # Media from local disk when no object storage is configured (make run). A production
    # deployment serves /media/ from its web server or object storage instead.
    from django.views.static import serve

    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail's page tree answers everything else; it must stay last. Pages are found by their
# url_path first (caching/routing.py), then by Wagtail's own walk down the tree.
urlpatterns += [
    re_path(wagtail_urls.serve_pattern, routing.serve),
    path("", include(wagtail_urls)),
]
