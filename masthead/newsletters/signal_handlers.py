from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Newsletter
from .selectors import SIGNUP_CACHE_KEY


@receiver([post_save, post_delete], sender=Newsletter)
def forget_signup_list(**kwargs):
    cache.delete(SIGNUP_CACHE_KEY)


def grant_newsletter_permissions(sender, **kwargs):
    from .roles import ensure_newsletter_permissions

    ensure_newsletter_permissions()
