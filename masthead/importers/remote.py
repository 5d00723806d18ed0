"""Fetching a remote picture for ``--fetch-remote``, safely.

An export is written by someone else: a picture's address may point at this server's own
network (a cloud metadata service, an admin port). So the host is resolved first and every
address it resolves to must be public (not private, loopback, link-local, reserved or
multicast), and the connection goes to the address that was checked (a second lookup could
answer differently). Only image content types, at most IMPORTERS_MAX_REMOTE_IMAGE_BYTES, and
at most three redirects, each checked the same way."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 3


class FetchError(Exception):
    pass


def max_bytes() -> int:
    return int(getattr(settings, "IMPORTERS_MAX_REMOTE_IMAGE_BYTES", 20_000_000))


def public_address(host: str, port: int) -> str:
    """An address of ``host`` that may be fetched; FetchError if any of them may not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host}: {error}") from error
    allow_private = getattr(settings, "IMPORTERS_ALLOW_PRIVATE_ADDRESSES", False)
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if getattr(ip, "ipv4_mapped", None):
            ip = ip.ipv4_mapped
        if allow_private and (ip.is_private or ip.is_loopback):
            continue
        if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_link_local:
            raise FetchError(f"{host} resolves to a non-public address ({ip}): refused")
    if not addresses:
        raise FetchError(f"cannot resolve {host}")
    return addresses[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address, with the host's name for SNI and the certificate."""

    def __init__(self, host, address, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def fetch_image(url: str) -> tuple[bytes, str]:
    """(content, content type) of the picture at ``url``. FetchError says why not."""
    limit = max_bytes()
    timeout = int(getattr(settings, "IMPORTERS_REMOTE_TIMEOUT", 20))
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError(f"not an http(s) address: {url[:200]}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = public_address(parts.hostname, port)
        kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        connection = kind(parts.hostname, address, port=port, timeout=timeout)
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", target, headers={"User-Agent": "Masthead importer"})
            response = connection.getresponse()
            if response.status in {301, 302, 303, 307, 308}:
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status != 200:
                raise FetchError(f"{url[:200]} answered {response.status}")
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
            if not content_type.startswith("image/"):
                raise FetchError(f"{url[:200]} is not a picture ({content_type or 'no type'})")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"{url[:200]} is larger than {limit} bytes")
            content = response.read(limit + 1)
            if len(content) > limit:
                raise FetchError(f"{url[:200]} is larger than {limit} bytes")
            return content, content_type
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"{url[:200]}: {error}") from error
        finally:
            connection.close()
    raise FetchError(f"{url[:200]}: too many redirects")
