"""Shards across processes: two real bot processes, one shard each, against one fake Discord and one store."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import FakeFactory
from tests.bot.discord.fake_discord import IDENTIFY_WINDOW, shard_of


@pytest.mark.parametrize(("ids", "expected"), [("0,1", [0, 1]), ("0-3", [0, 1, 2, 3]), ("1, 4-5", [1, 4, 5]),
                                               ("2", [2])])
def test_shard_ids_are_read_as_lists_and_ranges(ids: str, expected: list[int]) -> None:
    settings = Settings(_env_file=None, discord_shard_ids=ids, discord_shard_count=8)  # type: ignore[call-arg]
    assert settings.discord_shard_ids == expected


@pytest.mark.parametrize(("values", "message"), [
    ({"discord_shard_ids": "0,1"}, "needs DISCORD_SHARD_COUNT"),
    ({"discord_shard_ids": "0-2", "discord_shard_count": 2}, r"\[2\] must be below DISCORD_SHARD_COUNT \(2"),
    ({"discord_shard_ids": "0,0", "discord_shard_count": 2}, "lists a shard twice"),
    ({"discord_shard_ids": "3-1", "discord_shard_count": 4}, "runs backwards"),
    ({"discord_shard_ids": "one", "discord_shard_count": 4}, "'one' is not a shard number"),
    ({"discord_shard_count": 0}, "greater than or equal to 1"),
])
def test_bad_shard_settings_are_explained(values: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(_env_file=None, **values)  # type: ignore[arg-type]


def _bot_process(tmp_path: Path, corpus: Path, index_dir: Path, api_base: str, gateway: str, shard: int,
                 sync: bool) -> tuple[subprocess.Popen[bytes], Path]:
    log = tmp_path / f"shard{shard}.log"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1",
           "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir), "DISCORD_TOKEN": p.TOKEN,
           "DISCORD_GUILD_ID": str(p.GUILD_ID), "DISCORD_API_BASE": api_base, "DISCORD_GATEWAY_URL": gateway,
           "DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": str(shard), "DISCORD_SYNC_COMMANDS": str(sync).lower(),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}", "RATE_LIMIT_PER_MINUTE": "0"}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--platform", "discord"], cwd=tmp_path,
                                   env=env, stdout=out, stderr=subprocess.STDOUT)
    return process, log


@pytest.mark.asyncio(loop_scope="session")
async def test_two_processes_one_shard_each(make_fake: FakeFactory, built_copy: tuple[Path, Path],
                                            tmp_path: Path) -> None:
    fake = make_fake(shards=2, max_concurrency=1)
    corpus, index_dir = built_copy
    assert shard_of(p.GUILD_ID, 2) == 1, "the test's guild lives on shard 1, DMs on shard 0"
    started = [_bot_process(tmp_path, corpus, index_dir, fake.api_base, fake.gateway_url, shard, sync=shard == 0)
               for shard in (0, 1)]
    try:
        try:
            await fake.wait_for(lambda: len([t for t in fake.identify_times if t[2]]) >= 2, timeout=90)
        except AssertionError:
            tails = "\n".join(f"--- shard {i}:\n{log.read_text()[-3000:]}" for i, (_, log) in enumerate(started))
            raise AssertionError(f"identifies {fake.identify_times}; violations {fake.identify_violations}\n"
                                 f"{tails}") from None
        accepted = sorted((t, shard, count) for t, shard, count in fake.identify_times if count)
        assert [(shard, count) for _, shard, count in accepted] in ([(0, 2), (1, 2)], [(1, 2), (0, 2)])
        assert accepted[1][0] - accepted[0][0] >= IDENTIFY_WINDOW, "one session start per 5 s (max_concurrency 1)"
        assert fake.identify_violations == []
        assert {tuple(i["shard"]) for i in fake.identifies} == {(0, 2), (1, 2)}

        # A DM goes to shard 0's process, a server mention to shard 1's; each answers its own.
        dm = p.message("Under which section of the IT Act were the accounts blocked?", guild=False)
        await fake.dispatch("MESSAGE_CREATE", dm)
        dm_reply = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == dm["id"]), None),
                                       timeout=60)
        assert "69A" in dm_reply.text()
        mention = p.message(f"<@{p.BOT_ID}> How many accounts was Twitter ordered to block?",
                            mentions=[p.BOT_USER])
        await fake.dispatch("MESSAGE_CREATE", mention)
        reply = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == mention["id"]), None),
                                    timeout=60)
        assert "257" in reply.text() or "1,178" in reply.text()

        assert fake.sync_calls == [f"applications/{p.APP_ID}/guilds/{p.GUILD_ID}/commands"], "one process syncs"
    finally:
        for process, _ in started:
            process.send_signal(signal.SIGTERM)
        for process, _ in started:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
    logs = [log.read_text() for _, log in started]
    assert "shard 0 may identify" in logs[0] and "shard 1" not in logs[0].split("may identify")[0]
    assert "shard 1 may identify" in logs[1] and "shard 0 may identify" not in logs[1]
    assert "not registering slash commands" in logs[1] and "not registering" not in logs[0]
    assert p.TOKEN not in "".join(logs)
    assert all(process.returncode == 0 for process, _ in started), logs
    await asyncio.sleep(0)
