from wagtail import hooks


@hooks.register("before_serve_page")
def label_page_for_metrics(page, request, serve_args, serve_kwargs):
    """Give the latency metric the page type instead of one catch-all view."""
    request.metrics_view = f"page:{type(page).__name__}"
