from types import SimpleNamespace

from django import template

from masthead.memberships.access import readable_blocks

register = template.Library()


@register.simple_tag(takes_context=True)
def readable_body(context, page):
    """The blocks of the body that this request's reader may read, and whether some were held
    back. Anonymous readers get the public part, so a cached copy never holds premium text."""
    request = context.get("request")
    blocks, withheld = readable_blocks(page, getattr(request, "user", None))
    return SimpleNamespace(blocks=blocks, withheld=withheld)
