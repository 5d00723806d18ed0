import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group

from .models import User
from .roles import ADMINISTRATOR, EDITOR, REPORTER, ensure_newsroom_roles

DEMO_USERS = [
    # username, group, superuser
    ("admin", ADMINISTRATOR, True),
    ("editor", EDITOR, False),
    ("reporter", REPORTER, False),
]


def credentials_path():
    return Path(settings.DEMO_LOGINS_FILE)


def seed(*, stdout) -> None:
    """Demo staff accounts with fresh random passwords, written to DEMO_LOGINS_FILE."""
    ensure_newsroom_roles()
    lines = []
    for username, group_name, superuser in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=username,
            email=f"{username}@masthead.example",
            password=password,
            is_staff=superuser,
            is_superuser=superuser,
            first_name=username.capitalize(),
            last_name="Demo",
        )
        user.groups.add(Group.objects.get(name=group_name))
        lines.append(f"{group_name:<14} user: {username:<9} password: {password}")
    if lines:
        with credentials_path().open("a") as out:
            out.write("\n".join(lines) + "\n")
        credentials_path().chmod(0o600)
        stdout.write(f"Demo logins written to {credentials_path()}")
