from django import template
from django.utils.safestring import mark_safe

from masthead.caching import fragments, pages
from masthead.caching import tags as cache_tags

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, options):
        self.nodelist, self.name, self.vary, self.options = nodelist, name, vary, options

    def _tags(self, context) -> list[str]:
        found = []
        if "tags" in self.options:
            value = self.options["tags"].resolve(context) or ""
            found += value.split() if isinstance(value, str) else list(value)
        if "page" in self.options:
            page = self.options["page"].resolve(context)
            if getattr(page, "pk", None):
                found.append(cache_tags.page(page.pk))
        return found

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            # A preview shows a draft: never serve it a stored copy, never store it.
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        vary = [part.resolve(context) for part in self.vary]
        if request is not None:
            # Absolute URLs and the site's settings follow the host that was asked.
            vary += [request.scheme, request.get_host()]
        timeout = self.options["timeout"].resolve(context) if "timeout" in self.options else None
        user = getattr(request, "user", None)
        slot = "slot" in self.options and getattr(request, "page_cache_slots", False)
        key = fragments.key_for(name, *vary)
        value, versions, stored = fragments.fetch(
            key,
            lambda: self.nodelist.render(context),
            tags=self._tags(context),
            timeout=int(timeout) if timeout is not None else None,
            signed_in=bool(user is not None and user.is_authenticated),
            isolated=slot,
        )
        if slot and stored:
            return mark_safe(pages.SLOT_OPEN.format(key) + value + pages.SLOT_CLOSE)  # noqa: S308 - rendered template
        if slot:
            cache_tags.depends_on(*versions)
        return mark_safe(value)  # noqa: S308 - rendered template


@register.tag
def fragment(parser, token):
    """``{% fragment "name" part ... [tags="feed listing"] [page=page] [timeout=60] [slot] %}``
    ... ``{% endfragment %}``: the enclosed HTML, rendered once and shared until what it
    shows changes (``masthead/caching/fragments.py``). The parts (and the request's host)
    name one copy; ``tags`` and ``page`` say what it shows; ``slot`` keeps it out of the
    stored page, filled afresh on each cache hit (a rail that changes with every story).
    Never put anything personal inside: it is refused if the code inside says so."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("fragment needs a name")
    options = {}
    while len(bits) > 1 and ("=" in bits[-1] or bits[-1] == "slot"):
        bit = bits.pop()
        if bit == "slot":
            options["slot"] = True
            continue
        option, value = bit.split("=", 1)
        if option not in ("tags", "page", "timeout"):
            raise template.TemplateSyntaxError(f"fragment: unknown option {option!r}")
        options[option] = parser.compile_filter(value)
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[0]),
        [parser.compile_filter(bit) for bit in bits[1:]],
        options,
    )
