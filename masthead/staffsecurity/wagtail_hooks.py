from django.urls import reverse
from wagtail import hooks

from .urls import admin_urlpatterns


@hooks.register("register_admin_urls")
def register_admin_urls():
    return admin_urlpatterns


@hooks.register("register_account_menu_item")
def sign_in_security_item(request):
    return {
        "url": reverse("staffsecurity:security"),
        "label": "Sign-in security",
        "help_text": "Authenticator app, passkeys and recovery codes.",
    }


@hooks.register("register_account_menu_item")
def sessions_item(request):
    return {
        "url": reverse("staffsecurity:sessions"),
        "label": "Active sessions",
        "help_text": "Where you are signed in; sign out of any of them.",
    }
