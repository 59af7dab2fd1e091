"""Cleaning what users type, before any of it reaches retrieval."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime

from index.dates import day_words
from retrieval.several import asks_alone, one_line

# Mentions say whom a message is for, never what it asks: "@everyone how many accounts…" asks what the
# plain question asks. Adapters hand the text over with the platform's markup intact, so one pattern
# serves every platform: Discord users, nicknames and roles (<@1>, <@!1>, <@&1>) and channels (<#1>);
# Slack users (<@U1>, <@U1|ravi>), channels (<#C1|general>), broadcasts and user groups (<!everyone>,
# <!channel>, <!here>, <!subteam^S1|@team>); and broadcast words typed as plain text. Hashtags and
# @handles of accounts ("#ModiPlanningFarmerGenocide", "@TwitterIndia") are part of questions and stay.
# Broadcast words typed back to back ("@here@here…") go as one run: one at a time, each removal uncovered
# only the next, and 40,000 characters of them (a Slack message) took 8,000 passes, 6 s on the event loop.
_MENTION = re.compile(
    r"<@[!&]?[A-Za-z0-9]+(?:\|[^<>]*)?>"
    r"|<#[A-Za-z0-9]+(?:\|[^<>]*)?>"
    r"|<!(?:everyone|channel|here|subteam\^[A-Za-z0-9]+)(?:\|[^<>]*)?>"
    r"|(?<![\w@])(?:@(?:everyone|here|channel))+(?!\w)"
    # The bot addressed by name as plain text ("@bot how many …", "@dispute-bot", "@DisputeBot"), as typed
    # where no mention is made (the terminal) or when the mention was not picked: left in, "bot" was a search
    # word, borrowed by every follow-up after it ("Searched for: when was that bot govt …") and able to
    # pull the sentence about automated bot accounts. Only this bot's names: any handle ending in "bot" went
    # too, and "what did @TwitterIndia or @kooindiabot say" lost an account it asks about. (A platform name
    # the operator gave the bot is the adapter's to strip: Discord's ``Conversations.question_in``.)
    # It may end a sentence ("thanks @bot."): the stop is no part of a longer name ("@bot.example").
    r"|(?<![\w@])@(?:dispute[_-]?)?bot(?![.-]*\w)",
    re.IGNORECASE,
)


def _typed_names(names: Iterable[str]) -> list[str]:
    """The names as patterns, longest first (so "Dispute Helper" goes before "Dispute"), spaces matching any run
    of them."""
    kept = {" ".join(name.split()) for name in names if name and name.strip()}
    return [r"\s+".join(re.escape(part) for part in name.split(" "))
            for name in sorted(kept, key=len, reverse=True)]


def without_own_names(text: str, names: Iterable[str], marks: str = "") -> str:
    """``text`` without the bot's own names typed as plain text, the names the adapter learned from its
    platform (its user name, display name, the name the operator gave the app): "@Dispute Helper" anywhere (the
    mention was not picked), and the name alone opening a question ("dispute-bot how many accounts …",
    "Dispute Helper, who is sawhney"). Left in, they were searched as words of the question. ``marks``: a
    pattern of the platform's own mention markup of the bot, removed with them.

    Only these names, never other handles ("what did @kooindiabot say" asks about an account); a name opening
    the message counts only before a comma or colon or a whole question (``asks_alone``), so a bot named after
    something the articles discuss keeps that word in "koo signups in february". The name alone is no question
    (it was searched for, and declined over words no article uses).
    """
    typed = _typed_names(names)
    ats = [rf"(?<![\w@])@{name}(?![.-]*\w)" for name in typed]
    pattern = "|".join(part for part in (marks, *ats) if part)
    if pattern:
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    if not typed:
        return text
    opening = re.match(rf"\s*(?:{'|'.join(typed)})(?![\w-])\s*([,:])?\s*", text, re.IGNORECASE)
    if opening is None:
        return text
    rest = text[opening.end():]
    if re.search(r"\w", rest) is None:  # the name alone ("dispute-bot?") calls the bot: no question
        return ""
    return rest if opening.group(1) or asks_alone(one_line(rest)) else text


# Discord markup that stands for something else: a custom emoji (<:thinking:123>, <a:party:123>) says nothing
# asked, a command mention (</ask:123>) names the command, a timestamp (<t:1612915200:R>) a moment that every
# reader's client shows as a date. Left in, their long ids read as figures no article gives.
_EMOJI = re.compile(r"<a?:[A-Za-z0-9_~]{1,32}:\d+>")
_COMMAND = re.compile(r"</([\w -]{1,64}):\d+>")
_TIMESTAMP = re.compile(r"<t:(-?\d{1,20})(?::[tTdDfFR])?>")
# Underscores that open or close a word: the italics of chat's markdown ("_how many accounts …?_", which is
# also what Discord's /me sends), not part of it. An underscore is a word character, so "_how" was a word no
# article has, and the question was searched without "how". One between letters ("snake_case") stays.
_EMPHASIS = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")
# Slack's date token shows its fallback text to clients that can't format it: <!date^1392734382^{date}|Feb 18>.
_SLACK_DATE = re.compile(r"<!date\^[^|<>]*\|([^<>]*)>")
# The rest of chat's formatting (Discord's markdown, Slack's mrkdwn), what a reader sees as styled words: a
# quote's, heading's or bullet's mark opening a line ("> ", ">>> ", "# ", "-# ", "- ") and the marks around
# words (**bold**, *bold*, ~~struck~~, ~struck~, ||spoiler||, `code`, ```block```). Left in, a whole question
# in bold, quoted or hidden as a spoiler ("**what happened on feb 10?**") was searched for its marks instead of
# read for what it asks (that day's events), and the decline quoted the marks back. An asterisk or tilde
# between letters or figures ("f*ck", "1~2") stays, as an underscore does.
_LINE_MARK = re.compile(r"^[ \t]*(?:>>>|>|#{1,3}|-#|[-•])[ \t]+", re.MULTILINE)
_STYLE_MARK = re.compile(r"`+|\|\|+|(?<![^\W_])[*~]+|[*~]+(?![^\W_])")


# A web address, bare or as Slack and Discord send it (<https://x>, Slack's <https://x|label>). The articles
# are searched by their words, and an address is none: with one, an answerable question was declined ("the
# articles never use the words “https”, “co” or “abc”"), and the decline posted the address back as a link.
MAX_LEAD_IN_WORDS = 5  # "check this out", "see what they wrote here", said before a pasted address
_LOOK = re.compile(r"\b(?:check(?:ed)?|see|saw|seen|look|looking|read|reading|found|watch|dekho|dekh)\b",
                   re.IGNORECASE)
# The other words such a lead-in is made of: what points at the address, and chat's fillers. A word outside
# them and the verbs of looking names something ("read the koo blog https://… why was it called unusual"),
# which the question needs: dropped, "why was it called unusual" was searched without “koo”.
_HANDING_OVER = frozenset({
    "this", "that", "these", "it", "out", "at", "here", "there", "in", "on", "the", "a", "an", "one", "link", "post",
    "page", "thread", "tweet", "pls", "plz", "please", "bro", "yaar", "guys", "hey", "hi", "ok", "so", "just", "i",
    "you", "what", "they", "he", "she", "wrote", "said", "says", "posted", "ye", "yeh", "isko", "ise"})
# Discord's masked link, "[label](https://…)", is a link too: its address went and left "[label](" behind. A
# host and a path typed without a scheme ("ndtv.com/news/x") is an address as well: Slack links it and sends it as
# <http://ndtv.com/news/x|ndtv.com/news/x>, whose label, read as the user's words, kept "ndtv", "com", "news".
_LINK = re.compile(r"\[(?P<masked>[^\[\]\n]*)\]\(<?https?://[^\s<>()]*>?\)"
                   r"|<https?://[^<>\s|]*(?:\|(?P<label>[^<>]*))?>|(?<![\w@])(?:https?://|www\.)[^\s<>]+"
                   r"|(?<![\w@./-])(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>]*",
                   re.IGNORECASE)


def without_lead_in(text: str) -> str:
    """``text`` without the few words that only hand over a pasted address before a question ("check this
    https://… why was the blog post called unusual"): with the address gone, they read as part of the
    question, and "check this why was …" was declined for the words “check” and “called”. Only words that
    point at the address (a verb of looking: check, see, read …) go; words that ask something themselves,
    more than a handful, or that name the subject ("koo https://… who made it") stay."""
    links = list(_LINK.finditer(text))
    if not links:
        return text
    first = links[0]
    label = first.group("label") or first.group("masked") or ""  # "check <https://…|this>", "see [this](https://…)"
    before, after = f"{text[:first.start()]} {label}".strip(), strip_links(text[first.end():])
    words = re.findall(r"[\w']+", before.lower())
    if (before and len(before.split()) <= MAX_LEAD_IN_WORDS and _LOOK.search(before) and "?" not in before
            and all(_LOOK.fullmatch(w) or w in _HANDING_OVER for w in words)
            and not asks_alone(before) and asks_alone(after)):
        return text[first.end():]
    return text


def strip_links(text: str) -> str:
    """``text`` without web addresses; a link's label (Slack's, or a masked link's), which its writer typed,
    stays unless it is an address too."""
    def label(match: re.Match[str]) -> str:
        shown = (match.group("label") or match.group("masked") or "").strip()
        return shown if shown and not _LINK.fullmatch(shown) and "://" not in shown else " "

    return squeezed(_LINK.sub(label, text))


def _as_date(match: re.Match[str]) -> str:
    try:
        moment = datetime.fromtimestamp(int(match.group(1)), UTC)
    except (OverflowError, OSError, ValueError):
        return " "
    return day_words(moment)


def _unmarked(text: str) -> str:
    """``text`` without formatting marks: a line's opening mark, then those around words."""
    return _EMPHASIS.sub("", _STYLE_MARK.sub("", _LINE_MARK.sub("", text)))


def plain_markup(text: str) -> str:
    """Emoji, command, timestamp and date markup, italics' underscores and the other formatting marks
    (``_STYLE_MARK``, ``_LINE_MARK``), as the words a reader sees (emoji as nothing)."""
    text = _unmarked(_EMOJI.sub(" ", text))
    text = _COMMAND.sub(lambda m: f"/{m.group(1)}", text)
    text = _TIMESTAMP.sub(_as_date, text)
    return _SLACK_DATE.sub(lambda m: m.group(1), text)


class InvalidInput(ValueError):
    """The message is meant for the user as is."""


REINDEX_USAGE = "Usage: /reindex [full]"


def reindex_full(text: str | None) -> bool:
    """Whether a typed ``/reindex`` asks for a full rebuild ("full"); anything else is refused, since a typo
    must not start a rebuild nobody asked for. Raises ``InvalidInput`` with the usage."""
    words = (text or "").lower().split()
    if any(word != "full" for word in words):
        raise InvalidInput(REINDEX_USAGE)
    return bool(words)


def squeezed(text: str) -> str:
    """``text`` with each line's whitespace collapsed and blank lines dropped. Line breaks stay until the
    question is read whole (``clean_question``): one question a line is a list of questions."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


# Terminal escape sequences as ECMA-48 (ISO 6429) defines them, whole: dropping only ESC left their printable
# rest behind, and "what is \e[31mkoo\e[0m zzqx" was declined for the unknown words "31mkoo" and "0m".
# Control strings (OSC "ESC ] 0;title BEL", DCS, SOS, PM, APC) run to their terminator, ST or BEL (xterm's);
# one left open is dropped to the end of its line, as a terminal would swallow it. CSI (ESC [ or the C1
# byte) takes parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F and a final byte 0x40-0x7E; any other
# escape sequence is ESC, intermediate bytes and a final byte 0x30-0x7E ("ESC ( B", "ESC 7", "ESC c").
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\r\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)


def strip_control(text: str) -> str:
    """Drop escape sequences whole (``_ESCAPE_SEQUENCE``), then control and format characters (NUL, a lone
    ESC, zero-width and bidi marks); tabs become spaces so words stay apart, and line breaks are kept (see
    ``squeezed``)."""
    out: list[str] = []
    for ch in _ESCAPE_SEQUENCE.sub("", text):
        if ch in "\n\r":
            out.append("\n")
        elif ch in "\t\v\f":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co"):
            continue
        else:
            out.append(ch)
    return squeezed("".join(out))


def strip_mentions(text: str) -> str:
    """``text`` without user, role, channel and broadcast mentions, whitespace collapsed. Repeated until
    nothing changes, since removing one can uncover another; broadcast words typed back to back
    ("@here@here") go as one run, so that takes two passes however long the text (it runs on the event loop,
    before the length check)."""
    text = plain_markup(text)
    while True:
        while (stripped := _MENTION.sub(" ", text)) != text:  # each pass shortens the text: it ends
            text = stripped
        # A mention gone can leave a mark at a line's start or a word's edge ("@here> 0"); each pass shortens too.
        if (unmarked := _unmarked(text)) == text:
            return squeezed(text)
        text = unmarked


def words_of(text: str | None) -> str:
    """What a message says, on one line: control characters, pasted addresses and mentions gone. Read again
    until nothing changes (at most 6 passes, each only removes): markup gone from "_HTTP://0" uncovers an
    address the link step didn't see beside the "_" (found by the property test)."""
    current = text or ""
    for _ in range(6):
        cleaned = one_line(strip_mentions(strip_links(without_lead_in(strip_control(current)))))
        if cleaned == current:
            break
        current = cleaned
    return current


def asks_nothing(text: str | None) -> bool:
    """Whether ``text`` says nothing once mentions and links are gone ("@bot", "<@1> ?")."""
    return not any(ch.isalnum() for ch in words_of(text))


def pointed_text(text: str | None, max_chars: int) -> str:
    """The words of a message someone pointed the bot at (replied to, forwarded, a thread's first message), as a
    question's are read: its mentions and addresses gone, and cut at a word to ``max_chars``, since it is read
    as a question is and a long post must not make the search slower than the longest question. "" when
    it says nothing (a picture; without the Message Content intent Discord sends no text)."""
    cleaned = words_of(text)
    if not any(ch.isalnum() for ch in cleaned):
        return ""
    if len(cleaned) > max_chars:
        cut = cleaned[:max_chars + 1]
        cleaned = (cut.rsplit(None, 1)[0] if " " in cut else cut[:max_chars]).rstrip()
    return cleaned


def says_nothing(text: str | None) -> bool:
    """Whether ``text`` has no letter or digit once markup, mentions and links are out (``words_of``): emoji alone
    ("👍", a server's <:party:1>), "?" or "...". A question needs words; in a thread the bot follows, or as a reply
    to its answer, such a message is a reaction typed out, and the prompt to ask a question answered it publicly."""
    return not any(ch.isalnum() for ch in words_of(text))


def clean_question(text: str | None, max_chars: int) -> str:
    """The question on one line; a message asking one question a line keeps them apart (``one_line``)."""
    cleaned = words_of(text)
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        raise InvalidInput("Please ask a question about the dispute, e.g. “How many accounts were ordered "
                           "blocked?”")
    if len(cleaned) > max_chars:
        raise InvalidInput(too_long("question", len(cleaned), max_chars))
    return cleaned


def clean_topic(text: str | None, max_chars: int) -> str | None:
    """An empty topic means "everything"; a topic otherwise follows the question rules."""
    cleaned = " ".join(strip_mentions(strip_links(strip_control(text or ""))).split())
    if not cleaned:
        return None
    if len(cleaned) > max_chars:
        raise InvalidInput(too_long("topic", len(cleaned), max_chars))
    return cleaned


def too_long(what: str, length: int, max_chars: int) -> str:
    """The refusal of a question or topic over the limit. It said "keep it under 1,000" though exactly 1,000
    characters is taken: the limit is the most allowed."""
    return f"That {what} is {length:,} characters long; please keep it to {max_chars:,} characters or fewer."
