from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from masthead.core.models import SiteSettings

from . import conf
from .forms import SearchForm, live_sections
from .highlight import mark, query_terms, snippet
from .selectors import article_search


def _page(request, results):
    paginator = Paginator(results, conf.SEARCH_RESULTS_PER_PAGE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def edition_language() -> str:
    """The content language of the edition being read, from the language the URL activated
    (/uk/... is Ukrainian): one of WAGTAIL_CONTENT_LANGUAGES, as Locale rows are named."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


@require_GET
def search(request):
    language = edition_language()
    sections = live_sections(language)
    form = SearchForm(request.GET or None, sections=sections)
    context = {"form": form, "sections": sections, "query": "", "results": None}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        data = form.cleaned_data
        context["query"] = query = data["q"]
        # Ukrainian terms are stems: their marks cover the whole word found.
        whole_words = language.split("-")[0] == "uk"
        terms = query_terms(query, language)
        if terms:
            since, until = form.time_range(SiteSettings.for_request(request).zone)
            results = article_search(
                query=query,
                newest_first=data["sort"] == "newest",
                section=data["section"],
                author=data["author"],
                since=since,
                until=until,
                language=language,
            )
            page_obj = _page(request, results)
            hits = list(page_obj.object_list)
            prefetch_related_objects(hits, "article_authors__author")
            context["results"] = page_obj
            context["hits"] = [
                {
                    "page": hit,
                    "title": mark(hit.title, terms, whole_words=whole_words),
                    "snippet": snippet(hit, terms, whole_words=whole_words),
                }
                for hit in hits
            ]
            params = request.GET.copy()
            params.pop("page", None)
            context["base_query"] = params.urlencode()
    return render(request, "search/search.html", context, status=status)
