"""``make soak`` / ``python -m bench.soak``: minutes of mixed traffic against a real bot process.

The bot runs as ``dispute-bot run`` (Discord and Slack HTTP mode at once, default limits) against the test
fakes on 127.0.0.1: the fake Discord (REST and gateway) and the Slack stub, with signed HTTP requests.
Traffic mixes slash commands, mentions, DMs, retried and malformed Slack requests and a one-user flood
each minute; halfway through, ``dispute-bot index add`` adds an article from another process. At the end
the bot is stopped with SIGTERM. Reported: RSS after warm-up and at the end, p50/p99 acknowledgement and
answer times, errors, lost answers and rate-limited counts.

    python -m bench.soak                 # 10 minutes
    python -m bench.soak --minutes 3     # shorter; --write puts the report in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from index.embedding import offline_env

offline_env()

import aiohttp  # noqa: E402

from bench.common import ROOT, dev_items, load_average, machine, now  # noqa: E402
from bench.soak_report import ARTICLE, NEW_FACT, Outcome, analyse, report, write_results  # noqa: E402
from bench.soak_traffic import TimedStub, Traffic  # noqa: E402
from tests.bot.discord import payloads as p  # noqa: E402
from tests.bot.discord.fake_discord import FakeDiscord  # noqa: E402
from tests.bot.slack.slack_requests import SIGNING_SECRET  # noqa: E402
from tests.bot.slack.stub_slack import BOT_TOKEN  # noqa: E402

WORK = ROOT / "var" / "soak"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _metrics(base: str) -> str:
    async with aiohttp.ClientSession() as http, http.get(base + "/metrics") as response:
        return await response.text()


async def soak(minutes: float, rate: float, warmup: float) -> Outcome:
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "corpus").mkdir(parents=True)
    for article in (ROOT / "corpus").iterdir():
        shutil.copy(article, WORK / "corpus")
    (WORK / "koo-surge.md").write_text(ARTICLE, encoding="utf-8")
    index_env = {**os.environ, "CORPUS_DIR": str(WORK / "corpus"), "INDEX_DIR": str(WORK / "index")}
    # Built beforehand, as after any restart: the bot's RSS is then what serving costs, not a first build.
    subprocess.run([sys.executable, "-m", "bot", "index", "build"], env=index_env, cwd=WORK, check=True,
                   stdout=subprocess.DEVNULL)
    stub, fake, port = TimedStub(), FakeDiscord().start(), _free_port()
    await stub.start()
    env = {**index_env,
           "DISCORD_TOKEN": p.TOKEN, "DISCORD_GUILD_ID": str(p.GUILD_ID), "DISCORD_API_BASE": fake.api_base,
           "DISCORD_GATEWAY_URL": fake.gateway_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": stub.api_url}
    for key in ("SLACK_APP_TOKEN", "METRICS_PORT", "RATE_LIMIT_PER_MINUTE", "RATE_LIMIT_BURST", "MAX_IN_FLIGHT"):
        env.pop(key, None)  # the defaults are what is measured
    base = f"http://127.0.0.1:{port}"
    log = (WORK / "bot.log").open("wb")
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run", "--http", "--host", "127.0.0.1", "--port",
                            str(port)], cwd=WORK, env=env, stdout=log, stderr=subprocess.STDOUT)
    outcome = Outcome(minutes=minutes, rate=rate)
    try:
        await _wait_ready(base, fake, bot)
        traffic = Traffic(stub, fake, base + "/slack/events", [item.question for item in dev_items()])
        started = time.monotonic()
        end, half = started + minutes * 60, started + minutes * 30
        next_flood, adder, n = started + 30, None, 0
        samples: list[tuple[float, float]] = []
        floods: list[asyncio.Future[None]] = []
        while (now_ := time.monotonic()) < end:
            if not samples or now_ - samples[-1][0] >= 5:
                samples.append((now_, rss_mb(bot.pid)))
                if outcome.rss_warm is None and now_ - started >= warmup:
                    outcome.rss_warm = samples[-1][1]
            if now_ >= next_flood:
                next_flood += 60
                floods.append(asyncio.ensure_future(traffic.flood("slack" if n % 2 else "discord", f"9{n:03d}")))
                n += 1
            if adder is None and now_ >= half:
                adder = asyncio.ensure_future(_index_add(env, outcome))
            traffic.launch()
            await asyncio.sleep(max(0.0, started + len(traffic.requests) / rate - time.monotonic()))
        await asyncio.gather(*floods)
        await traffic.settle(60)
        if adder is not None:
            await adder
        await _check_new_article(traffic)
        await asyncio.sleep(5)  # the last replies
        outcome.rss_end = rss_mb(bot.pid)
        outcome.rss_max = max(mb for _, mb in samples)
        outcome.metrics = await _metrics(base)
        outcome.duration = time.monotonic() - started
        analyse(outcome, traffic, stub, fake)
        stop = time.monotonic()
        bot.send_signal(signal.SIGTERM)
        outcome.exit_code = bot.wait(30)
        outcome.stop_seconds = time.monotonic() - stop
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()
        log.close()
        await stub.stop()
        fake.stop()
    text = (WORK / "bot.log").read_text(errors="replace")
    outcome.log_errors = len(re.findall(r" (ERROR|CRITICAL) ", text)) + text.count("Traceback")
    outcome.stopped_cleanly = "stopped cleanly" in text
    return outcome


async def _wait_ready(base: str, fake: FakeDiscord, bot: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if bot.poll() is not None:
                raise SystemExit(f"the bot exited with {bot.returncode}; see {WORK / 'bot.log'}")
            try:
                async with http.get(base + "/readyz") as response:
                    if response.status == 200 and fake.synced:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit(f"the bot was not ready after 5 minutes; see {WORK / 'bot.log'}")


async def _index_add(env: dict[str, str], outcome: Outcome) -> None:
    """A moderator adding an article from the command line while the bot serves."""
    started = time.monotonic()
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "index", "add", str(WORK / "koo-surge.md"), env=env, cwd=WORK,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await child.communicate()
    outcome.index_add = (child.returncode or 0, time.monotonic() - started, out.decode(errors="replace")[-300:])


async def _check_new_article(traffic: Traffic) -> None:
    """After the add, a question only the new article answers."""
    traffic.questions = [NEW_FACT[0]]
    traffic.launch("slack /ask", "check")
    await traffic.settle(30)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=4.0, help="requests a second (default 4)")
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before the RSS baseline (default 60)")
    parser.add_argument("--write", action="store_true", help="put the report in bench/RESULTS.md")
    args = parser.parse_args()
    load_start, when = load_average(), now()
    outcome = asyncio.run(soak(args.minutes, args.rate, min(args.warmup, args.minutes * 60 / 3)))
    text = report(outcome, machine(), when, load_start, load_average(), " ".join(sys.argv[1:]))
    print(text)
    if args.write:
        write_results(text)
    return 0 if outcome.passed else 1


if __name__ == "__main__":
    sys.exit(main())
