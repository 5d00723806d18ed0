from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from masthead.caching import tags as cache_tags
from masthead.people.models import Author

from .models import ArticlePage, paginate


def _paginate_by_ids(request, articles):
    """A page of a tag's or an author's articles. These listings sort all of that tag's or
    author's articles, so the sort carries only (date, id) and the 20 shown rows are read
    afterwards by key: half the work of sorting whole rows at 750 articles in a tag."""
    page = paginate(request, articles.prefetch_related(None).values_list("pk", flat=True))
    found = ArticlePage.objects.for_listing().in_bulk(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def author_page(request, slug: str):
    cache_tags.depends_on(cache_tags.PEOPLE, cache_tags.LISTING)
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = (
        ArticlePage.objects.for_listing().filter(article_authors__author=author).newest_first()
    )
    return render(
        request,
        "news/author_page.html",
        {"author": author, "articles": _paginate_by_ids(request, articles)},
    )


def tag_page(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    articles = ArticlePage.objects.for_listing().tagged_newest_first(tag)
    return render(
        request, "news/tag_page.html", {"tag": tag, "articles": _paginate_by_ids(request, articles)}
    )
