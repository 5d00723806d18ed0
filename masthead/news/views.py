from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from masthead.people.models import Author

from .models import ArticlePage, paginate


def author_page(request, slug: str):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = (
        ArticlePage.objects.for_listing().filter(article_authors__author=author).newest_first()
    )
    return render(
        request,
        "news/author_page.html",
        {"author": author, "articles": paginate(request, articles)},
    )


def tag_page(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    articles = ArticlePage.objects.for_listing().filter(tags=tag).newest_first()
    return render(
        request, "news/tag_page.html", {"tag": tag, "articles": paginate(request, articles)}
    )
