def grant_analytics_permissions(sender, **kwargs):
    """After every migrate: editors and administrators see the dashboards (roles.py)."""
    from .roles import ensure_analytics_permissions

    ensure_analytics_permissions()
