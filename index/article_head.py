"""The head of an article as people write or copy it: the line that titles it, a publication stamp
("Updated: Feb 12, 2021 14:05 IST"), a dateline ("New Delhi: "), the page furniture around them (menus,
captions, links to other stories). Which lines are stamps, and how a written date is read, is
``index.stamps``; bylines and the other lines of their own, ``index.own_lines``."""

from __future__ import annotations

import re
import unicodedata
from itertools import islice, pairwise, takewhile

from index.chunking import split_sentences, unwrap
from index.day_order import day_first
from index.furniture import is_caption, is_furniture, is_page_furniture
from index.lead_dateline import lead_dateline
from index.own_lines import address_line, byline_day, is_byline, is_issuer
from index.pasted import is_post_age, mail_subject, names_a_handle
from index.place_dateline import words_start
from index.scripts import mostly_in_another_script
from index.stamps import ambiguous_figures, no_such_stamp_day, stamp, stamp_date

_HEADING = re.compile(r"^\s*#{1,6}\s+")
_RULE = re.compile(r"(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}")  # Markdown's rule ("---", "* * *") titles nothing
_TITLE_MAX = 120

# A wire story's slug before its headline ("UPDATE 2-India warns Twitter …", "REFILE-EXCLUSIVE-…"): which version
# of the story it is, in capitals and joined by a hyphen, not words of its title.
_WIRE_SLUG = re.compile(r"^(?:(?:(?:UPDATE|WRAPUP)\s*\d+|REFILE|CORRECTED|RPT|EXCLUSIVE|FACTBOX|ANALYSIS|INSIGHT"
                        r"|BREAKINGVIEWS|FOCUS|EXPLAINER|TIMELINE|FEATURE|INTERVIEW|COLUMN)-)+(?=\S)")

# A thread's numbering before its first post ("1/ A thread on …", "1/7 …"): which post it is, not its words.
_THREAD_NUMBER = re.compile(r"^\d{1,2}/\d{0,2}\s+(?=\S)")


