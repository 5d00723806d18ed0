"""Who may see translation status and mark a translation up to date."""

from wagtail.models import Page

TRANSLATE_PERMISSION = "simple_translation.submit_translation"


def can_translate(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(TRANSLATE_PERMISSION))


def can_mark_up_to_date(user, translation: Page) -> bool:
    """The people who may edit the translation, and may translate at all."""
    return can_translate(user) and translation.permissions_for_user(user).can_edit()
