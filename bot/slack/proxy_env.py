"""The one proxy rule of slack_sdk a user would not expect: it sends every Slack call (the Web API, response_url
replies, file downloads, the Socket Mode websocket) through ``HTTPS_PROXY`` / ``HTTP_PROXY`` (either, whatever the
scheme) and never reads ``NO_PROXY``, which curl, requests and aiohttp's ``trust_env`` honour. slack_sdk has no
way to say "no proxy" while one is set (an empty or missing proxy is read from the environment again, for each
workspace's client), so the bot cannot honour ``NO_PROXY`` itself: it says so at start-up instead, where an
operator who exempted Slack's host would otherwise see only timeouts or the proxy's refusals."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

SLACK_SDK_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")  # its order


def slack_sdk_proxy(environ: Mapping[str, str]) -> str | None:
    """The proxy slack_sdk's clients take from ``environ`` (``proxy_env_variable_loader``), or None."""
    value = next((environ[name] for name in SLACK_SDK_PROXY_VARIABLES if environ.get(name)), None)
    return value if value and value.strip() else None


def exempted(host: str, no_proxy: str) -> bool:
    """Whether ``no_proxy`` exempts ``host`` as curl and requests read it: ``*``, the host itself or a domain it is
    in (a leading dot or none), an address in a CIDR range; ports are ignored."""
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        name = entry.lstrip(".").rsplit(":", 1)[0] if entry.count(":") == 1 else entry.lstrip(".")
        if entry == "*" or (name and (host.lower() == name or host.lower().endswith("." + name))):
            return True
        try:
            if "/" in entry and ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def no_proxy_ignored(url: str, environ: Mapping[str, str] | None = None) -> str | None:
    """A warning when ``NO_PROXY`` exempts ``url``'s host but slack_sdk will still use a proxy for it; else None.
    The proxy is named by scheme, host and port only (its URL may carry a password)."""
    env = os.environ if environ is None else environ
    proxy, host = slack_sdk_proxy(env), urlsplit(url).hostname
    exempt = env.get("NO_PROXY") or env.get("no_proxy")
    if not proxy or not host or not exempt or not exempted(host, exempt):
        return None
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    shown = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"  # without the user and password
    return (f"NO_PROXY exempts {host}, but the Slack client (slack_sdk) ignores NO_PROXY and sends every Slack call "
            f"through the proxy in HTTPS_PROXY/HTTP_PROXY ({shown}); to reach Slack directly, unset those for the bot")
