import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import services
from .models import UserSession


@receiver(user_logged_in, dispatch_uid="staffsecurity_index_session")
def index_new_session(sender, request, user, **kwargs):
    """Sign-in gives the session a new key: index it at once, so it is listed (and can be
    ended) from the first request."""
    if request is None or not hasattr(request, "session"):
        return
    staff = services.is_staff(user)
    request.session[services.STAFF_FLAG_KEY] = staff
    if staff:
        request.session[services.LAST_ACTIVITY_KEY] = time.time()
        if not request.session.session_key:
            request.session.save()
        services.touch_session(request, user)


@receiver(user_logged_out, dispatch_uid="staffsecurity_unindex_session")
def unindex_session(sender, request, user, **kwargs):
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()
