from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """Staff and readers alike. Readers sign in by email (the readers issue builds on this)."""

    email = models.EmailField("email address", blank=True, db_index=True)
    display_name = models.CharField(
        max_length=80, blank=True, help_text="Shown on comments instead of the user name."
    )

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username
