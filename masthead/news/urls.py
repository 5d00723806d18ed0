from django.urls import include, path, re_path

from . import views, views_reader

urlpatterns = [
    path("authors/<uslug:slug>/", views.author_page, name="author"),
    path("tags/<uslug:slug>/", views.tag_page, name="tag"),
    path("", include("masthead.news.discovery_urls")),
]

# The reader site: news feed, date archive, corrections log (the view beacon: analytics).
urlpatterns += [
    path("news-feed/", views_reader.news_feed, name="news_feed"),
    path("news-feed/latest.json", views_reader.news_feed_latest, name="news_feed_latest"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views_reader.archive, name="archive_year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views_reader.archive,
        name="archive_month",
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views_reader.archive,
        name="archive_day",
    ),
    path("corrections/", views_reader.corrections, name="corrections"),
]
