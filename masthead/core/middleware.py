from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Wagtail's editor runs inline scripts and styles, and shows previews in a same-origin frame.
# Only staff reach these paths, so the admin gets a looser policy than the public site.
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
}
ADMIN_POLICY_REPLACE = {"frame-ancestors": ["'self'"], "frame-src": ["'self'", "https:"]}


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set, and a same-origin frame for admin
    previews (the clickjacking middleware keeps a header that is already there)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(self)"
        )
        if request.path_info.startswith(ADMIN_PREFIXES):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the public policy (CONTENT_SECURITY_POLICY) plus the admin's allowances."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
        return parts


MAX_QUERY_STRING = 8192  # bytes; nginx's default request-line buffer is the same 8 KB


class RequestLimitsMiddleware:
    """A query string longer than any of our links is refused up front with 414, as the web
    server in front would (issue 12: a 100 KB search made SQLite's LIKE fail with a 500).
    Applies wherever the app is reached without that server: tests, `make run`, a proxy
    configured with larger buffers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            from django.http import HttpResponse

            return HttpResponse(
                "This address is too long. Shorten the search or the link and try again.",
                status=414,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
