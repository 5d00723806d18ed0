def grant_newsletter_permissions(sender, **kwargs):
    from .roles import ensure_newsletter_permissions

    ensure_newsletter_permissions()


def record_provider_bounce(sender, event, esp_name, **kwargs):
    """anymail's tracking signal: a provider reported a bounce or complaint (or anything else,
    which is ignored). Addresses we do not know are ignored; a repeated event counts once."""
    from .bounces import tracking_report
    from .models import Bounce
    from .services import bounce_record

    report = tracking_report(event, esp_name)
    if report is None:
        return
    bounce_record(
        email=report.email,
        kind=report.kind,
        source=Bounce.WEBHOOK,
        event_id=report.event_id,
        detail=report.detail,
    )
