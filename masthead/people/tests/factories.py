import factory

from masthead.people.models import Author


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.LazyAttribute(lambda a: a.name.lower().replace(" ", "-"))
    role = "Reporter"
    bio = "<p>Covers the front line.</p>"
