"""Where a webhook may be sent: the SSRF rule, applied when an endpoint is saved and again at
every attempt (a name's DNS records can change in between).

Only http and https; the host is resolved and every address it has must be a public unicast
one: loopback, private, link-local, shared (CGNAT), multicast, reserved and unspecified
addresses are refused, for IPv4 and IPv6, including IPv4 carried inside IPv6 (mapped, NAT64,
6to4, Teredo). The request then goes to the address that was checked, never to a second
lookup of the name. `WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True` turns the address rule off
(local development, tests)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import conf

MAX_URL_LENGTH = 2000
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeURL(ValueError):
    """The URL may not be called; the message says why, for an administrator."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written in the URL (the Host header and the TLS server name)
    port: int
    path: str  # path and query, what the request line asks for
    ip: str  # the checked address the connection goes to


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    return None


def is_public(address: str) -> bool:
    """True for a globally routable unicast address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None and not is_public(str(inner)):
            return False
    return bool(
        ip.is_global
        and not (
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
        )
    )


def split_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path and query) of a URL we may call, or UnsafeURL."""
    if not url or len(url) > MAX_URL_LENGTH:
        raise UnsafeURL(f"Give a URL of at most {MAX_URL_LENGTH} characters.")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise UnsafeURL("The URL may not contain spaces or control characters.")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURL("Only http:// and https:// URLs can receive webhooks.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL("Put no user name or password in the URL; the signature authenticates.")
    host = parts.hostname
    if not host:
        raise UnsafeURL("The URL has no host name.")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port is None:
        port = 443 if scheme == "https" else 80
    if not 0 < port < 65536:
        raise UnsafeURL("The URL's port is not a number from 1 to 65535.")
    if parts.fragment:
        raise UnsafeURL("Leave out the #fragment: it is never sent to a server.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port, path


def _resolve(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeURL(f"The host name {host} could not be resolved ({error}).") from None
    addresses = []
    for info in infos:
        address = info[4][0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnsafeURL(f"The host name {host} has no address.")
    return addresses


def check_url(url: str) -> Target:
    """Resolve and check `url`; the Target says which address to connect to. Every address
    of the name must be public: a name with one private record is refused outright rather
    than hoping the public one is picked."""
    scheme, host, port, path = split_url(url)
    addresses = _resolve(host, port)
    if not conf.allow_private_addresses():
        refused = [a for a in addresses if not is_public(a)]
        if refused:
            raise UnsafeURL(
                f"{host} resolves to {refused[0]}, a private, loopback, link-local or reserved "
                "address: webhooks are only sent to public internet addresses."
            )
    return Target(scheme=scheme, host=host, port=port, path=path, ip=addresses[0])
