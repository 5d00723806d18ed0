from django.http import JsonResponse
from django.urls import path

from . import writes  # noqa: F401  (registers the write endpoints on the API)
from .api import api


def schema(request):
    """The OpenAPI schema, also at /api/v1/openapi.json."""
    return JsonResponse(
        api.get_openapi_schema(path_prefix="/api/v1"), json_dumps_params={"ensure_ascii": False}
    )


urlpatterns = [
    path("api/v1/", api.urls),
    path("api/schema/", schema, name="api_schema"),
]
