"""One real Slack HTTP replica on a PostgreSQL server of its own, which a test may stop and start again
(``make test-postgres``; the other tests keep their server)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp

from tests.bot.shared_db import needs_postgres
from tests.bot.slack.slack_requests import SIGNING_SECRET
from tests.bot.slack.stub_slack import BOT_TOKEN, StubSlack
from tests.bot.slack.test_replicas import replicas
from tests.bot.slack.test_shutdown import _wait_ready
from tests.pg_cluster import Cluster, find_bin


@contextlib.asynccontextmanager
async def replica_on_own_postgres(stub: StubSlack, built_copy: tuple[Path, Path], tmp_path: Path,
                                  **env: str) -> AsyncIterator[tuple[Cluster, aiohttp.ClientSession, str, Path]]:
    """``(cluster, http, base URL, log file)`` of a ready replica; ``env`` adds to its environment. The replica
    is stopped on leaving (its log stays), then the server and its folder."""
    needs_postgres()
    bindir = find_bin()
    assert bindir is not None
    cluster = Cluster(bindir)
    cluster.start()
    corpus, index_dir = built_copy
    environment = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                   "SLACK_API_URL": stub.api_url, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir),
                   "DATABASE_URL": cluster.url, "FEEDBACK_HMAC_KEY": "restart-test-key", "SHARED_STATE": "auto",
                   "RATE_LIMIT_PER_MINUTE": "0", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **env}
    try:
        with replicas(1, environment, tmp_path) as [(child, bot, log)]:
            async with aiohttp.ClientSession() as http:
                await _wait_ready(http, bot, child, log)
                yield cluster, http, bot, log
    finally:
        cluster.stop()
