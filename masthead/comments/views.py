"""The comment block and its forms. The article page stays the same for every reader and
cacheable; this block is fetched separately (static JS) and is private to each reader.
Without JS the article links to the full comments page, served by the same views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from masthead.caching.restrictions import restricted_paths
from masthead.news.models import ArticlePage

from . import conf, notifications, selectors, services
from .forms import CommentForm, PreferenceForm, ReportForm
from .models import Comment

SIGN_IN_URL = "accounts:sign_in"


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _check_readable(request, article) -> None:
    """404 unless ``article`` is live and this reader passes its view restrictions (signed in,
    in the group, or gave the password): a private story's comments are as private as it."""
    if not article.live:
        raise Http404("No such article")
    if not any(article.path.startswith(path) for path in restricted_paths()):
        return  # the usual case, without a query
    for restriction in article.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404("No such article")


def _article(request, article_id: int) -> ArticlePage:
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article")
    _check_readable(request, article)
    return article


def _block_context(request, article, *, form=None, error=None):
    settings = selectors.comment_settings()
    user = request.user if request.user.is_authenticated else None
    threads = list(selectors.thread_for(article, user))
    badges = selectors.badges_for(article)
    items = []
    for comment in threads:
        replies = list(comment.replies.all())
        items.append(
            {
                "comment": comment,
                "badges": badges.for_comment(comment),
                "can_edit": bool(user and services.can_edit(comment, user)),
                "replies": [
                    {
                        "comment": reply,
                        "badges": badges.for_comment(reply),
                        "can_edit": bool(user and services.can_edit(reply, user)),
                    }
                    for reply in replies
                ],
            }
        )
    return {
        "article": article,
        "items": items,
        "count": selectors.published_count(article),
        "open": selectors.comments_open(article, settings),
        "closes_at": selectors.closes_at(article, settings),
        "banned": bool(user and selectors.is_banned(user)),
        "form": form or CommentForm(),
        "error": error,
        "max_length": conf.MAX_LENGTH,
        "report_reasons": ReportForm.base_fields["reason"].choices,
        "page_url": reverse("comments:page", args=[article.pk]),
        "sign_in_url": reverse(SIGN_IN_URL)
        + "?next="
        + reverse("comments:page", args=[article.pk]),
    }


def _render_block(request, article, *, status=200, **kwargs):
    context = _block_context(request, article, **kwargs)
    if _wants_fragment(request):
        return _fragment_response(request, context, status=status)
    return render(request, "comments/page.html", context, status=status)


def _fragment_response(request, context, *, status=200):
    response = render(request, "comments/fragment.html", context, status=status)
    # comments.js shows only responses marked as ours (not, say, a CSRF failure page).
    response["X-Comments-Fragment"] = "1"
    return response


@never_cache
def comments_page(request, article_id: int):
    """The full comments page (no JS) and, asked by fetch, just the comment block."""
    return _render_block(request, _article(request, article_id))


@never_cache
def comments_fragment(request, article_id: int):
    article = _article(request, article_id)
    return _fragment_response(request, _block_context(request, article))


def _after_action(request, article, anchor: str = ""):
    if _wants_fragment(request):
        return _render_block(request, article)
    return HttpResponseRedirect(reverse("comments:page", args=[article.pk]) + anchor)


def _refused(request, article, error: services.CommentError, form=None):
    if not _wants_fragment(request):
        messages.error(request, error.message)
    return _render_block(request, article, status=error.status, form=form, error=error.message)


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def post_comment(request, article_id: int):
    article = _article(request, article_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        error = services.CommentError(
            "; ".join(e for errs in form.errors.values() for e in errs)
            or gettext("Check your comment.")
        )
        return _refused(request, article, error, form=form)
    try:
        comment = services.comment_create(
            article=article,
            author=request.user,
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data["parent"],
        )
    except services.CommentError as error:
        return _refused(request, article, error, form=form)
    if comment.status == Comment.PENDING and not _wants_fragment(request):
        messages.info(
            request, gettext("Thank you. Your comment will appear once a moderator approves it.")
        )
    return _after_action(request, article, f"#comment-{comment.pk}")


def _own_comment(request, pk: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("article"),
        pk=pk,
        status__in=[Comment.PUBLISHED, Comment.PENDING],
    )
    _check_readable(request, comment.article)
    return comment


@never_cache
@login_required(login_url=SIGN_IN_URL)
def edit_comment(request, pk: int):
    comment = _own_comment(request, pk)
    if comment.author_id != request.user.pk:
        raise Http404("No such comment")
    article = comment.article.specific
    status, error = 200, None
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.comment_edit(
                    comment=comment, user=request.user, body=form.cleaned_data["body"]
                )
            except services.CommentError as refused:
                status, error = refused.status, refused.message
            else:
                return HttpResponseRedirect(
                    reverse("comments:page", args=[article.pk]) + f"#comment-{comment.pk}"
                )
        else:
            status, error = 400, "; ".join(e for errs in form.errors.values() for e in errs)
    else:
        form = CommentForm(initial={"body": comment.body})
        if not services.can_edit(comment, request.user):
            status, error = 403, services.edit_window_message()
    return render(
        request,
        "comments/edit.html",
        {"comment": comment, "article": article, "form": form, "error": error},
        status=status,
    )


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def delete_comment(request, pk: int):
    comment = _own_comment(request, pk)
    article = comment.article.specific
    try:
        services.comment_delete_own(comment=comment, user=request.user)
    except services.CommentError as error:
        return _refused(request, article, error)
    if not _wants_fragment(request):
        messages.success(request, gettext("Your comment is deleted."))
    return _after_action(request, article)


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def report_comment(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    _check_readable(request, comment.article)
    article = comment.article.specific
    form = ReportForm(request.POST)
    reason = (form.cleaned_data.get("reason") if form.is_valid() else "") or "other"
    try:
        services.comment_report(comment=comment, user=request.user, reason=reason)
    except services.CommentError as error:
        return _refused(request, article, error)
    if not _wants_fragment(request):
        messages.success(request, gettext("Thank you. A moderator will look at that comment."))
    return _after_action(request, article, f"#comment-{comment.pk}")


@never_cache
@require_POST
@login_required(login_url=SIGN_IN_URL)
def update_preferences(request):
    form = PreferenceForm(request.POST)
    form.is_valid()
    notifications.set_reply_emails(
        user=request.user, enabled=bool(form.cleaned_data.get("notify_replies"))
    )
    messages.success(request, gettext("Your comment email settings are saved."))
    return redirect("accounts:account")


@never_cache
def opt_out(request, token: str):
    """The link in reply emails: GET asks, POST turns reply emails off (no sign-in needed)."""
    user_id = notifications.user_id_from_token(token)
    from masthead.accounts.models import User

    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return render(request, "comments/opt_out.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        notifications.set_reply_emails(user=user, enabled=False)
        done = True
    return render(request, "comments/opt_out.html", {"done": done})
