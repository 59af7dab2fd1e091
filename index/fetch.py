"""Fetching the web page behind a moderator's "add by URL", without letting the link reach inside.

Every hop is checked: the scheme (http or https), an IP-literal host against ``address_policy``, and a
host name after DNS resolution, by a resolver that hands aiohttp's connector only addresses it has vetted
and refuses a name if any of its addresses is not public. The connection therefore goes to an address
that was checked; a name that resolves to a public address for the check and to 127.0.0.1 a moment later
(DNS rebinding) cannot slip through, because there is no second lookup (the connector's DNS cache is off,
and no proxy from the environment is used). Redirects are followed by hand, at most ``max_redirects`` of
them, each through the same checks. The body is read as a stream and abandoned past ``max_bytes``; only
HTML is accepted.
"""

from __future__ import annotations

import asyncio
import logging
import socket

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

from index.address_policy import AddressPolicy, parse_address
from index.fetch_types import USER_AGENT, FetchError, FetchOptions, Page

__all__ = ["USER_AGENT", "AddressRefused", "FetchError", "FetchOptions", "Page", "VettingResolver", "fetch_page"]

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
MAX_URL_CHARS = 2000


class AddressRefused(OSError):
    """A host name resolved to an address the policy refuses; aiohttp wraps it, ``fetch_page`` unwraps it."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        # The address itself stays out of the message: a refusal is shown in chat, and an internal name's
        # address is nobody's business there (it is logged).
        super().__init__(f"{host} resolves to {reason}")
        self.host, self.address, self.reason = host, address, reason


class VettingResolver(AbstractResolver):
    """Resolves with ``inner`` and returns the addresses only when every one of them is allowed.

    Refusing the whole name (rather than dropping its bad addresses) is deliberate: a public name has no
    reason to also point at 10.0.0.1, and a name that does is a rebinding attempt or a misconfiguration.
    """

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._inner = inner or ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            ip = parse_address(result["host"])
            reason = "which is not an IP address" if ip is None else self.policy.refusal(ip)
            if reason:
                raise AddressRefused(host, result["host"], reason)
        if not results:
            raise OSError(f"{host} has no address")
        return results

    async def close(self) -> None:
        await self._inner.close()


def check_url(url: URL, policy: AddressPolicy) -> None:
    """The checks a URL must pass before any connection: scheme, host, no credentials, a public literal."""
    if url.scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses can be fetched (got {url.scheme or 'no scheme'!r})")
    if not url.host:
        raise FetchError("the address has no host name")
    if url.user is not None or url.password is not None:
        raise FetchError("addresses with a user name or password are not accepted")
    ip = parse_address(url.host)
    if ip is not None and (reason := policy.refusal(ip)):
        raise FetchError(f"{url.host} is {reason}; only public addresses can be fetched")


def parse_url(text: str) -> URL:
    """The moderator's text as an absolute URL, or ``FetchError`` saying what is wrong with it."""
    text = text.strip()
    if len(text) > MAX_URL_CHARS:
        raise FetchError(f"the address is {len(text):,} characters long; at most {MAX_URL_CHARS:,} are accepted")
    try:
        url = URL(text)
    except (ValueError, TypeError) as exc:
        raise FetchError(f"not a valid address ({exc})") from exc
    if not url.is_absolute():
        raise FetchError("not a full address; it must start with http:// or https://")
    return url.with_fragment(None)


def _refused(exc: BaseException) -> AddressRefused | None:
    """The ``AddressRefused`` inside an aiohttp connection error, however aiohttp wrapped it."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, AddressRefused):
            return seen
        inner = getattr(seen, "os_error", None)
        seen = inner if isinstance(inner, BaseException) and inner is not seen else seen.__cause__
    return None


async def _read_capped(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    if response.content_length is not None and response.content_length > max_bytes:
        raise FetchError(f"the page is {response.content_length:,} bytes; at most {max_bytes:,} are fetched")
    data = bytearray()
    async for chunk in response.content.iter_chunked(64 * 1024):
        data += chunk
        if len(data) > max_bytes:
            raise FetchError(f"the page is larger than {max_bytes:,} bytes; at most that much is fetched")
    return bytes(data)


async def _follow(session: aiohttp.ClientSession, start: URL, options: FetchOptions, hops: list[URL]) -> Page:
    """``hops`` gets every address asked, so a timeout names the host that did not answer."""
    current = start
    for _ in range(options.max_redirects + 1):
        try:
            check_url(current, options.policy)
        except FetchError as exc:
            if current is start:
                raise
            raise FetchError(f"the page redirects to {current}, but {exc}") from exc
        async with session.get(current, allow_redirects=False) as response:
            if response.status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"{current.host} answered with a redirect to nowhere (HTTP {response.status})")
                current = current.join(URL(location)).with_fragment(None)
                hops.append(current)
                continue
            if response.status != 200:
                raise FetchError(f"{current.host} answered HTTP {response.status} {response.reason or ''}".rstrip())
            if response.content_type not in HTML_TYPES:
                raise FetchError(f"the address is not a web page: {current.host} sent {response.content_type}; "
                                 "only HTML articles can be added")
            body = await _read_capped(response, options.max_bytes)
            return Page(str(start), str(current), body, response.charset)
    raise FetchError(f"more than {options.max_redirects} redirects; the last one pointed to {current}")


async def fetch_page(url: str, options: FetchOptions | None = None,
                     resolver: AbstractResolver | None = None) -> Page:
    """The HTML page at ``url``; ``FetchError`` with the reason when it can't or mustn't be fetched.

    ``resolver`` replaces the system resolver underneath the vetting one (tests map names to addresses).
    """
    options = options or FetchOptions()
    start = parse_url(url)
    check_url(start, options.policy)
    hops = [start]
    connector = aiohttp.TCPConnector(resolver=VettingResolver(options.policy, resolver),
                                     use_dns_cache=False, limit=2)
    timeout = aiohttp.ClientTimeout(total=options.total_timeout, connect=options.connect_timeout,
                                    sock_connect=options.connect_timeout)
    headers = {"User-Agent": options.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
    try:
        async with asyncio.timeout(options.total_timeout), aiohttp.ClientSession(
            connector=connector, timeout=timeout, headers=headers, trust_env=False,
            cookie_jar=aiohttp.DummyCookieJar(),
        ) as session:
            return await _follow(session, start, options, hops)
    except FetchError:
        raise
    except TimeoutError as exc:
        raise FetchError(f"no complete answer from {hops[-1].host} within {options.total_timeout:g} s") from exc
    except aiohttp.ClientConnectorCertificateError as exc:
        raise FetchError(f"the TLS certificate of {exc.host} was not accepted") from exc
    except aiohttp.ClientConnectorError as exc:
        refused = _refused(exc)
        if refused is not None:
            log.warning("refused to fetch %s: %s resolves to %s, %s", url, refused.host, refused.address,
                        refused.reason)
            raise FetchError(f"{refused}; only public addresses can be fetched") from exc
        raise FetchError(f"could not connect to {exc.host}") from exc
    except aiohttp.InvalidURL as exc:
        raise FetchError(f"not a valid address ({exc})") from exc
    except (aiohttp.ClientError, ValueError) as exc:
        raise FetchError(f"the download failed ({type(exc).__name__})") from exc