def first_line_title(body: str) -> str:
    """The first non-empty, non-caption line (a Markdown heading loses its hashes), cut to a readable length.

    A seed article runs its first paragraph on one line, so a long line is cut at its first sentence end
    (found by the same sentence splitter the chunker uses, so "Inc." does not end it) or a word boundary.
    """
    written = [_HEADING.sub("", line).strip() for line in unwrap(body).splitlines()]
    # A line of chrome pieces is told by the runs of spaces between them ("Share on X  Share on Y  Copy link",
    # ``index.toolbars.is_chrome_run``): asked with its spaces squeezed, a share bar read as a headline and titled
    # the story. So furniture is asked of each line as written, everything else of it squeezed.
    chrome = {" ".join(line.split()) for line in written if is_furniture(line)}
    lines = [" ".join(line.split()) for line in written]
    lines = [line for line in lines if line and not _RULE.fullmatch(line)]
    if (subject := mail_subject(lines)) is not None:
        return subject  # an e-mail's headline, over its "From:" line
    useful = [line for before, line, after in zip(["", *lines], lines, [*lines[1:], ""], strict=False)
              if stamp_date(line) is None and line not in chrome and not is_furniture(line)
              and not is_caption(line)  # nor a caption
              and not is_byline(line) and address_line(line) is None and not names_a_handle(line, after)
              and not is_post_age(line, before)
              and any(ch.isalpha() for ch in line)] or lines  # a post's "·" or counts name nothing
    if not useful:
        return ""
    # A translation may keep the original's headline over its own ("सरकार और …", then "Government and …").
    other_script = mostly_in_another_script(body)
    useful = [line for line in useful if mostly_in_another_script(line) == other_script] or useful
    line = _bare(_THREAD_NUMBER.sub("", _WIRE_SLUG.sub("", _after_issuer(useful))))
    if len(line) <= _TITLE_MAX:
        return line
    # A story's first sentence standing in for its title: its dateline ("New Delhi: ", "VALMERE, Tavrenia - ")
    # says where it was filed, not what it is about, and took a fifth of the room a source's title has in a citation.
    line = line[words_start(line) :]
    spans = split_sentences(line)
    if spans and 20 < spans[0].end <= _TITLE_MAX:
        return line[spans[0].start : spans[0].end]
    cut = line[: _TITLE_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _bare(line: str) -> str:
    """``line`` without the symbols it ends on: a post's emoji ("… stands tonight. 🧵") is no word of a title."""
    end = len(line)
    while end and (line[end - 1].isspace() or unicodedata.category(line[end - 1])[0] == "S"):
        end -= 1
    return line[:end] or line


def _after_issuer(lines: list[str]) -> str:
    """The first of ``lines`` that is no press release's issuer line (``index.own_lines.is_issuer``) over a headline:
    a line under it that reads as a headline (short, no sentence ended) or another issuer's. Under a name that the story
    follows, the name is all the title there is, and a title-case headline that ends on an office's name
    ("Twitter Defies IT Ministry") stays the title."""
    for line, following in pairwise(lines):
        if not is_issuer(line) or len(following) > _TITLE_MAX or _SENTENCE_END.search(following):
            return line
    return lines[-1] if not is_issuer(lines[-1]) else lines[0]


_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*$")
_STAMP_LINES = 6  # a stamp sits under the headline and byline, not in the story


def _head_lines(body: str) -> list[str]:
    """The first lines of the article, page furniture left out: a page saved as text opens with its menu,
    chrome and cookie notice, and its byline and stamp came after six of them and dated nothing. A line of facts
    ("February 12, 2021 / 10:05 PM / Updated 4 years ago") has a menu's shape and is kept."""
    kept = (line for line in body.splitlines()
            if line.strip() and (not is_page_furniture(line) or stamp(line) is not None))
    return list(islice(kept, _STAMP_LINES))  # the head only: not every line of a long article read twice


def stamped(body: str) -> str | None:
    """The day the article's stamp gives: a stamp line among its first lines ("Updated: Feb 12, 2021"), else
    its one line that is only a date. Several such lines ("Jan 26, 2021", then what happened, and the next
    day) head the entries of a chronology, and none of them is the day it was published."""
    lines, order = _head_lines(body), day_first(body)
    found = [day for day in (_stamp_or_byline(line, order) for line in lines) if day is not None]
    named = [day for day, is_named in found if is_named]
    if named:
        return named[0]
    if len(found) == 1:
        return found[0][0]
    return next((day for day, is_named in filter(None, (stamp(line, order) for line in _caption(body))) if is_named),
                None)


_CAPTION_LINES = 20  # a judgment's caption: the court, the case number, the parties, "versus", the bench
_PROSE_WORDS = 12  # a line this long is the story's, its caption ended


def _caption(body: str) -> list[str]:
    """The short lines over a document's first line of prose, up to ``_CAPTION_LINES``: a judgment or an order
    opens with its court, case number, parties and bench ("CORAM: …"), and its "Date of Judgment: 5 March 2021"
    came ninth, past the lines a stamp is looked for in. Only a named stamp among them dates the document."""
    lines = [line for line in body.splitlines() if line.strip()][:_CAPTION_LINES]
    return list(takewhile(lambda line: not _is_prose(line), lines))


def _is_prose(line: str) -> bool:
    """Whether a line is the story's: long, and written in lower case. A caption's line in capitals is none however
    long: a PDF joins the bench's names into one ("CORAM: THE HON'BLE THE CHIEF JUSTICE THE HON'BLE MR. JUSTICE OF
    THE SECOND BENCH", 13 words), which had ended the caption over the judgment's "Date of Judgment: …"."""
    upper = sum(c.isupper() for c in line)
    return len(line.split()) >= _PROSE_WORDS and upper < sum(c.islower() for c in line)


def _stamp_or_byline(line: str, order: bool | None) -> tuple[str, bool] | None:
    """A stamp line's day (``index.stamps.stamp``, a day in figures read in the article's ``order``), or the day a
    byline gives after its names (named a stamp), or a lead paragraph's dateline (``index.lead_dateline``)."""
    found = stamp(line, order)
    if found is None and (day := byline_day(line)) is not None:
        return day, True
    if found is None and (lead := lead_dateline(line, order)) is not None:
        return lead[0], False
    return found


def head_address(body: str) -> str | None:
    """The story's address, when a line among its first is only that ("Source: https://…")."""
    lines = _head_lines(body)
    return next((url for url in map(address_line, lines) if url is not None), None)


def ambiguous_stamp(body: str) -> str | None:
    """A stamp line's date as written, when it is a day in figures that can be read two ways ("10/02/2021")."""
    order = day_first(body)
    return next((day for day in (ambiguous_figures(line, order) for line in _head_lines(body)) if day is not None),
                None)


def no_such_day_stamp(body: str) -> tuple[str, str] | None:
    """A stamp line's date as written and why it is no day, when it gives one that does not exist ("31/02/2021")."""
    return next((found for found in map(no_such_stamp_day, _head_lines(body)) if found is not None), None)
