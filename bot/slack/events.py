"""What a Slack event says, read off its fields: the links in its text, the key that claims the post, its
thread, and the conversation it belongs to. Pure functions, shared by the listeners."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bot.addressed import addressed_elsewhere as said_elsewhere
from bot.slack.mrkdwn import plain_from_slack

# A link as Slack sends it (<https://x|label>, the label being only what is shown), or a bare address. A
# label holds no "<" (Slack sends it as &lt;): stopping there keeps an unclosed "<https://…|" repeated through
# a long message from scanning to its end once per opening.
_LINK = re.compile(r"<(https?://[^|<>\s]+)(?:\|[^<>]*)?>|(?<![<|\w])(https?://[^\s<>|]+)", re.IGNORECASE)


def links_in(raw: str) -> list[str]:
    """The addresses in a message's raw text, link targets rather than their labels, entities decoded."""
    found = [m.group(1) or m.group(2) for m in _LINK.finditer(raw)]
    return [u.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") for u in found]


def without_links(raw: str) -> str:
    """The raw text with every link blanked out: what else a message says besides its addresses."""
    return _LINK.sub(" ", raw)


# Slack's own documents at a workspace's address: a canvas (``/docs/T…/F…``) or a list (``/lists/T…/F…``), on
# slack.com (an Enterprise Grid org's ``acme.enterprise.slack.com`` too) or GovSlack's slack-gov.com.
_DOCUMENT = re.compile(r"^https://[^/?#]+\.slack(?:-gov)?\.com/(?:docs|lists)/", re.IGNORECASE)


def only_documents(raw: str, bot_user_id: str | None) -> bool:
    """Whether the message is links to Slack canvases or lists and nothing else (a mention of the bot aside). Slack
    writes such a link with the document's title as its label, which was asked as the question ("Koo notes" was
    answered with the closest passages to those words); the bot can't open the document (no scope reads it, and
    its address gives a sign-in page), so there is nothing to ask."""
    links = links_in(raw)
    return bool(links) and all(map(slack_document, links)) and not plain_from_slack(without_links(raw), bot_user_id)


def slack_document(url: str) -> bool:
    """Whether ``url`` is a Slack canvas or list (``_DOCUMENT``), which no bot scope lets the bot read: fetched as a
    page, it gives Slack's sign-in page."""
    return bool(_DOCUMENT.match(url))


def shown(message: dict[str, Any]) -> str:
    """What a post says to the people reading it, as Slack's raw text: its text, or, when that has nothing but
    addresses, its attachments' titles and texts. A news app's post is often attachments alone, and a link
    shared bare shows as the page's headline and summary, which Slack adds to it as an attachment (its
    unfurl): "@bot is this true?" under either read nothing, or only an address (Discord's embeds alike)."""
    text = str(message.get("text") or "")
    if without_links(text).strip():
        return text
    attachments = message.get("attachments")
    said = [str(part) for item in (attachments if isinstance(attachments, list) else []) if isinstance(item, dict)
            for part in (item.get("title"), item.get("text")) if part]
    return "\n".join(said) or text


def shared_text(message: dict[str, Any]) -> str:
    """The text of the messages ``message`` shares, as Slack's raw text. "Share message" (Slack's forward) sends
    the shared post along as an attachment marked ``is_share`` / ``is_msg_unfurl`` with its text, and the sharing
    message's own text is only the comment added, often none: a post shared to the bot's DM, or under "@bot is
    this true?", read nothing. A link's preview is an attachment too, but no share: it stays out."""
    attachments = message.get("attachments")
    return "\n".join(str(item["text"]) for item in (attachments if isinstance(attachments, list) else [])
                     if isinstance(item, dict) and (item.get("is_share") or item.get("is_msg_unfurl"))
                     and item.get("text"))


def shared_files(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The files of the posts ``message`` shares: a share keeps the post's files in its attachment's ``files``,
    none on the sharing message. A post of files alone (an article passed on to the bot's DM) has no text, and
    read as nothing at all, it was asked as an empty question rather than pointed to how articles are added."""
    attachments = message.get("attachments")
    return [file for item in (attachments if isinstance(attachments, list) else [])
            if isinstance(item, dict) and (item.get("is_share") or item.get("is_msg_unfurl"))
            and isinstance(item.get("files"), list) for file in item["files"] if isinstance(file, dict)]


def event_files(message: dict[str, Any]) -> list[Any]:
    """The files ``message`` brings: its own, then those of a post it shares (``shared_files``)."""
    own = message.get("files")
    return [*(own if isinstance(own, list) else []), *shared_files(message)]


def spoken(files: list[Any]) -> bool:
    """Whether the files are a clip someone recorded (``slack_audio``, ``slack_video``): a question spoken into
    the bot's DM, or a thread it follows, was taken for an article to add, or passed over in silence."""
    return bool(files) and all(isinstance(f, dict) and f.get("subtype") in ("slack_audio", "slack_video")
                               for f in files)


def shared_answer(message: dict[str, Any], bot_user_id: str | None, bot_id: str | None) -> str | None:
    """The conversation of the bot's own post that ``message`` shares (an answer shared back to it: "@bot is
    this true?" with it, or sent to its DM), or None. Its text is the bot's wording and the articles' quotes,
    and read as the question it asked those back; it is asked about as a reply in its thread is. The share
    names its author (``author_id``, or ``bot_id``) and where it was posted: its channel, and a reply's thread
    in its permalink (``from_url``'s ``thread_ts``; an answer that opened no thread is its own root)."""
    attachments = message.get("attachments")
    for item in attachments if isinstance(attachments, list) else []:
        if not isinstance(item, dict) or not (item.get("is_share") or item.get("is_msg_unfurl")):
            continue
        if not ((bot_user_id and item.get("author_id") == bot_user_id) or (bot_id and item.get("bot_id") == bot_id)):
            continue
        channel = str(item.get("channel_id") or "")
        thread = parse_qs(urlsplit(str(item.get("from_url") or "")).query).get("thread_ts", [item.get("ts")])[0]
        if channel:
            return conversation_of(channel, thread)
    return None


# The subtypes of a person's own words: a plain message, one with files, a thread reply also sent to the
# channel, and a /me message ("/me wonders who ordered the blocking" arrives as ``me_message``, its text the
# words after /me). Every other subtype (edits, joins, topic changes, bot posts …) asks nothing.
PERSON_SUBTYPES = (None, "file_share", "thread_broadcast", "me_message")

def someones_post(message: dict[str, Any]) -> bool:
    """Whether a thread's first message is a post someone made (a person's, or an app's such as a news feed's),
    which a mention in the thread may point at, and not a notice of Slack's own: a huddle's thread opens on
    Slackbot's message (subtype ``huddle_thread``, its text "A huddle started" or none), and "@bot is this
    true?" there asked whether a huddle started."""
    return message.get("subtype") in (*PERSON_SUBTYPES, "bot_message")


# A mention of a person (<@U1>, <@W1|name>) or of a user group (<!subteam^S1|@team>).
_ADDRESSEE = re.compile(
    r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>|<!subteam\^([A-Z0-9]+)(?:\|[^<>]*)?>|<!(here|channel|everyone)(?:\|[^<>]*)?>"
)


def addressed_elsewhere(raw: str, bot_user_id: str | None) -> bool:
    """A message that mentions people but not the bot is said to them ("@Bob thanks, I'll forward it",
    "@here lunch moved to 1pm"), even in a thread the bot follows: answering it would post a decline that
    quotes their words. The rule is the core's (``bot.addressed``), which Discord's follow-ups take too."""
    return said_elsewhere((user or group or everyone for user, group, everyone in _ADDRESSEE.findall(raw)),
                          bot_user_id)


def mentions(raw: str, bot_user_id: str | None) -> bool:
    """Whether the message names the bot itself (``<@UBOT>``), as Slack writes a mention of it."""
    return bool(bot_user_id) and any(user == bot_user_id for user, _, _ in _ADDRESSEE.findall(raw))


def in_group_dm(event: dict[str, Any]) -> bool:
    """A group DM (``mpim``) is a conversation among people, as a channel is, not one with the bot as a 1:1
    DM is: only what mentions the bot, and the threads it answered, are for it. Slack sends a mention there
    as ``message.mpim`` alone, with no ``app_mention`` twin."""
    return event.get("channel_type") == "mpim"


def stale_edit(event: dict[str, Any], now: float, memory: float) -> bool:
    """An edit of a message posted longer than ``memory`` seconds ago. Slack sends ``app_mention`` again, same
    ``ts``, whenever a message that mentions the app is edited; the post's claim (``post_key``) tells a fixed
    typo from a mention added by the edit only while it is remembered, so an older edit is no new question."""
    if not event.get("edited"):
        return False
    try:
        return now - float(event.get("ts") or 0) > memory
    except ValueError:
        return True


def edited_message(event: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """A ``message_changed`` event as the person's message the edit left (with the channel it is in, which
    Slack gives only outside it) and the words it had before; None for anything else: a bot's message, one
    the edit made a tombstone of, an event without the message."""
    new, old = event.get("message"), event.get("previous_message")
    if (not isinstance(new, dict) or not new.get("user") or new.get("bot_id")
            or new.get("subtype") not in PERSON_SUBTYPES):
        return None
    before = str(old.get("text") or "") if isinstance(old, dict) else ""
    return {**new, "channel": event.get("channel"), "channel_type": event.get("channel_type")}, before


def post_key(event: dict[str, Any]) -> str:
    return f"post:{event.get('channel')}:{event.get('ts')}"


def thread_of(event: dict[str, Any]) -> Any:
    return event.get("thread_ts") or event.get("ts")


def conversation_of(channel: str, thread: Any, channel_type: Any = None) -> str | None:
    """A DM is one conversation; in a channel, each thread is (a slash command there has no thread: none)."""
    if channel_type == "im" or channel.startswith("D"):
        return f"slack:dm:{channel}"
    return f"slack:thread:{channel}:{thread}" if thread else None
