"""Settings → Webhooks, for administrators: endpoints (add, edit, rotate the secret, send a
test event, enable again, delete) and each endpoint's delivery log with "retry now"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import services
from .forms import DeliveryFilterForm, EndpointForm
from .models import Delivery, Endpoint

DELIVERIES_PER_PAGE = 50


def is_administrator(user) -> bool:
    return user.is_superuser or user.groups.filter(name="Administrator").exists()


def _administrators_only(request) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied


def _secret_response(request, endpoint, secret, title):
    # Shown in this response only: the admin never shows the secret again.
    response = TemplateResponse(
        request,
        "webhooks/admin/secret.html",
        {"page_title": title, "endpoint": endpoint, "secret": secret},
    )
    response["Cache-Control"] = "no-store"
    return response


def index(request):
    _administrators_only(request)
    endpoints = Endpoint.objects.select_related("owner")
    return TemplateResponse(
        request,
        "webhooks/admin/index.html",
        {"page_title": "Webhooks", "header_icon": "link", "endpoints": endpoints},
    )


def create(request):
    _administrators_only(request)
    form = EndpointForm(request.POST or None, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        endpoint, secret = services.endpoint_create(request=request, **form.cleaned_data)
        return _secret_response(request, endpoint, secret, "Webhook endpoint added")
    return TemplateResponse(
        request,
        "webhooks/admin/form.html",
        {"page_title": "New webhook endpoint", "form": form},
        status=400 if request.method == "POST" else 200,
    )


def edit(request, endpoint_id: int):
    _administrators_only(request)
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    initial = {
        "url": endpoint.url,
        "description": endpoint.description,
        "events": endpoint.events,
        "owner": endpoint.owner_id,
    }
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.endpoint_update(endpoint=endpoint, request=request, **form.cleaned_data)
        messages.success(request, f"Saved {endpoint}.")
        return redirect("webhooks_admin:index")
    return TemplateResponse(
        request,
        "webhooks/admin/form.html",
        {"page_title": f"Edit {endpoint}", "form": form, "endpoint": endpoint},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def rotate(request, endpoint_id: int):
    _administrators_only(request)
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    secret = services.endpoint_rotate_secret(endpoint=endpoint, request=request)
    return _secret_response(request, endpoint, secret, "New signing secret")


@require_POST
def send_test(request, endpoint_id: int):
    _administrators_only(request)
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    if not endpoint.active:
        messages.error(request, "Enable the endpoint before sending it a test event.")
    else:
        services.test_event_send(endpoint=endpoint, request=request)
        messages.success(request, "Test event queued; its delivery is at the top of the log.")
    return redirect("webhooks_admin:deliveries", endpoint.pk)


@require_POST
def enable(request, endpoint_id: int):
    _administrators_only(request)
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    services.endpoint_enable(endpoint=endpoint, request=request)
    messages.success(request, f"{endpoint} is enabled again.")
    return redirect("webhooks_admin:index")


@require_POST
def disable(request, endpoint_id: int):
    _administrators_only(request)
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    services.endpoint_disable(
        endpoint=endpoint, reason=f"Disabled by {request.user.get_username()}.", request=request
    )
    messages.success(request, f"{endpoint} is disabled: nothing is sent to it.")
    return redirect("webhooks_admin:index")


def delete(request, endpoint_id: int):
    _administrators_only(request)
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    if request.method == "POST":
        services.endpoint_delete(endpoint=endpoint, request=request)
        messages.success(request, f"Deleted {endpoint} and its delivery log.")
        return redirect("webhooks_admin:index")
    return TemplateResponse(
        request,
        "webhooks/admin/delete.html",
        {"page_title": f"Delete {endpoint}", "endpoint": endpoint},
    )


def deliveries(request, endpoint_id: int):
    _administrators_only(request)
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    rows = endpoint.deliveries.all()
    filters = DeliveryFilterForm(request.GET or None)
    if filters.is_valid():
        if filters.cleaned_data["status"]:
            rows = rows.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["event"]:
            rows = rows.filter(event_type=filters.cleaned_data["event"])
    elif request.GET:
        rows = rows.none()
    page = Paginator(rows, DELIVERIES_PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "webhooks/admin/deliveries.html",
        {
            "page_title": f"Deliveries to {endpoint}",
            "endpoint": endpoint,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
        },
        status=400 if request.GET and not filters.is_valid() else 200,
    )


@require_POST
def retry(request, endpoint_id: int, delivery_id: int):
    _administrators_only(request)
    delivery = get_object_or_404(
        Delivery.objects.select_related("endpoint"), pk=delivery_id, endpoint_id=endpoint_id
    )
    if services.delivery_retry_now(delivery=delivery, request=request):
        messages.success(request, f"Retrying {delivery.message_id} now.")
    else:
        messages.error(request, "Only a failed delivery to an enabled endpoint can be retried.")
    return redirect("webhooks_admin:deliveries", endpoint_id)
