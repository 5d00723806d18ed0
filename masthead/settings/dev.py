"""For a developer at the keyboard: debug pages on. `make run` does not use this."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
