from tqdm import tqdm

from masthead.accounts.models import User
from masthead.images.services import image_create_generated

from .models import Author


def seed(*, stdout) -> None:
    """The demo bylines with drawn portraits; the demo editor and reporter write under two."""
    from masthead.news.demo.content import AUTHORS

    if Author.objects.exists():
        return
    for index, data in enumerate(tqdm(AUTHORS, desc="Authors", unit="author")):
        photo = image_create_generated(
            title=f"Portrait of {data['name']}",
            palette=data.get("palette", (120, 120, 140)),
            motif="portrait",
            credit="Masthead Kyiv",
            seed=1000 + index,
            size=(600, 600),
        )
        Author.objects.create(
            name=data["name"],
            slug=data["slug"],
            role=data.get("role", ""),
            bio=f"<p>{data.get('bio', '')}</p>",
            x_handle=data.get("x_handle", ""),
            photo=photo,
            sort_order=index,
        )
    editor_author = next((a for a in AUTHORS if a.get("is_editor")), AUTHORS[0])
    reporter_author = next((a for a in AUTHORS if not a.get("is_editor")), AUTHORS[-1])
    for username, data in (("editor", editor_author), ("reporter", reporter_author)):
        user = User.objects.filter(username=username).first()
        if user:
            Author.objects.filter(slug=data["slug"]).update(user=user)
