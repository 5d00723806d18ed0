import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple"  # the UserFactory's


def sign_in(client, user, password=PASSWORD, **extra):
    response = client.post(
        "/admin/login/", {"username": user.username, "password": password}, **extra
    )
    assert response.status_code == 302, response.content[:500]
    return response


def totp_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or `steps_ahead` periods on: django-otp refuses a
    code of a period already used, and accepts one period of clock drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol_totp(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
