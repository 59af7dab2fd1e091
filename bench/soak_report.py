"""What a soak run found: replies matched to requests, the counts that must be zero, and the report."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from bench.common import ROOT, table
from bench.soak_traffic import TimedStub, Traffic
from bot.core import APOLOGY
from tests.bot.discord.fake_discord import FakeDiscord

RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- soak -->", "<!-- /soak -->"
ARTICLE = """---
title: Koo downloads surge after the standoff
date: 2021-02-13
url: https://news.example/koo-surge
source: Soak News
---
Koo said on 13 February 2021 that its app had been downloaded 3.4 million times since the standoff began.
"""
NEW_FACT = ("How many times had Koo been downloaded since the standoff began?", "3.4 million")


@dataclass
class Outcome:
    minutes: float
    rate: float
    duration: float = 0.0
    rss_warm: float | None = None
    rss_end: float = float("nan")
    rss_max: float = float("nan")
    metrics: str = ""
    sent: Counter[str] = field(default_factory=Counter)
    ack: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    answer: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    replies: Counter[str] = field(default_factory=Counter)
    unreplied: int = 0
    silent_seen: int = 0
    lost: int = 0
    new_article_answered: bool = False
    index_add: tuple[int, float, str] | None = None
    exit_code: int | None = None
    stop_seconds: float = float("nan")
    log_errors: int = 0
    stopped_cleanly: bool = False

    @property
    def growth(self) -> float:
        return (self.rss_end / self.rss_warm - 1) * 100 if self.rss_warm else float("nan")

    @property
    def error_total(self) -> int:
        return sum(self.errors.values()) + self.log_errors + (self.exit_code != 0)

    @property
    def passed(self) -> bool:
        return (self.error_total == 0 and self.lost == 0 and self.growth <= 10 and self.new_article_answered
                and self.stopped_cleanly)


def metric(text: str, name: str, **labels: str) -> float:
    """Sum of the samples of ``name`` whose labels include ``labels``."""
    total = 0.0
    for line in text.splitlines():
        match = re.match(rf"{name}(?:\{{(.*)\}})? (\S+)$", line)
        if match and all(f'{k}="{v}"' in (match.group(1) or "") for k, v in labels.items()):
            total += float(match.group(2))
    return total


def _kind_of(texts: list[str]) -> str:
    text = texts[0] if texts else ""
    if APOLOGY in text:
        return "apology"
    if text.startswith("Slow down"):
        return "slow down"
    if "try again in a moment" in text:
        return "busy"
    return "answer"


def analyse(outcome: Outcome, traffic: Traffic, stub: TimedStub, fake: FakeDiscord) -> None:
    replies_to: dict[str, list] = defaultdict(list)
    for sent in fake.messages:
        if sent.reply_to:
            replies_to[sent.reply_to].append(sent)
    for request in traffic.requests:
        outcome.sent[request.kind] += 1
        platform = request.kind.split()[0]
        if request.status is not None and request.status not in request.expect_status:
            outcome.errors["HTTP 5xx" if request.status >= 500 else f"HTTP {request.status}"] += 1
        if request.ack is not None and request.expect_status == (200,):
            outcome.ack[platform].append(request.ack)
        if request.reply_key is None:
            continue
        what, key = request.reply_key
        at: float | None = None
        texts: list[str] = []
        if what == "slack response":
            at, texts = stub.response_at.get(key), stub.response_texts.get(key, [])
        elif what == "slack post":
            at, texts = stub.post_at.get(key), stub.post_texts.get(key, [])
        elif what == "discord reply":
            found = replies_to.get(key, [])
            at, texts = (found[0].at, [m.text() for m in found]) if found else (None, [])
        else:
            state, shown = fake.interactions[key], fake.visible(key)
            if state.callback_at is not None:
                outcome.ack["discord"].append(state.callback_at - state.dispatched_at)
            if shown:
                at, texts = min(m.at for m in shown), [m.text() for m in shown]
            elif state.stage == "deleted":
                outcome.silent_seen += 1
                continue
        if at is None:
            outcome.unreplied += 1
            continue
        if len(texts) > 1 and what == "slack post":
            outcome.errors["answered twice"] += 1
        kind = _kind_of(texts)
        outcome.replies[kind] += 1
        if kind == "apology":
            outcome.errors["apologies"] += 1
        if kind == "answer":
            outcome.answer[platform].append(at - request.sent)
        if request.user == "check":
            outcome.new_article_answered = any(NEW_FACT[1] in t for t in texts)
    dropped = metric(outcome.metrics, "dispute_bot_rate_limited_total", notified="false")
    outcome.lost = int(outcome.unreplied + outcome.silent_seen - dropped)
    outcome.errors["Slack stub refused a message"] += len(stub.rejected)
    outcome.errors["fake Discord refused a message"] += len(fake.rejected) + len(fake.unexpected)
    outcome.errors["logged errors (/metrics)"] += int(metric(outcome.metrics, "dispute_bot_errors_total"))
    if outcome.index_add is None or outcome.index_add[0] != 0:
        outcome.errors["index add failed"] += 1
    outcome.errors = +outcome.errors  # drop the zeros


def _ms(values: list[float]) -> str:
    if not values:
        return "–"
    p50, p99 = np.percentile(np.array(values) * 1000, [50, 99])
    return f"{p50:.0f} / {p99:.0f} ms"


def report(o: Outcome, machine: str, when: str, load_start: float, load_end: float, args: str) -> str:
    m = o.metrics
    limited_told = metric(m, "dispute_bot_rate_limited_total", notified="true")
    limited_dropped = metric(m, "dispute_bot_rate_limited_total", notified="false")
    add = o.index_add or (1, float("nan"), "")
    rows = [
        ["requests", f"{sum(o.sent.values()):,} in {o.duration / 60:.1f} min ({o.rate:g}/s)", ""],
        ["acknowledged, Slack HTTP p50 / p99", _ms(o.ack["slack"]), "< 3 s"],
        ["acknowledged, Discord interaction callback p50 / p99", _ms(o.ack["discord"]), "< 3 s"],
        ["answered, Slack p50 / p99", _ms(o.answer["slack"]), ""],
        ["answered, Discord p50 / p99", _ms(o.answer["discord"]), ""],
        ["errors", f"{o.error_total}" + (f" ({', '.join(f'{k}: {v}' for k, v in o.errors.items())})"
                                         if o.errors else ""), "0"],
        ["lost answers", f"{o.lost}", "0"],
        ["rate-limited (told / dropped silently)", f"{limited_told:.0f} / {limited_dropped:.0f}", ""],
        ["retried Slack events ignored", f"{metric(m, 'dispute_bot_duplicate_events_total'):.0f}", ""],
        ["RSS after warm-up → end (max)", f"{o.rss_warm or float('nan'):.0f} → {o.rss_end:.0f} MB "
                                          f"({o.growth:+.1f} %; max {o.rss_max:.0f} MB)", "<= +10 %"],
        ["`index add` mid-run", f"exit {add[0]}, {add[1]:.1f} s; new article answered: "
                                f"{'yes' if o.new_article_answered else 'NO'}", ""],
        ["SIGTERM at the end", f"exit {o.exit_code} in {o.stop_seconds:.1f} s"
                               f"{', stopped cleanly' if o.stopped_cleanly else ''}", "exit 0"],
    ]
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(o.sent.items()))
    replies = ", ".join(f"{k} {v}" for k, v in sorted(o.replies.items()))
    return "\n".join([
        START, f"## Soak: {o.minutes:g} minutes of mixed traffic", "",
        f"- {when}, {machine}; load average {load_start:.2f} at start, {load_end:.2f} at end.",
        f"- Command: `python -m bench.soak {args}`. One `dispute-bot run --http` process (Discord and Slack "
        "HTTP at once, default limits: 5 questions a minute, burst 3, 64 in flight) against the test fakes "
        "on 127.0.0.1.",
        f"- Sent: {kinds}; a 10-message flood from one user each minute. Replies: {replies}.",
        "- Lost answers: requests that got no reply, less those the rate limit dropped on purpose "
        "(`dispute_bot_rate_limited_total{notified=\"false\"}`).", "",
        table(["measure", "result", "target"], rows), "", f"Result: {'PASS' if o.passed else 'FAIL'}.", END,
    ])


def write_results(section: str) -> None:
    """Replace the soak section of ``bench/RESULTS.md`` (or add one at the end)."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")
