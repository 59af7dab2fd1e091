"""Health and metrics endpoints on their own port (``METRICS_PORT``), in-process and in a real bot process."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from bot import health
from bot.core import CommandCore
from tests.bot.conftest import CoreFactory
from tests.loopback import free_port


async def test_endpoints_follow_the_cores_state(seed_core: CommandCore) -> None:
    runner = await health.serve_health(seed_core, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/healthz") as response:
                assert response.status == 200
            async with http.get(base + "/readyz") as response:
                assert response.status == 503 and (await response.json())["index_loaded_and_encoder_warm"] is False
            await seed_core.warm_up()
            async with http.get(base + "/readyz") as response:
                assert response.status == 200
            async with http.get(base + "/metrics") as response:
                text = await response.text()
                assert "dispute_bot_ready 1.0" in text and "dispute_bot_index_chunks" in text
            seed_core.in_flight.close()
            async with http.get(base + "/readyz") as response:
                assert response.status == 503 and (await response.json())["stopping"] is True
            async with http.get(base + "/nothing-here") as response:
                assert response.status == 404
    finally:
        await runner.cleanup()


async def test_terminal_mode_serves_metrics_port_and_stops_on_sigint(
    built_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built_copy
    port = free_port()
    env = {**os.environ, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir), "METRICS_PORT": str(port),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    child = subprocess.Popen([sys.executable, "-m", "bot", "run", "--platform", "terminal"], cwd=tmp_path, env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        async with aiohttp.ClientSession() as http:
            deadline = time.monotonic() + 120
            while True:
                assert child.poll() is None and time.monotonic() < deadline, child.communicate(timeout=5)
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                        if response.status == 200:
                            break
                await asyncio.sleep(0.2)
        child.send_signal(signal.SIGINT)  # the chat is waiting for input: it must not wait for Enter
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err.decode()
    assert b"Traceback" not in err and b"dispute-bot: ask about" in out


async def test_not_ready_while_the_index_cannot_load_or_once_stopping(
        make_core: CoreFactory, built_copy: tuple[Path, Path]) -> None:
    """/readyz said 200 and dispute_bot_ready 1 while every question got "the index is not available"; and a
    warm-up that ended while the bot was stopping turned the gauge back to 1. An index that can't be loaded makes
    the bot unready only when there is no index to answer from (a newer one that can't be loaded leaves the
    current one serving: tests/bot/test_hot_reload.py)."""
    from bot import metrics
    from bot.results import Notice, NoticeKind

    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus)
    runner = await health.serve_health(core, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    faiss_file = index_dir / "faiss.index"
    good = faiss_file.read_bytes()
    try:
        async with aiohttp.ClientSession() as http:
            faiss_file.unlink()
            faiss_file.write_bytes(b"garbage")  # a damaged file, under a new build's name
            os.rename(index_dir.resolve(), index_dir.resolve().with_name("damaged"))
            index_dir.unlink()
            index_dir.symlink_to(index_dir.parent / "index.builds" / "damaged", target_is_directory=True)
            result = await core.ask("How many accounts were blocked?")
            assert isinstance(result, Notice) and result.kind is NoticeKind.UNAVAILABLE
            async with http.get(base + "/readyz") as response:
                body = await response.json()
                assert response.status == 503 and body["index_available"] is False
            assert metrics.READY._value.get() == 0
            faiss_file.unlink()
            faiss_file.write_bytes(good)
            index_dir.unlink()
            index_dir.symlink_to(index_dir.parent / "index.builds" / "damaged2", target_is_directory=True)
            os.rename(index_dir.parent / "index.builds" / "damaged", index_dir.parent / "index.builds" / "damaged2")
            assert not isinstance(await core.ask("How many accounts were blocked?"), Notice)
            await core.warm_up()
            async with http.get(base + "/readyz") as response:
                assert response.status == 200
            assert metrics.READY._value.get() == 1
            core.in_flight.close()  # stopping: a warm-up that ends now leaves the gauge at 0
            metrics.READY.set(0)
            await core.warm_up()
            assert metrics.READY._value.get() == 0
            async with http.get(base + "/readyz") as response:
                assert response.status == 503
    finally:
        await runner.cleanup()
