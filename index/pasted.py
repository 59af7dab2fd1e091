"""Lines a story carries when it is pasted from an e-mail or a social network, or with a page's comments: a
newsletter's headers ("From: The Policy Brief <brief@…>", "Subject: …"), its chrome ("View this email in your
browser", "Unsubscribe | Update your preferences") and signature; a post's author line ("Policy Watcher
@policy_watch_in") and its counts ("42 Retweets 7 Quote Tweets 118 Likes"); readers' comments under a page's
story ("Comments (3)", then each reader's name, age and words, "Reply").

None is the story's words: each was quoted as an answer, and a newsletter was titled by its "From:" line. The
subject of an e-mail is its headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.stamps import stamp

_MAILBOX = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# "From: The Policy Brief <brief@newsletter.example.org>", "To: reader@example.com": a party named by its address;
# "Subject: …", "Sent: …" as a mail client prints them over a forwarded message.
_PARTY = re.compile(
    rf"\s*(?:from|to|cc|bcc|reply-to|sender)\s*:\s*[^<>@]{{0,80}}<?{_MAILBOX}>?(?:\s*[,;]\s*\S.{{0,150}})?\s*",
    re.IGNORECASE)
_HEADER = re.compile(r"\s*(subject|sent)\s*:\s*(\S.{0,250}?)\s*", re.IGNORECASE)
_REPLY = re.compile(r"^(?:(?:re|fwd?|aw|tr)\s*:\s*)+", re.IGNORECASE)
# A newsletter's own lines around its stories: a link to the web copy, the unsubscribe footer, why the reader
# gets it, a request to pass it on.
_MAIL_CHROME = re.compile(
    r"\s*(?:view\s+(?:this\s+(?:e-?mail|newsletter|message)\s+)?(?:in|on)\s+(?:your\s+|a\s+)?(?:web\s+)?browser"
    r"|unsubscribe\b|(?:update|manage)\s+your\s+(?:e-?mail\s+)?(?:preferences|subscriptions?)\b"
    r"|you\s+(?:are\s+)?receiv\w*\s+this\s+(?:e-?mail|newsletter|message)\b"
    r"|forward\s+this(?:\s+(?:e-?mail|newsletter|issue|edition))?\s+to\s+(?:a\s+)?(?:friend|colleague|someone)\b)"
    r".{0,150}",
    re.IGNORECASE,
)
# A mail client's mark over a forwarded or quoted message: "---------- Forwarded message ---------",
# "-----Original Message-----", "Begin forwarded message:".
_FORWARDED = re.compile(r"\s*-*\s*(?:forwarded\s+message|original\s+message|begin\s+forwarded\s+message)\s*[-:]*\s*",
                        re.IGNORECASE)
_SIGNATURE = re.compile(r"--\s?")  # the line a mail's signature opens with
# A post's author line, its name and handle ("Policy Watcher @policy_watch_in", "@policy_watch_in · 9h"), and the
# counts under it. "Follow @policy_watch_in for updates." says more and is a sentence.
_AUTHOR = re.compile(r"\s*(?:[^\s@.!?][^@.!?]{0,50}\s+)?@\w{1,30}(?:\s*[·•]\s*\S[^.!?]{0,30})?\s*")
# An embedded post's foot, as a page prints the post it quotes: "— Alma Verrin (@verrin_harbour) March 17, 2024",
# "- Ledger (@ledger) 17 March 2024". Its name, handle and day: quoted as a sentence and the day's event, summed up
# by the line itself (the post's words above it stay the story's).
_POST_FOOT = re.compile(r"\s*[—–-]{1,2}\s*[^\n()@]{1,50}\(@\w{1,30}\)\s*(?:\w[\w ,.:]{0,40})?\s*")
_COUNTS = re.compile(r"\s*(?:[\d.,]+[KkMm]?\s+(?:retweets?|reposts?|quote\s+tweets?|quotes?|likes?|repl(?:y|ies)|views?"
                     r"|bookmarks?|comments?|shares?)\b\s*[·•|,]?\s*)+", re.IGNORECASE)


# The head of a page's comments ("Comments (3)", "12 Comments", "Join the conversation", "Leave a reply"), and the
# buttons and ages each comment is copied with ("Reply", "Report", "2 hours ago", "Load more comments").
_COMMENTS = re.compile(
    r"\s*(?:(?:\d+\s+)?(?:readers?['’]?\s+)?comments?(?:\s*\(\d+\))?|join\s+the\s+(?:conversation|discussion)"
    r"|(?:leave|post|add|write)\s+a\s+(?:comment|reply)|(?:show|view|hide)\s+(?:all\s+)?comments?)\s*:?\s*",
    re.IGNORECASE,
)
_COMMENT_CHROME = re.compile(
    r"\s*(?:reply|report(?:\s+abuse)?|like|flag|load\s+more(?:\s+comments)?|show\s+more\s+replies"
    r"|\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago)\s*",
    re.IGNORECASE,
)


def is_pasted_furniture(line: str) -> bool:
    """Whether a line is an e-mail's header or chrome, a post's author line, foot or counts, or a comment's button."""
    stripped = line.strip()
    return (_COMMENT_CHROME.fullmatch(stripped) is not None
            or _PARTY.fullmatch(stripped) is not None or _HEADER.fullmatch(stripped) is not None
            or _FORWARDED.fullmatch(stripped) is not None
            or _MAIL_CHROME.fullmatch(stripped) is not None or _AUTHOR.fullmatch(stripped) is not None
            or _POST_FOOT.fullmatch(stripped) is not None
            or _COUNTS.fullmatch(stripped) is not None)


