"""Editors' view of narrations: each article's state, and a regenerate action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from masthead.audit.log import record

from .models import Narration
from .services import narration_request

PAGE_SIZE = 50


def index(request):
    from masthead.news.models import ArticlePage

    state = request.GET.get("state", "")
    articles = ArticlePage.objects.live().order_by("-first_published_at", "-pk")
    if state in Narration.State.values:
        articles = articles.filter(narration__state=state)
    elif state == "none":
        articles = articles.filter(narration__isnull=True)
    page = Paginator(articles.select_related("narration"), PAGE_SIZE).get_page(request.GET.get("p"))
    rows = []
    for article in page:
        narration = getattr(article, "narration", None)
        rows.append({"article": article, "narration": narration})
    return TemplateResponse(
        request,
        "audio/admin/index.html",
        {
            "page_title": "Narrations",
            "header_icon": "media",
            "rows": rows,
            "page_obj": page,
            "state": state,
            "states": [*Narration.State.choices, ("none", "Not requested")],
        },
    )


@require_POST
def regenerate(request, page_id: int):
    from masthead.news.models import ArticlePage

    article = get_object_or_404(ArticlePage.objects.live(), pk=page_id)
    if not article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    narration_request(page=article, force=True)
    record("audio.regenerate", request=request, target=article)
    messages.success(request, f"Narration of “{article.title}” queued again.")
    return redirect("audio_admin:index")
