"""Whom a follow-up is for: one rule for every platform, which each adapter applies to the mentions its
platform reads off a message (Slack's markup, Discord's mention lists).

A message that goes on with the bot's conversation without mentioning the bot (a reply in a Slack thread the
bot follows; on Discord a message in the bot's thread, or a reply to its answer) is a follow-up to it, unless
it names someone else: "@Bob thanks, I'll forward it", "@here lunch moved to 1pm" are said to them, and
answering posted a decline that quoted their words. Naming the bot among them ("@bot @Bob asked who ordered
the blocking") still asks the bot. Discord's reply pings the replied message's author without a word typed:
that ping names no one, so a reply to the bot's answer that names Bob is Bob's, as the same words in a Slack
thread are.
"""

from __future__ import annotations

from collections.abc import Iterable


def addressed_elsewhere(named: Iterable[object], bot: object | None) -> bool:
    """Whether a message that names ``named`` (people, roles, user groups, broadcasts, as its platform keys
    them; only those typed in it) is said to someone other than the bot ``bot``: it names someone, and the
    bot is not among them."""
    names = set(named)
    return bool(names) and (bot is None or bot not in names)