# A newsletter's sign-off before its chrome: "That's all for today.", "Thanks for reading!", "See you tomorrow.",
# "Until next week." A sentence of its own, nothing about the story.
_SIGN_OFF = re.compile(
    r"\s*(?:that['’]?s\s+(?:all|it)(?:\s+for\s+(?:today|tonight|now|this\s+(?:week|edition|issue)))?"
    r"|thanks?\s+(?:you\s+)?for\s+reading"
    r"|see\s+you\s+(?:tomorrow|next\s+(?:week|time|month|issue|edition|\w+day)|on\s+\w+)"
    r"|until\s+(?:tomorrow|next\s+(?:week|time))|(?:see\s+you\s+)?(?:tomorrow|next\s+week)\s+then)\s*[.!]*\s*",
    re.IGNORECASE,
)


_SENTENCE = re.compile(r"[^.!?]+[.!?]+")


def signs_off(paragraph: str) -> bool:
    """Whether a paragraph is only a newsletter's sign-off ("That's all for this week. See you next Friday.")."""
    said = _SENTENCE.findall(paragraph)
    return bool(said) and "".join(said).strip() == paragraph.strip() and all(_SIGN_OFF.fullmatch(s) for s in said)


def mail_chrome_sentences(sentences: Sequence[str]) -> set[int]:
    """Which of a newsletter's ``sentences`` are its chrome rather than its story, when they share a line with the
    story ("… in due course. That's all for today. Forward this to a friend who cares about tech policy."): the
    line is no chrome line, so each was quoted as the article's. A sentence that is chrome on its own
    (``_MAIL_CHROME``), and a sign-off (``_SIGN_OFF``) that the last sentence or such chrome follows. Asked only of a
    text that is a newsletter (``is_newsletter``): a story's "Unsubscribe links were hidden …" stays."""
    said = [" ".join(sentence.split()) for sentence in sentences]  # a wrapped sentence runs over lines
    chrome = {n for n, sentence in enumerate(said) if _MAIL_CHROME.fullmatch(sentence)}
    for n in range(len(said) - 1, -1, -1):
        if _SIGN_OFF.fullmatch(said[n]) and (n + 1 == len(sentences) or n + 1 in chrome):
            chrome.add(n)
    return chrome


