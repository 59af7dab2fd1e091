"""Fetching pages for add-by-URL against the fictional news site on 127.0.0.1 (no other network).

With ``allow_private`` off, 127.0.0.1 is itself refused; the tests that need the first hop to succeed
under the real public-only rule allow exactly 127.0.0.1 (``allowed_networks``) and nothing else, so every
other address a redirect points to meets the real checks.
"""

from __future__ import annotations

import socket
import time

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from index.address_policy import AddressPolicy
from index.fetch import USER_AGENT, FetchError, FetchOptions, VettingResolver, fetch_page
from tests.news_site import NewsSite

OPEN = FetchOptions(allow_private=True)
ONLY_LOOPBACK_ONE = FetchOptions(allowed_networks=("127.0.0.1/32",))


class MapResolver(AbstractResolver):
    """DNS as a test decides it: each name maps to a list of addresses."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        self.asked.append(host)
        return [{"hostname": host, "host": a, "port": port, "family": socket.AF_INET6 if ":" in a else socket.AF_INET,
                 "proto": 0, "flags": 0} for a in self.names.get(host, [])]

    async def close(self) -> None:
        pass


async def test_fetches_a_page_with_the_bots_user_agent(news_site: NewsSite) -> None:
    page = await fetch_page(news_site.page("ledger-second-round.html"), OPEN)
    assert b"second round of talks" in page.body and page.charset == "utf-8"
    assert page.final_url == page.url == news_site.page("ledger-second-round.html")
    [(_, agent)] = news_site.hits
    assert agent == USER_AGENT and agent.startswith("dispute-bot/")


async def test_private_addresses_are_refused_by_default(news_site: NewsSite) -> None:
    for url in (news_site.page("ledger-second-round.html"), f"http://localhost:{news_site.port}/articles/x.html",
                f"http://[::1]:{news_site.port}/", f"http://[::ffff:127.0.0.1]:{news_site.port}/",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://2130706433/"):
        with pytest.raises(FetchError, match=r"only public addresses|not a canonical|not a valid"):
            await fetch_page(url)
    assert news_site.hits == []  # nothing reached the server


async def test_a_name_resolving_to_a_private_address_is_refused_after_dns(news_site: NewsSite) -> None:
    dns = MapResolver({"news.example": ["127.0.0.1"]})
    with pytest.raises(FetchError, match=r"news.example resolves to a loopback address"):
        await fetch_page(f"http://news.example:{news_site.port}/articles/ledger-second-round.html", resolver=dns)
    assert dns.asked == ["news.example"] and news_site.hits == []


async def test_the_connection_goes_to_the_vetted_address(news_site: NewsSite) -> None:
    """The name is resolved once, by the vetting resolver, and the connection uses that answer."""
    dns = MapResolver({"news.example": ["127.0.0.1"]})
    page = await fetch_page(f"http://news.example:{news_site.port}/articles/ledger-second-round.html",
                            ONLY_LOOPBACK_ONE, resolver=dns)
    assert b"second round" in page.body and dns.asked == ["news.example"]


async def test_a_name_with_any_private_address_is_refused_whole() -> None:
    public_and_private = MapResolver({"rebind.example": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(OSError, match=r"rebind\.example resolves to a private address") as refused:
        await VettingResolver(AddressPolicy(), public_and_private).resolve("rebind.example", 80)
    assert "10.0.0.7" not in str(refused.value)  # shown in chat: an internal address is kept to the log
    only_public = MapResolver({"ok.example": ["93.184.216.34", "2606:2800:220:1::1"]})
    answer = await VettingResolver(AddressPolicy(), only_public).resolve("ok.example", 80)
    assert [r["host"] for r in answer] == ["93.184.216.34", "2606:2800:220:1::1"]


@pytest.mark.parametrize(
    ("target", "why"),
    [("http://127.0.0.2/admin", "127.0.0.2 is a loopback address"),
     ("http://169.254.169.254/latest/meta-data/iam/", "link-local address (this includes cloud metadata"),
     ("http://10.0.0.1/", "10.0.0.1 is a private address"),
     ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
     ("http://[64:ff9b::7f00:1]/", "NAT64"),
     ("http://[2002:7f00:1::1]/", "6to4"),
     ("file:///etc/passwd", "only http and https"),
     ("ftp://ledger.example.org/", "only http and https")],
)
async def test_a_redirect_to_a_private_address_is_refused(news_site: NewsSite, target: str, why: str) -> None:
    with pytest.raises(FetchError, match="redirects to") as refused:
        await fetch_page(news_site.url(f"/redirect?to={target}"), ONLY_LOOPBACK_ONE)
    assert why in str(refused.value)
    assert len(news_site.hits) == 1 and news_site.paths()[0].startswith("/redirect?to=")  # never followed


async def test_a_redirect_to_a_name_resolving_privately_is_refused(news_site: NewsSite) -> None:
    dns = MapResolver({"intranet.example": ["192.168.1.10"]})
    with pytest.raises(FetchError, match=r"intranet\.example resolves to a private address"):
        await fetch_page(news_site.url("/redirect?to=http://intranet.example/wiki"), ONLY_LOOPBACK_ONE,
                         resolver=dns)


async def test_redirects_with_private_urls_allowed(news_site: NewsSite) -> None:
    target = news_site.page("ledger-second-round.html")
    page = await fetch_page(news_site.url(f"/redirect?to={target}&status=307"), OPEN)
    assert page.final_url == target and b"second round" in page.body


async def test_at_most_three_redirects(news_site: NewsSite) -> None:
    target = "/articles/ledger-second-round.html"
    page = await fetch_page(news_site.url(f"/chain/3?to={target}"), OPEN)  # relative Locations, three hops
    assert page.final_url == news_site.url(target)
    news_site.hits.clear()
    with pytest.raises(FetchError, match="more than 3 redirects"):
        await fetch_page(news_site.url(f"/chain/4?to={target}"), OPEN)
    assert len(news_site.hits) == 4 and target not in news_site.paths()


async def test_a_slow_server_times_out(news_site: NewsSite) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer from 127.0.0.1 within 0.5 s"):
        await fetch_page(news_site.url("/slow"), FetchOptions(allow_private=True, total_timeout=0.5))
    assert time.monotonic() - started < 3


async def test_a_timeout_names_the_host_that_did_not_answer(news_site: NewsSite) -> None:
    """Not the first host, when it was a redirect's target that never answered."""
    slow = f"http://localhost:{news_site.port}/slow"
    with pytest.raises(FetchError, match=r"no complete answer from localhost within 0.5 s"):
        await fetch_page(news_site.url(f"/redirect?to={slow}"), FetchOptions(allow_private=True, total_timeout=0.5))


