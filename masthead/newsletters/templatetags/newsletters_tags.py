from django import template

from ..selectors import default_newsletter, signup_newsletters

register = template.Library()


@register.simple_tag
def signup_newsletter_list():
    return signup_newsletters()


@register.simple_tag
def signup_default_newsletter():
    return default_newsletter()
