from django import template

from masthead.accounts.timezones import zone_label

register = template.Library()


@register.simple_tag
def time_zone_label() -> str:
    """The active zone, said the way staff read it: 'Kyiv time (Europe/Kyiv)'."""
    return zone_label()
