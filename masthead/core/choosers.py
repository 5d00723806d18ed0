"""Wagtail's chooser widgets (page, snippet, image, document) re-render a posted value by
looking it up with `objects.get(pk=value)`. A value that is not an id ("1e308", "²", a
25-digit number) raises ValueError or OverflowError there, so a form that should come back
with "Select a valid choice" was a 500 instead. Such a value now shows as empty and the
form's own error message is what the editor sees (issue 12). Django's model choice fields
get the same for OverflowError. Installed from core's ready()."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import ValidationError


def _refuse_overflow(method, error_key: str):
    """Django's model choice fields catch ValueError but not OverflowError, which SQLite
    raises for a 25-digit id: such a value is an invalid choice like any other."""

    @wraps(method)
    def checked(self, value, *args, **kwargs):
        try:
            return method(self, value, *args, **kwargs)
        except OverflowError as error:
            raise ValidationError(
                self.error_messages[error_key], code=error_key, params={"value": "…"}
            ) from error

    checked._masthead_safe = True
    return checked


def install() -> None:
    from django.forms.models import ModelChoiceField, ModelMultipleChoiceField
    from wagtail.admin.widgets.chooser import BaseChooser

    if not getattr(ModelChoiceField.to_python, "_masthead_safe", False):
        ModelChoiceField.to_python = _refuse_overflow(ModelChoiceField.to_python, "invalid_choice")
        ModelMultipleChoiceField._check_values = _refuse_overflow(
            ModelMultipleChoiceField._check_values, "invalid_choice"
        )

    original = BaseChooser.get_instance
    if getattr(original, "_masthead_safe", False):
        return

    @wraps(original)
    def get_instance(self, value):
        try:
            return original(self, value)
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None

    get_instance._masthead_safe = True
    BaseChooser.get_instance = get_instance