# A web copy's link opening a sentence of a newsletter's preheader ("Your weekly round-up of platform news. View
# this email in your browser."), as a saved or exported e-mail keeps it: the strongest sign of a newsletter.
_WEB_COPY = re.compile(r"(?:^|[.!?]\s+)view\s+this\s+(?:e-?mail|newsletter)\s+(?:in|on)\s+(?:your\s+|a\s+)?(?:web\s+)?"
                       r"browser\b", re.IGNORECASE)


def is_newsletter(lines: Sequence[str]) -> bool:
    """Whether a text of ``lines`` is an e-mail newsletter: it opens with mail headers, has a chrome line, or a
    line with a sentence linking to its web copy (a saved e-mail's preheader: the chrome line was the preheader's
    last sentence, and the digest's sign-off, "That's all for this week.", was quoted and a timeline event)."""
    stripped = [line.strip() for line in lines if line.strip()]
    return (bool(mail_headers(stripped[:12])) or any(_MAIL_CHROME.fullmatch(line) for line in stripped)
            or any(_WEB_COPY.search(line) for line in stripped[:6]))


def is_mail_header(line: str) -> bool:
    """Whether a line is an e-mail's header ("From: … <brief@…>", "Subject: …"): a line of its own in wrapped text."""
    return _PARTY.fullmatch(line.strip()) is not None or _HEADER.fullmatch(line.strip()) is not None


def mail_headers(lines: Sequence[str]) -> int:
    """How many of ``lines`` (non-empty, stripped) are the header block an e-mail opens with: lines of headers
    and stamps ("Date: Thu, 11 Feb 2021 07:30:00 +0530"), after a forwarding mark if any, with at least one party
    named by address. 0 for none."""
    count = 0
    party = False
    for line in lines:
        if _PARTY.fullmatch(line):
            party = True
        elif _HEADER.fullmatch(line) is None and _FORWARDED.fullmatch(line) is None and stamp(line) is None:
            break
        count += 1
    return count if party else 0


def mail_subject(lines: Sequence[str]) -> str | None:
    """The subject of the e-mail ``lines`` (non-empty, stripped) open with, without "Re:" or "Fwd:": its headline."""
    for line in lines[: mail_headers(lines)]:
        header = _HEADER.fullmatch(line)
        if header is not None and header.group(1).lower() == "subject":
            return _REPLY.sub("", header.group(2)).strip() or None
    return None


def signature_start(lines: Sequence[str]) -> int | None:
    """The index in ``lines`` (the text's lines, as written) of an e-mail's signature mark ("--"), when the text
    opens with mail headers: what follows it is the sender's name and address, not the story."""
    if not mail_headers([line.strip() for line in lines if line.strip()][:12]):
        return None
    return next((n for n, line in enumerate(lines) if _SIGNATURE.fullmatch(line.rstrip("\r\n"))), None)


_HANDLE = re.compile(r"\s*@\w{1,30}\s*")
_NAME_CHARS = 50


def names_a_handle(line: str, following: str) -> bool:
    """Whether ``line`` is a post's author name copied on a line of its own over the handle ("Policy Watcher", then
    "@policy_watch_in"): short, and no sentence."""
    return (_HANDLE.fullmatch(following) is not None and len(line) <= _NAME_CHARS
            and not line.rstrip().endswith((".", "!", "?", ":")))


_SEPARATOR = re.compile(r"\s*[·•]\s*")
_AGE_CHARS = 20


def is_post_age(line: str, before: str) -> bool:
    """Whether ``line`` is a post's age or day copied on a line of its own under the "·" after its handle ("Feb 10",
    "10h"): a day of the post, not of what it tells."""
    return _SEPARATOR.fullmatch(before) is not None and len(line.strip()) <= _AGE_CHARS


def comments_start(lines: Sequence[str]) -> int | None:
    """The index in ``lines`` of the heading a page's comments open under ("Comments (3)"): what readers wrote,
    under it to the end, is none of the story. Its words were quoted as the article's ("The government is right,
    no company is above the law"). A heading in the first half of the text is the story's own."""
    found = next((n for n, line in enumerate(lines) if _COMMENTS.fullmatch(line.strip())), None)
    return found if found is not None and found >= len(lines) // 2 else None
