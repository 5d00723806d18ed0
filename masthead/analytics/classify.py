"""Where a reader came from and what they read on, reduced at once to a class: a referring
host name (never the rest of its address) and a device class (never the user agent)."""

from __future__ import annotations

import re

REFERRER_CLASSES = ["search", "social", "newsletter", "internal", "direct", "other"]
DEVICES = ["phone", "tablet", "desktop"]

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")

# Matched against the host's labels, so "google.co.uk" and "news.google.com" are search
# and "notgoogle.example" is not.
SEARCH = {
    "google",
    "bing",
    "duckduckgo",
    "yahoo",
    "ecosia",
    "qwant",
    "startpage",
    "baidu",
    "yandex",
    "kagi",
    "search.brave.com",
    "ya.ru",
    "naver",
    "seznam",
    "mojeek",
}
SOCIAL = {
    "facebook",
    "fb.com",
    "t.co",
    "twitter",
    "x.com",
    "linkedin",
    "lnkd.in",
    "reddit",
    "instagram",
    "bsky.app",
    "threads.net",
    "youtube",
    "tiktok",
    "mastodon.social",
    "news.ycombinator.com",
    "whatsapp",
    "telegram.org",
    "t.me",
    "vk.com",
    "pinterest",
    "flipboard",
    "tumblr",
}
NEWSLETTER = {
    "mail.google.com",
    "outlook.live.com",
    "outlook.office.com",
    "outlook.office365.com",
    "mail.yahoo.com",
    "mail.proton.me",
    "app.fastmail.com",
    "webmail",
    "mail.aol.com",
    "mail.yandex.ru",
    "mail.zoho.com",
    "icloud.com",
}


def clean_host(raw: str) -> str:
    """A host name in lower case without port or credentials, or "" if it is not one."""
    host = (raw or "").strip().lower().rstrip(".")
    if "//" in host:
        host = host.split("//", 1)[1]
    host = host.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    if host.startswith("www."):
        host = host[4:]
    if not host or len(host) > 100 or not _HOST.match(host):
        return ""
    return host


def _matches(host: str, names: set[str]) -> bool:
    labels = host.split(".")
    for name in names:
        if "." in name:
            if host == name or host.endswith("." + name):
                return True
        elif name in labels[:-1] or (len(labels) == 1 and name == host):
            return True
    return False


def referrer_class(host: str, *, own_hosts: set[str], newsletter: bool = False) -> str:
    """search, social, newsletter, internal (another page of this site), direct (no
    referrer) or other."""
    if newsletter:
        return "newsletter"
    if not host:
        return "direct"
    if host in own_hosts:
        return "internal"
    if _matches(host, SEARCH):
        return "search"
    if _matches(host, SOCIAL):
        return "social"
    if _matches(host, NEWSLETTER):
        return "newsletter"
    return "other"


_TABLET = re.compile(r"ipad|tablet|kindle|silk/|playbook|nexus (7|9|10)|sm-t\d", re.I)
_PHONE = re.compile(r"mobi|iphone|ipod|android|windows phone|blackberry|opera mini", re.I)


def device_class(user_agent: str) -> str:
    """phone, tablet or desktop. Android without "Mobile" is a tablet by Google's own rule;
    an iPad that asks for desktop sites says it is a Mac and is counted as one."""
    if _TABLET.search(user_agent):
        return "tablet"
    if "android" in user_agent.lower() and "mobile" not in user_agent.lower():
        return "tablet"
    if _PHONE.search(user_agent):
        return "phone"
    return "desktop"
