from wagtail import hooks


@hooks.register("before_serve_page")
def label_page_for_cache_and_metrics(page, request, serve_args, serve_kwargs):
    """Tell the page cache which group a Wagtail page belongs to (articles are purged apart
    from listings) and give the latency metric the page type instead of one catch-all view."""
    from masthead.news.models import ArticlePage

    request.page_cache_group = "article" if isinstance(page, ArticlePage) else "listing"
    request.metrics_view = f"page:{type(page).__name__}"
    if getattr(request, "is_preview", False):
        request.page_cache_skip = True
