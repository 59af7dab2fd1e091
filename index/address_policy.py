"""Which network addresses a URL fetched for a moderator may reach.

A moderator's URL is fetched by the bot's own host, so a link to ``http://169.254.169.254/`` or
``http://localhost:8080/admin`` would make the bot read its cloud credentials or an internal service for
whoever posted the link (server-side request forgery). Only globally routable addresses are allowed unless
``allow_private`` is set (for intranets, and for tests against 127.0.0.1).

``ipaddress``'s ``is_global`` does most of the work. It does not cover the IPv6 forms that carry an IPv4
address inside them, through which a private IPv4 host can be reached (IPv4-mapped ``::ffff:10.0.0.1``,
NAT64 ``64:ff9b::a00:1``, 6to4 ``2002:0a00:0001::``, Teredo, IPv4-compatible ``::10.0.0.1``), nor
multicast, so those are refused explicitly, whatever IPv4 address they embed.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 ranges whose addresses embed an IPv4 address or translate to IPv4 on the way.
_EMBEDDED_IPV4 = (
    (ipaddress.IPv6Network("::ffff:0:0/96"), "an IPv4-mapped IPv6 address"),
    (ipaddress.IPv6Network("::ffff:0:0:0/96"), "an IPv4-translated IPv6 address"),
    (ipaddress.IPv6Network("64:ff9b::/96"), "a NAT64 address"),
    (ipaddress.IPv6Network("64:ff9b:1::/48"), "a NAT64 address"),
    (ipaddress.IPv6Network("2002::/16"), "a 6to4 address"),
    (ipaddress.IPv6Network("2001::/32"), "a Teredo address"),
    (ipaddress.IPv6Network("::/96"), "an IPv4-compatible IPv6 address"),
)


_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
# Special-purpose ranges (IANA registries) that ``is_global`` in older Pythons (3.11 before 3.11.10) calls
# global: IETF protocol assignments, the retired 6to4 relay anycast, deprecated site-local, and documentation.
_NOT_PUBLIC = tuple(ipaddress.ip_network(n) for n in (
    "192.0.0.0/24", "192.88.99.0/24", "fec0::/10", "3fff::/20", "2001:db8::/32",
))


def parse_address(text: str) -> IPAddress | None:
    """``text`` as an IP address (an IPv6 zone such as ``%eth0`` is dropped), or None if it is a name."""
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _kind(ip: IPAddress) -> str:
    """A short, human name for why ``ip`` is not public, for the moderator's refusal message."""
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (this includes cloud metadata services)"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if ip.is_private:
        return "a private address"
    return "a reserved or non-public address"


def refusal(ip: IPAddress, allow_private: bool = False) -> str | None:
    """Why the bot must not connect to ``ip`` (a phrase such as "a private address"), or None if it may."""
    if allow_private:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        for network, name in _EMBEDDED_IPV4:
            if ip in network and not ip.is_unspecified and not ip.is_loopback:
                return name
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return _kind(ip)
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED:  # is_global misses it in some versions
        return _kind(ip)
    if any(ip.version == network.version and ip in network for network in _NOT_PUBLIC):
        return _kind(ip)
    return None


def is_allowed(text: str, allow_private: bool = False) -> bool:
    """Whether the literal address ``text`` may be connected to; a name (not an address) never is."""
    ip = parse_address(text)
    return ip is not None and refusal(ip, allow_private) is None


@dataclass(frozen=True)
class AddressPolicy:
    """``refusal`` with its settings: everything allowed with ``allow_private``; otherwise public addresses
    plus ``allowed_networks`` (CIDR strings), for one intranet host without opening every private one."""

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()

    def refusal(self, ip: IPAddress) -> str | None:
        if any(ip in ipaddress.ip_network(n, strict=False) for n in self.allowed_networks):
            return None
        return refusal(ip, self.allow_private)
