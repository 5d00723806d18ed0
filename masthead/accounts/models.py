import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac

from .languages import language_choices


class User(AbstractUser):
    """Staff and readers alike. Staff sign in through Wagtail's admin login; readers sign in
    by a link sent to their email address (and may add a password)."""

    email = models.EmailField("email address", blank=True, db_index=True)
    display_name = models.CharField(
        max_length=80, blank=True, help_text="Shown on comments instead of the user name."
    )
    # Part of the session hash: changing it signs the user out of every session at once.
    session_salt = models.CharField(max_length=32, blank=True, editable=False)
    # The edition a reader last signed in from: later mail to them (lock-out warnings) uses it.
    language = models.CharField(
        max_length=12, choices=language_choices, default="en", db_default="en", editable=False
    )

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_newsroom_staff(self) -> bool:
        """Staff in the newsroom's sense: admin staff, or in any staff group (reporters...)."""
        if self.is_staff or self.is_superuser:
            return True
        cached = getattr(self, "_is_newsroom_staff", None)
        if cached is None:
            cached = self._is_newsroom_staff = self.groups.exists()
        return cached

    @property
    def public_name(self) -> str:
        """The name shown beside a reader's comments: never their email address."""
        return self.display_name or self.get_full_name() or "Reader"

    def get_session_auth_hash(self) -> str:
        # Django's own hash with our salt mixed in; an empty salt gives Django's value, so
        # sessions made before the salt existed stay valid.
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(
            key_salt, self.password + self.session_salt, algorithm="sha256"
        ).hexdigest()

    def rotate_session_salt(self) -> None:
        self.session_salt = secrets.token_hex(16)


class UsedSignInToken(models.Model):
    """A sign-in link already followed. Links are signed and expire by themselves; this table
    makes each one single use. Rows older than the link lifetime can be deleted."""

    nonce = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"sign-in link used {self.used_at:%Y-%m-%d %H:%M}"
