"""A stand-in for newsletter sign-ups and comments in the fault tests: a write endpoint that
stores one row per token (idempotent, so a client may retry). Lives only in the tests'
URLconf; once newsletters/comments are merged, the fault test should post to theirs."""

from django.contrib.auth.models import Group
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def signup(request):
    token = request.POST.get("token", "")
    if not token.isalnum() or len(token) > 40:
        return HttpResponseBadRequest("token: letters and digits only")
    Group.objects.get_or_create(name=f"signup-{token}")
    return HttpResponse("stored", status=201)


urlpatterns = [
    path("t/signup/", signup),
    path("", include("masthead.urls")),
]
