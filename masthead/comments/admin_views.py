"""The moderation queue in the Wagtail admin: held and reported comments, one by one or in
bulk (approve, reject, ban the reader), and the list of banned readers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from masthead.accounts.models import User
from masthead.audit.log import record
from masthead.core.ids import InvalidId, parse_id, parse_ids

from . import services
from .models import Comment, CommentBan

PERMISSION = "comments.moderate_comment"
FILTERS = {
    "pending": ("Awaiting approval", lambda qs: qs.pending()),
    "reported": ("Reported", lambda qs: qs.reported().order_by("-report_count", "created_at")),
    "published": ("Published", lambda qs: qs.published().order_by("-created_at")),
    "rejected": ("Rejected", lambda qs: qs.filter(status=Comment.REJECTED).order_by("-pk")),
}
ACTIONS = {"approve", "reject", "ban"}


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _bad_ids(request, error: InvalidId) -> HttpResponse:
    """The queue again, saying why, with 400: a form from this admin only ever posts whole
    numbers, so anything else is refused whole and nothing is changed."""
    messages.error(request, f"Nothing was changed. {error}")
    response = _queue_page(request)
    response.status_code = 400
    return response


def queue(request):
    _check(request)
    return _queue_page(request)


def _queue_page(request):
    current = request.GET.get("status", "pending")
    if current not in FILTERS:
        current = "pending"
    comments = FILTERS[current][1](Comment.objects.select_related("author", "article", "parent"))
    page = Paginator(comments, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "comments/admin/queue.html",
        {
            "page_title": "Comments",
            "header_icon": "comment",
            "filters": [
                (key, label, key == current, FILTERS[key][1](Comment.objects.all()).count())
                for key, (label, _) in FILTERS.items()
            ],
            "current": current,
            "page": page,
        },
    )


@require_POST
def act(request):
    """Apply one action to the ticked comments, or to the one whose button was pressed."""
    _check(request)
    single = request.POST.get("single", "")
    if single:
        action, _, pk = single.partition(":")
        ids = [pk]
    else:
        action = request.POST.get("action", "")
        ids = request.POST.getlist("ids")
    try:
        ids = parse_ids(ids)
    except InvalidId as error:
        return _bad_ids(request, error)
    status = request.POST.get("status", "")
    back = redirect(
        reverse("comments_admin:queue") + (f"?status={status}" if status in FILTERS else "")
    )
    if action not in ACTIONS or not ids:
        messages.error(request, "Choose an action and at least one comment.")
        return back
    comments = Comment.objects.filter(pk__in=ids)
    if action == "approve":
        n = services.comments_approve(comments=comments, moderator=request.user)
        record("comments.approve", request=request, ids=ids, changed=n)
        messages.success(request, f"Approved {n} comment(s).")
    elif action == "reject":
        n = services.comments_reject(comments=comments, moderator=request.user)
        record("comments.reject", request=request, ids=ids, changed=n)
        messages.success(request, f"Rejected {n} comment(s).")
    else:
        authors = User.objects.filter(pk__in=comments.values("author_id"))
        banned = [a for a in authors if services.reader_ban(user=a, moderator=request.user)]
        for reader in banned:
            record("comments.ban", request=request, target=reader, comment_ids=ids)
        n = services.comments_reject(comments=comments, moderator=request.user)
        record("comments.reject", request=request, ids=ids, changed=n)
        messages.success(
            request, f"Banned {len(banned)} reader(s) and rejected the chosen comment(s)."
        )
    return back


def bans(request):
    _check(request)
    if request.method == "POST":
        try:
            user_id = parse_id(request.POST.get("unban", ""))
        except InvalidId as error:
            return _bad_ids(request, error)
        user = User.objects.filter(pk=user_id).first()
        if user:
            services.reader_unban(user=user)
            record("comments.unban", request=request, target=user)
            messages.success(request, f"{user.public_name} may comment again.")
        return redirect(request.path)
    return render(
        request,
        "comments/admin/bans.html",
        {
            "page_title": "Banned readers",
            "header_icon": "comment",
            "bans": CommentBan.objects.select_related("user", "banned_by").order_by("-created_at"),
        },
    )
