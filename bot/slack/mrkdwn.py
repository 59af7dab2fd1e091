"""Slack's mrkdwn: user and article text escaped and its formatting characters neutralised, incoming markup
read as the user meant it, links built only from http(s) addresses, and text cut to Slack's limits without
splitting an entity or a link."""

from __future__ import annotations

import re

from bot.render import plain
from bot.render.urls import percent_encoded
from bot.validation import squeezed

SECTION_LIMIT = 3000  # characters in one section's text (Slack rejects more with invalid_blocks)
LABEL_LIMIT = 200  # an article title shown as a link label
URL_LIMIT = 1000

_SAFE_URL = re.compile(r"https?://[^\s<>|\"\x00-\x1f]+", re.IGNORECASE)
_SLACK_MARKUP = re.compile(r"<([^<>]*)>")
_BROADCASTS = ("!everyone", "!channel", "!here", "!subteam")
# Emoji as Slack writes them in a message's text: shortcodes, ":+1:", ":thinking_face:", ":wave::skin-tone-2:" (a
# run of them, side by side), never inside a word or a time ("10:30:45"). Read as words, "👍" in a DM or a thread
# the bot follows was searched for "+1", and ":pray:" got "The articles never use the word “pray”" over three
# passages, counted among the questions the articles can't answer; the same emoji typed on Discord arrives as the
# character itself, which no word search sees.
_EMOJI = re.compile(r"(?<![\w:])(?::[a-z0-9_+'-]+:)+(?![\w:])", re.IGNORECASE)
# Slack has no escape for its formatting characters: "*farm*", "_x_", "~now~" and "`#tag`" in escaped text
# still turn bold, italic, struck or code, and a line opening with "&gt;" into a quote. A WORD JOINER
# (U+2060: invisible, and no word boundary, unlike the zero-width space Slack treats as one) on each side
# of a marker leaves it no boundary to open or close at; a soft hyphen before a leading "&gt;" (what
# jsx-slack's Escape does) keeps it from starting a quote. Copying such text copies the invisible
# characters too, so text people copy exactly (quotes, answers, questions) goes in plain_text instead.
WORD_JOINER = "\u2060"
_MARKER = re.compile(r"[*_~`]")
_URL_OR_MARKER = re.compile(r"(?P<url>https?://[^\s<>|]+)|" + _MARKER.pattern)
_LEADING_QUOTE = re.compile(r"^&gt;", re.MULTILINE)
_NEUTRALISED_QUOTE = re.compile("^\u00ad&gt;", re.MULTILINE)


def escape(text: str) -> str:
    """The three characters Slack's mrkdwn treats as control characters, as Slack documents them; and no
    direction overrides, which would reverse the rest of the line (``plain.without_direction_changes``)."""
    return plain.without_direction_changes(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def literal(text: str, keep_urls: bool = False) -> str:
    """``text`` escaped (``escape``) and shown as written inside mrkdwn: no formatting character in it pairs
    with another (see ``WORD_JOINER``). ``keep_urls``: web addresses stay untouched, for text Slack
    auto-links (a message's top-level ``text``; blocks here are ``verbatim``)."""
    def neutral(match: re.Match[str]) -> str:
        return WORD_JOINER + match.group() + WORD_JOINER

    def kept(match: re.Match[str]) -> str:
        return match.group() if match.group("url") else neutral(match)

    escaped = _URL_OR_MARKER.sub(kept, escape(text)) if keep_urls else _MARKER.sub(neutral, escape(text))
    return _LEADING_QUOTE.sub("\u00ad&gt;", escaped)


def without_neutralisers(text: str) -> str:
    """``literal`` text without its invisible word joiners and soft hyphens, for a message's ``text`` when it
    has blocks: notifications show it as plain text, where they only got in the way (copied, read aloud,
    drawn as boxes), and the blocks are what people read in the channel."""
    return _NEUTRALISED_QUOTE.sub("&gt;", text.replace(WORD_JOINER, ""))


def plain_from_slack(text: str, drop_user: str | None = None) -> str:
    """Incoming message or command text as the user meant it: links and dates resolved to their labels,
    entities decoded. Mentions (<@U1>, <#C1|general>, <!everyone>, <!subteam^S1>) stay as markup, so the
    core's ``clean_question`` recognises and removes them as it does for every platform.

    ``drop_user`` (the bot's own user id) removes mentions of the bot, so ``@bot what …`` asks ``what …``.
    Emoji shortcodes go (``_EMOJI``): a feeling, not words to search for.
    """

    def resolve(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            return "" if drop_user and target[1:] == drop_user else match.group(0)
        if target.startswith("#") or target.split("^")[0] in _BROADCASTS:
            return match.group(0)
        if target.startswith("!"):  # <!date^…|fallback> and other formatting
            return label or target[1:].split("^")[0]
        return label or target  # <url> or <url|label>

    text = _EMOJI.sub(" ", _SLACK_MARKUP.sub(resolve, text))
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return squeezed(text)  # one question a line stays a list of questions (``bot.validation``)


def as_shown(text: str) -> str:
    """Mention markup left in by ``plain_from_slack`` as a Slack client shows it: ``<@U1|bob>`` as "@bob",
    ``<#C1|general>`` as "#general", ``<!everyone>`` as "@everyone", ``<!subteam^S1|@team>`` as "@team". For
    text given back to copy (``bot.render.typed``): it showed as raw markup, which pasted back is no mention,
    only noise. Plain text, it pings no one: Slack reads a mention or broadcast only as markup."""

    def shown(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@") or target.startswith("!subteam"):
            name = label or target.lstrip("@!").split("^")[-1]
            return name if name.startswith("@") else f"@{name}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target in _BROADCASTS:
            return f"@{target[1:]}"
        return match.group(0)

    return _SLACK_MARKUP.sub(shown, text)


def _safe_cut(text: str, limit: int) -> int:
    """An index at most ``limit`` that does not split an entity such as ``&amp;``."""
    amp = text.rfind("&", max(0, limit - 4), limit)
    if amp != -1 and text.find(";", amp, limit) == -1:
        return amp
    return limit


def clip(text: str, limit: int) -> str:
    """Escaped ``text`` shortened to ``limit`` characters, ending in ``…`` when something was cut."""
    if len(text) <= limit:
        return text
    return text[: _safe_cut(text, limit - 1)].rstrip() + "…"


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Escaped ``text`` in pieces of at most ``limit`` characters, cut at line breaks or spaces if possible."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = _safe_cut(text, limit)
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    pieces.append(text)
    return [p for p in pieces if p.strip()]


def link(url: str | None, label: str) -> str:
    """``<url|label>`` for an http(s) URL, else the escaped label: an article can't smuggle in other markup,
    nor format its title (``literal``)."""
    shown = clip(literal(" ".join(label.split()) or "untitled"), LABEL_LIMIT)
    url = percent_encoded(url, '|<>"') if url else url  # "|" would end the address early
    if url and len(url) <= URL_LIMIT and _SAFE_URL.fullmatch(url):
        return f"<{url.replace('&', '&amp;')}|{shown}>"
    return shown
