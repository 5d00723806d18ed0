from masthead.images.services import image_create_generated


def make_image(title="A street in the morning", credit="Olena Test/Masthead", caption="", seed=1):
    return image_create_generated(
        title=title,
        palette=(90, 120, 150),
        motif="city",
        credit=credit,
        caption=caption,
        seed=seed,
        size=(320, 180),
    )
