"""What the accounts app stores about a person, for "download my data" and deletion."""


def export_user_data(user) -> dict:
    return {
        "username": user.username,
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "has_password": user.has_usable_password(),
    }


def delete_user_data(user) -> None:
    """The account row itself is deleted by accounts.services.delete_account, last."""
