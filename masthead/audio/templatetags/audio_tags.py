from django import template

from ..models import Narration

register = template.Library()


@register.simple_tag
def article_narration(page):
    """The article's narration if its audio speaks the current text, else None: an outdated
    narration is never offered as the article's audio."""
    if not getattr(page, "pk", None):
        return None
    narration = Narration.objects.filter(page_id=page.pk).first()
    return narration if narration and narration.is_current else None
