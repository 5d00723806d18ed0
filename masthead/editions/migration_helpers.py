"""For data migrations that give existing rows an edition: the default edition's Locale."""

from django.conf import settings


def default_locale_pk(apps) -> int:
    """The pk of the default language's Locale, made if missing; an old "en-us" row (the
    project's former LANGUAGE_CODE) is renamed to "en", so its pages keep their locale."""
    Locale = apps.get_model("wagtailcore", "Locale")
    code = settings.LANGUAGE_CODE
    found = Locale.objects.filter(language_code=code).first()
    if found is None:
        variant = Locale.objects.filter(language_code__startswith=code + "-").first()
        if variant is not None:
            variant.language_code = code
            variant.save(update_fields=["language_code"])
            found = variant
        else:
            found = Locale.objects.create(language_code=code)
    return found.pk
