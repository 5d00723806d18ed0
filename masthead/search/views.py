from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
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


@require_GET
def search(request):
    sections = live_sections()
    form = SearchForm(request.GET or None, sections=sections)
    context = {"form": form, "sections": sections, "query": "", "results": None}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        data = form.cleaned_data
        context["query"] = query = data["q"]
        terms = query_terms(query)
        if terms:
            since, until = form.time_range(SiteSettings.for_request(request).zone)
            results = article_search(
                query=query,
                newest_first=data["sort"] == "newest",
                section=data["section"],
                author=data["author"],
                since=since,
                until=until,
            )
            page_obj = _page(request, results)
            hits = list(page_obj.object_list)
            prefetch_related_objects(hits, "article_authors__author")
            context["results"] = page_obj
            context["hits"] = [
                {"page": hit, "title": mark(hit.title, terms), "snippet": snippet(hit, terms)}
                for hit in hits
            ]
            params = request.GET.copy()
            params.pop("page", None)
            context["base_query"] = params.urlencode()
    return render(request, "search/search.html", context, status=status)
