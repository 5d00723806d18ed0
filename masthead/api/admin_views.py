"""Administrators' screens for API keys: list, create (the key is shown once), revoke."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .forms import ApiKeyForm
from .keys import api_key_create, api_key_revoke
from .models import ApiKey


def _administrators_only(request) -> None:
    user = request.user
    if not (user.is_superuser or user.groups.filter(name="Administrator").exists()):
        raise PermissionDenied


def index(request):
    _administrators_only(request)
    keys = ApiKey.objects.select_related("token__user").order_by(
        "token__revoked_at", "-token__created"
    )
    return TemplateResponse(
        request,
        "api/admin/index.html",
        {"page_title": "API keys", "header_icon": "key", "keys": keys},
    )


def create(request):
    _administrators_only(request)
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key, raw = api_key_create(
            name=form.cleaned_data["name"],
            owner=form.cleaned_data["owner"],
            scopes=form.cleaned_data["scopes"],
            rate_per_minute=form.cleaned_data["rate_per_minute"],
            created_by=request.user,
            request=request,
        )
        # Shown in this response only: the key is not kept anywhere it could be shown again.
        response = TemplateResponse(
            request,
            "api/admin/created.html",
            {"page_title": "API key created", "key": key, "raw": raw},
        )
        response["Cache-Control"] = "no-store"
        return response
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "api/admin/create.html", {"page_title": "New API key", "form": form}, status=status
    )


@require_POST
def revoke(request, key_id: int):
    _administrators_only(request)
    key = get_object_or_404(ApiKey.objects.select_related("token"), pk=key_id)
    api_key_revoke(key=key, request=request)
    messages.success(request, f"Revoked {key}. Requests with it are refused from now on.")
    return redirect("api_admin:index")
