"""Settings for the app processes the fault tests start: the real settings plus a stand-in
write endpoint (tests' URLconf only) until the newsletters and comments apps are merged."""

from masthead.settings.base import *  # noqa: F403

ROOT_URLCONF = "masthead.ops.tests.fault_urls"
