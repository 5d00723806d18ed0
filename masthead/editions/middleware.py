"""The language of a request is the one its URL names, and nothing else.

Django's LocaleMiddleware also reads the language cookie and Accept-Language and redirects
by them: a reader's browser would then decide which edition an unprefixed URL shows, and a
page could no longer be stored by its URL alone. Here ``/uk/...`` is Ukrainian and every
other path the default edition, for everyone, with no redirect and no Vary header."""

from django.utils import translation

from . import languages

SETTINGS_SCREENS = "/admin/settings/"
SESSION_KEY = "editions:settings_edition"


class URLLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(SETTINGS_SCREENS) and hasattr(request, "session"):
            return self._settings_screen(request)
        language = languages.language_from_path(request.path_info)
        request.LANGUAGE_CODE = language
        # Only for this request: afterwards the thread has the language it had before (none
        # on a server thread; a test's own override stays in force).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

    def _settings_screen(self, request):
        """The admin's settings screens edit one edition's copy of a per-edition setting
        (navigation, promotions): the one chosen with ``?edition=uk``, kept in the editor's
        session so the form's POST saves the copy that was shown."""
        chosen = request.GET.get("edition", "")
        if chosen in languages.languages():
            request.session[SESSION_KEY] = chosen
        edition = request.session.get(SESSION_KEY)
        if edition not in languages.languages():
            edition = languages.default_language()
        request.editing_edition = edition
        token = languages.editing.set(edition)
        try:
            return self.get_response(request)
        finally:
            languages.editing.reset(token)