def test_production_limits() -> None:
    options = FetchOptions()
    assert (options.total_timeout, options.connect_timeout, options.max_bytes, options.max_redirects) == (
        20.0, 5.0, 5_000_000, 3)
    assert not options.allow_private and options.allowed_networks == ()


async def test_an_endless_page_is_cut_at_the_cap(news_site: NewsSite) -> None:
    with pytest.raises(FetchError, match="larger than 5,000,000 bytes"):
        await fetch_page(news_site.url("/endless"), OPEN)
    time.sleep(0.2)
    assert news_site.streamed < 50_000_000  # the reader hung up; the server did not send its 200 MB


async def test_a_declared_size_over_the_cap_is_refused_before_reading(news_site: NewsSite) -> None:
    with pytest.raises(FetchError, match="8,000,000 bytes; at most 5,000,000"):
        await fetch_page(news_site.url("/big-declared"), OPEN)


@pytest.mark.parametrize(("path", "kind"), [("/report.pdf", "application/pdf"), ("/photo.png", "image/png"),
                                            ("/notes.txt", "text/plain")])
async def test_only_html_is_accepted(news_site: NewsSite, path: str, kind: str) -> None:
    with pytest.raises(FetchError, match=f"not a web page: 127.0.0.1 sent {kind}"):
        await fetch_page(news_site.url(path), OPEN)


async def test_errors_are_reported_plainly(news_site: NewsSite) -> None:
    with pytest.raises(FetchError, match="answered HTTP 404 Not Found"):
        await fetch_page(news_site.page("missing.html"), OPEN)
    for bad, why in [("not a url", "not a full address"), ("https://user:pw@ledger.example.org/", "user name"),
                     ("http:///nohost", r"no host|not a full address"),
                     ("http://" + "a" * 2100 + ".example/", "at most 2,000")]:
        with pytest.raises(FetchError, match=why):
            await fetch_page(bad, OPEN)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"could not connect to 127\.0\.0\.1"):
        await fetch_page(f"http://127.0.0.1:{port}/", OPEN)
