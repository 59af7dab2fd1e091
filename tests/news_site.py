"""A news site on 127.0.0.1 for the add-by-URL tests, serving the fictional pages in ``tests/pages``.

It runs in its own thread with its own event loop (like the fake Discord), so one fixture serves tests on
any event loop and keeps answering while a test's loop waits. Besides the pages it serves what a hostile
or broken site would: redirect chains and redirects to any address, a server that never finishes, an
endless page, a PDF and an image. ``hits`` records every request (path and User-Agent), so a test can
check that a refused address was never asked for.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

PAGES = Path(__file__).resolve().parent / "pages"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def saved_page_over_a_megabyte() -> bytes:
    """A news page as "Save page as… (HTML only)" writes it: its inline scripts take it past 1 MB, as many
    news sites' do, though its story is a few kilobytes."""
    page = (PAGES / "ledger-second-round.html").read_bytes()
    state = b'<script>window.__STATE__ = "' + b"x" * 1_200_000 + b'";</script>'
    return page.replace(b"</head>", state + b"</head>", 1)


class NewsSite:
    def __init__(self) -> None:
        self.hits: list[tuple[str, str]] = []  # (path with query, User-Agent)
        self.streamed = 0  # bytes of the endless page written before the client hung up
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="news-site", daemon=True)
        self._runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, name: str) -> str:
        return self.url(f"/articles/{name}")

    def paths(self) -> list[str]:
        return [path for path, _ in self.hits]

    # -- lifecycle -----------------------------------------------------------------------------------

    def start(self) -> NewsSite:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _start(self) -> None:
        app = web.Application(middlewares=[self._record])
        app.router.add_get("/articles/{name}", self._article)
        app.router.add_get("/redirect", self._redirect)
        app.router.add_get("/chain/{n}", self._chain)
        app.router.add_get("/slow", self._slow)
        app.router.add_get("/endless", self._endless)
        app.router.add_get("/big-declared", self._big_declared)
        app.router.add_get("/report.pdf", self._fixed(PDF, "application/pdf"))
        app.router.add_get("/photo.png", self._fixed(PNG, "image/png"))
        app.router.add_get("/notes.txt", self._fixed(b"plain notes " * 50, "text/plain"))
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    # -- handlers ------------------------------------------------------------------------------------

    @web.middleware
    async def _record(self, request: web.Request, handler: web.RequestHandler) -> web.StreamResponse:
        self.hits.append((request.path_qs, request.headers.get("User-Agent", "")))
        return await handler(request)

    @staticmethod
    def _fixed(body: bytes, content_type: str) -> web.RequestHandler:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=body, content_type=content_type)

        return handler

    async def _article(self, request: web.Request) -> web.Response:
        path = PAGES / request.match_info["name"]
        if path.suffix != ".html" or not path.is_file():
            raise web.HTTPNotFound()
        return web.Response(body=path.read_bytes(), content_type="text/html", charset="utf-8")

    async def _redirect(self, request: web.Request) -> web.Response:
        status = int(request.query.get("status", "302"))
        return web.Response(status=status, headers={"Location": request.query["to"]})

    async def _chain(self, request: web.Request) -> web.Response:
        """``/chain/3?to=X`` redirects three times (the last one to X); a relative Location each time."""
        n = int(request.match_info["n"])
        target = f"/chain/{n - 1}?to={request.query['to']}" if n > 1 else request.query["to"]
        return web.Response(status=301, headers={"Location": target})

    async def _slow(self, request: web.Request) -> web.Response:
        await asyncio.sleep(30)  # ended by the client's timeout (or by stop())
        return web.Response(text="<html>late</html>", content_type="text/html")

    async def _endless(self, request: web.Request) -> web.StreamResponse:
        """An HTML page that never ends (no Content-Length), up to 200 MB, so the reader must stop."""
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)
        chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
        try:
            await response.write(b"<html><body>")
            while self.streamed < 200_000_000:
                await response.write(chunk)
                self.streamed += len(chunk)
        except (ConnectionError, asyncio.CancelledError):
            pass
        return response

    async def _big_declared(self, request: web.Request) -> web.Response:
        return web.Response(body=b"<p>x</p>" * 1_000_000, content_type="text/html")  # 8 MB, Content-Length set


@pytest.fixture
def news_site() -> Iterator[NewsSite]:
    site = NewsSite().start()
    yield site
    site.stop()
