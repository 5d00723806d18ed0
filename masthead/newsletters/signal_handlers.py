def grant_newsletter_permissions(sender, **kwargs):
    from .roles import ensure_newsletter_permissions

    ensure_newsletter_permissions()
