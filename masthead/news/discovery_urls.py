"""Feeds, sitemaps and robots.txt: how readers' apps and search engines find the stories."""

from django.urls import path

from . import feeds, sitemaps

urlpatterns = [
    path("feeds/rss/", feeds.ArticleFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.AtomArticleFeed(), name="feed-atom"),
    path("feeds/sections/<uslug:slug>/rss/", feeds.SectionFeed(), name="feed-section-rss"),
    path("feeds/sections/<uslug:slug>/atom/", feeds.AtomSectionFeed(), name="feed-section-atom"),
    path("feeds/tags/<uslug:slug>/rss/", feeds.TagFeed(), name="feed-tag-rss"),
    path("feeds/tags/<uslug:slug>/atom/", feeds.AtomTagFeed(), name="feed-tag-atom"),
    path("feeds/authors/<uslug:slug>/rss/", feeds.AuthorFeed(), name="feed-author-rss"),
    path("feeds/authors/<uslug:slug>/atom/", feeds.AtomAuthorFeed(), name="feed-author-atom"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap-index"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
]
