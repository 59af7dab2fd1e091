"""Downloading articles a moderator shared with the bot, for ``add``.

Slack serves file contents only to a request carrying a token with ``files:read``: ``files.info`` gives
``url_private_download`` and an authenticated GET fetches it. The bot token goes only to Slack's own file
hosts over HTTPS (slack.com, slack-gov.com and their subdomains), or to the origin of the configured Web API
base (a local proxy or a test stub); it is never logged. A file kept outside Slack (Google Drive, or one an
app registered with ``files.remote.add``: ``is_external``, mode ``external``) has a ``url_private`` on that
outside service, which the token must never reach: it is refused before any download.
Files are checked for type and size before they are downloaded, and a download stops at the size limit.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import CommandCore
from index.manage import Upload

log = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT = 30.0


class DownloadError(Exception):
    """A reason to show the moderator, next to the file's name."""


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.hostname, parts.port


# Where Slack serves files from (files.slack.com; GovSlack's slack-gov.com): a host of these or a subdomain.
SLACK_FILE_DOMAINS = ("slack.com", "slack-gov.com")
EXTERNAL = "that file is stored outside Slack: download it and share the file itself"


def may_send_token(url: str, api_base: str) -> bool:
    """Only Slack's own hosts over HTTPS, or the Web API's own origin. "Any HTTPS address" sent the bot token
    to whatever ``url_private`` files.info gave, which for a remote file is the outside service's."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return False
    if _origin(url) == _origin(api_base):
        return True
    return parts.scheme.lower() == "https" and any(host == domain or host.endswith("." + domain)
                                                   for domain in SLACK_FILE_DOMAINS)


def stored_outside(info: dict[str, Any]) -> bool:
    """A remote file (Google Drive, or one another app added with ``files.remote.add``): its bytes are not in
    Slack, and its ``url_private`` points at the service that holds them."""
    return bool(info.get("is_external")) or info.get("mode") == "external"


async def _download(client: AsyncWebClient, session: aiohttp.ClientSession, url: str, max_bytes: int) -> bytes:
    headers = {"Authorization": f"Bearer {client.token or ''}"}
    ssl = client.ssl if client.ssl is not None else True
    async with session.get(url, headers=headers, proxy=client.proxy, ssl=ssl) as response:
        if response.status != 200:
            raise DownloadError(f"download failed (HTTP {response.status})")
        if response.content_type == "text/html":
            raise DownloadError("Slack sent a web page instead of the file; does the app have files:read?")
        data = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            data += chunk
            if len(data) > max_bytes:
                raise DownloadError(f"larger than the {max_bytes:,}-byte limit")
        return bytes(data)


async def _file_info(client: AsyncWebClient, shared: dict[str, Any]) -> dict[str, Any]:
    try:
        response = await client.files_info(file=str(shared["id"]))
    except SlackApiError as exc:
        raise DownloadError(f"files.info failed ({exc.response.get('error')})") from exc
    info = response.get("file")
    return info if isinstance(info, dict) else {}


async def fetch_uploads(
    client: AsyncWebClient, shared_files: list[dict[str, Any]], core: CommandCore
) -> tuple[list[Upload], list[dict[str, str]]]:
    """The shared files as ``Upload``s, plus ``{"file", "reason"}`` for each one that could not be used.
    The core says why a file can't be added (``CommandCore.uploads``) before anything is downloaded:
    its type by the name it was shared under, its size once Slack gives it; a download stops at the limit."""
    uploads: list[Upload] = []
    rejected: list[dict[str, str]] = []
    timeout = aiohttp.ClientTimeout(total=DOWNLOAD_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout, trust_env=False) as session:
        for shared in shared_files:
            name = str(shared.get("name") or shared.get("title") or shared.get("id") or "file")
            try:
                if (refused := core.uploads.refusal(name, 0)) is not None:
                    raise DownloadError(refused)
                if stored_outside(shared):
                    raise DownloadError(EXTERNAL)
                info = await _file_info(client, shared)
                name = str(info.get("name") or name)
                if stored_outside(info):
                    raise DownloadError(EXTERNAL)
                size = int(info.get("size") or 0)
                if (refused := core.uploads.refusal(name, size)) is not None:
                    raise DownloadError(refused)
                url = str(info.get("url_private_download") or info.get("url_private") or "")
                if not url:
                    raise DownloadError("Slack gave no download address for it")
                if not may_send_token(url, client.base_url):
                    raise DownloadError("its download address is not on Slack's own file servers")
                uploads.append(Upload(name=name, data=await _download(client, session, url, core.uploads.limit(name))))
            except DownloadError as exc:
                rejected.append({"file": name, "reason": str(exc)})
            except (aiohttp.ClientError, TimeoutError) as exc:
                log.warning("downloading %s failed: %s", name, type(exc).__name__)
                rejected.append({"file": name, "reason": "the download failed"})
    return uploads, rejected
