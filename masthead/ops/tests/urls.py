"""Test-only views around the real URLconf: responses the page cache must refuse to keep."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from masthead import urls as site_urls


def sets_cookie(request):
    response = HttpResponse("personal")
    response.set_cookie("seen", "1")
    return response


@cache_control(private=True)
def private(request):
    return HttpResponse(f"private {request.GET.get('n', '')}")


def counter(request):
    counter.calls += 1
    return HttpResponse(f"call {counter.calls}")


counter.calls = 0


def echo(request):
    return HttpResponse(f"{request.get_full_path()} {request.GET.urlencode()}")


def switch(request):
    """Answers with whatever the test set last: text and status."""
    return HttpResponse(switch.text, status=switch.status)


switch.text, switch.status = "first", 200


def varies_on_language(request):
    response = HttpResponse("bonjour")
    response["Vary"] = "Accept-Language"
    return response


urlpatterns = [
    path("t/sets-cookie/", sets_cookie),
    path("t/private/", private),
    path("t/counter/", counter),
    path("t/vary/", varies_on_language),
    path("t/echo/", echo),
    path("t/switch/", switch),
    # Spread, not included: the real URLconf holds i18n_patterns (the editions), which
    # Django allows only at the top level.
    *site_urls.urlpatterns,
]
