"""Which addresses a moderator's URL may reach: lists of addresses that must be refused or allowed."""

from __future__ import annotations

import pytest

from index.address_policy import AddressPolicy, is_allowed, parse_address, refusal

REFUSED = [
    # IPv4: loopback, private, link-local and cloud metadata, shared, this network, reserved, documentation
    "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
    "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.100.100.200", "0.0.0.0", "0.1.2.3",
    "192.0.0.1", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "240.0.0.1", "255.255.255.255",
    "224.0.0.1", "239.255.255.250",
    # IPv6: loopback, unspecified, unique local (AWS metadata fd00:ec2::254), link-local, multicast, docs
    "::1", "::", "fd00:ec2::254", "fc00::1", "fe80::1", "fe80::1%eth0", "ff02::1", "2001:db8::1",
    # IPv6 forms that carry an IPv4 address: mapped, translated, NAT64 (well-known and local), 6to4,
    # Teredo, IPv4-compatible; refused even when the IPv4 inside is public
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:8.8.8.8", "::ffff:0:8.8.8.8", "64:ff9b::a00:1",
    "64:ff9b::808:808", "64:ff9b:1::a00:1", "2002:a00:1::1", "2002:808:808::1", "2001:0:4136:e378::1",
    "::7f00:1", "::8.8.8.8",
    # special-purpose ranges that Python 3.11's is_global (before 3.11.10) calls global: IETF protocol
    # assignments, the 6to4 relay anycast, deprecated site-local (fec0::a9fe:a9fe mirrors 169.254.169.254),
    # the newer documentation prefix
    "192.0.0.8", "192.88.99.1", "fec0::1", "fec0::a9fe:a9fe", "3fff::1",
]
ALLOWED = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "151.101.1.69", "2606:4700:4700::1111",
           "2a00:1450:4001:81b::200e", "2001:4860:4860::8888"]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_refused(address: str) -> None:
    ip = parse_address(address)
    assert ip is not None
    assert refusal(ip) is not None, address
    assert not is_allowed(address)
    assert refusal(ip, allow_private=True) is None  # ALLOW_PRIVATE_URLS opens them all


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses_are_allowed(address: str) -> None:
    ip = parse_address(address)
    assert ip is not None and refusal(ip) is None and is_allowed(address)


@pytest.mark.parametrize(
    ("address", "words"),
    [("127.0.0.1", "loopback"), ("::1", "loopback"), ("169.254.169.254", "cloud metadata"),
     ("10.1.2.3", "private"), ("::ffff:10.0.0.1", "IPv4-mapped"), ("64:ff9b::a00:1", "NAT64"),
     ("2002:a00:1::1", "6to4"), ("224.0.0.1", "multicast"), ("100.64.0.1", "carrier-grade NAT")],
)
def test_refusals_say_why(address: str, words: str) -> None:
    ip = parse_address(address)
    assert ip is not None and words in (refusal(ip) or "")


def test_names_are_not_addresses() -> None:
    assert parse_address("localhost") is None and parse_address("news.example.org") is None
    assert not is_allowed("localhost")
    assert parse_address("[::1]") is not None


def test_allowed_networks_are_exact_exceptions() -> None:
    policy = AddressPolicy(allowed_networks=("10.20.0.0/16",))
    assert policy.refusal(parse_address("10.20.3.4")) is None  # type: ignore[arg-type]
    for other in ("10.21.0.1", "127.0.0.1", "::ffff:10.20.3.4", "169.254.169.254"):
        assert policy.refusal(parse_address(other)) is not None, other  # type: ignore[arg-type]
