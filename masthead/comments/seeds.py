"""Demo readers and a few conversations under the newest demo articles (original text)."""

from django.utils import timezone

from masthead.accounts.models import User
from masthead.news.models import ArticlePage

from .models import Comment

READERS = [
    # username, email, display name
    ("reader-oksana", "oksana.reader@masthead.example", "Oksana from Lviv"),
    ("reader-dmytro", "dmytro.reader@masthead.example", "Dmytro K."),
    ("reader-claire", "claire.reader@masthead.example", "Claire in Lyon"),
]

# (reader index, text, replies as (reader index, text))
CONVERSATIONS = [
    [
        (
            0,
            "Thank you for naming the districts. Local reports only said 'the city', which "
            "helps nobody decide which bus to take.",
            [(1, "Agreed. The map in the second paragraph is what I sent my parents.")],
        ),
        (2, "Reading this from abroad: the figures on repair costs were new to me.", []),
    ],
    [
        (
            1,
            "Is there an update on the school timetable? The article says 'next month' and "
            "that was three weeks ago.",
            [(0, "The regional office posted a notice on Friday: classes resume on the 12th.")],
        ),
    ],
    [
        (2, "A careful piece. More reporting like this from the smaller towns, please.", []),
    ],
]


def _reader(username: str, email: str, name: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "display_name": name}
    )
    if created:
        user.set_unusable_password()  # demo readers sign in by emailed link
        user.save(update_fields=["password"])
    return user


def seed(*, stdout) -> None:
    """Three demo readers, and comments with replies on the three newest articles."""
    readers = [_reader(*row) for row in READERS]
    if Comment.objects.filter(author__in=readers).exists():
        return
    articles = list(ArticlePage.objects.live().order_by("-first_published_at", "-pk")[:3])
    now = timezone.now()
    made = 0
    for article, conversation in zip(articles, CONVERSATIONS, strict=False):
        for n, (who, text, replies) in enumerate(conversation):
            when = now - timezone.timedelta(hours=6 - n)
            top = Comment.objects.create(
                article=article, author=readers[who], body=text, created_at=when
            )
            made += 1
            for m, (reply_who, reply_text) in enumerate(replies, start=1):
                Comment.objects.create(
                    article=article,
                    author=readers[reply_who],
                    parent=top,
                    body=reply_text,
                    created_at=when + timezone.timedelta(minutes=20 * m),
                )
                made += 1
    stdout.write(f"Demo comments: {made} from {len(readers)} readers.")
