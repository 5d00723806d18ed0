from django.utils.cache import patch_cache_control, patch_vary_headers

from .access import MEMBERS_TEXT_FLAG


class PrivateMembersTextMiddleware:
    """A page that carries members-only text (rendered for a member or staff) is marked
    `Cache-Control: private` so no shared cache (Django's cache middleware, Varnish, a CDN)
    stores it and hands it to someone else. Templates set the flag while rendering (see
    access.mark_members_text_served); TemplateResponses are rendered before this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, MEMBERS_TEXT_FLAG, False):
            patch_cache_control(response, private=True, max_age=0)
            patch_vary_headers(response, ["Cookie"])
        return response
