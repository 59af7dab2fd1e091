"""Web-page furniture copied with a story: menus, chrome, cookie notices, share bars, copyright and footer
lines, and blocks of links to other stories.

A page saved from a browser as text ("Save as text", or Ctrl-A and paste) holds all of them around the story.
None titles the story, dates it or is an event, and none may be quoted as an answer: "Does the site use
cookies?" was answered with the cookie banner, under a title that was the banner's first sentence. This module
is what the title, stamp, sentence and event rules all ask.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from index.blog_updates import superseded
from index.chunking import Span
from index.corrections import correction_note, puts_right, withdrawn
from index.entry_heads import entry_heads
from index.link_lines import LINK_HEADING, LINK_LINE
from index.own_lines import is_byline, is_read_time, is_speaker_label
from index.page_breaks import PAGE_MARK  # a page's number as a PDF copied as text keeps it ("Page 2 of 3")
from index.pasted import (
    comments_start,
    is_newsletter,
    is_pasted_furniture,
    is_post_age,
    mail_chrome_sentences,
    names_a_handle,
    signature_start,
)
from index.release_foot import CONTACT, CONTACT_HEADING, END_MARK, INITIALS, boilerplate_lines
from index.stamps import date_line, is_stamp_line
from index.toolbars import is_chrome_run, is_prompt, is_share_bar, is_tag_line

# A menu or breadcrumb ("Home | India | World | Business", "Home > India > News"), a link to another story
# ("Also Read: Farmers plan chakka jam on February 6 - Jan 30, 2021"), and the page's chrome that a whole-page
# copy (Ctrl-A) starts with.
_MENU = re.compile(r"[^|›»>]{1,30}(?:(?:[|›»>]|\s/\s)[^|›»>]{1,30}){2,}")
_CHROME = re.compile(
    r"\s*(?:advertisement|skip\s+to\s+(?:main\s+)?content|listen\s+to\s+(?:this\s+)?(?:article|story)"
    r"|share(?:\s+this\s+(?:article|story))?|sign\s+in|log\s+in|subscribe(?:\s+now)?"
    r"|follow\s+us(?:\s+on\s+[\w ]{1,30})?)\s*",
    re.IGNORECASE,
)
# A cookie or consent notice: cookies named with what the reader is asked to do about them.
_CONSENT = re.compile(
    r"\bcookies?\b.*\b(?:accept|agree|consent|policy|settings|preferences)\b|"
    r"\b(?:we|this\s+(?:site|website))\s+uses?\b.*\bcookies?\b|\bcontinu\w*\s+to\s+(?:browse|use)\b.*\bcookies?\b|"
    r"\b(?:accept|reject|allow|manage)\s+(?:all\s+)?cookies?\b",
    re.IGNORECASE,
)
_CONSENT_CHARS = 400  # a banner, not a paragraph of a story about cookies
# A banner speaks to the reader ("we use", "you agree", "your experience") or is a button ("Accept all cookies",
# "Cookie settings"); a story's line about cookie rules ("The EU's cookie consent rules require websites to ask
# users …") does neither, and was dropped from the article's sentences.
_READER = re.compile(r"\b(?:you|your|we|our|us|this\s+(?:site|website))\b", re.IGNORECASE)
_BUTTON_CHARS = 30
# A copyright line: "©" or "(c) 2021" leading, "Copyright" with its sign or year ("Copyright © 2021 HT Media"),
# or "All rights reserved". A story's line that opens with the word ("Copyright infringement notices led …") or
# a law's clause "(c)" is no notice.
_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})).{0,150}"
                        r"|.{0,150}\ball\s+rights\s+reserved\b.{0,30}", re.IGNORECASE)
_FOOTER_LINK = (r"(?:about(?:\s+us)?|contact(?:\s+us)?|terms(?:\s+(?:of|and|&)\s+(?:use|service|conditions))?"
                r"|privacy(?:\s+policy)?|cookie\s+policy|careers|advertise(?:\s+with\s+us)?|site\s*map|faqs?|help"
                r"|feedback|disclaimer|newsletters?|rss|grievance\s+redressal)")
_FOOTER = re.compile(rf"\s*{_FOOTER_LINK}(?:[\s|·•,]+{_FOOTER_LINK})+\s*", re.IGNORECASE)
# A photo's caption or credit, as a page saved as text keeps it beside the story: "File photo: Twitter's office",
# "Image: Reuters", "(Photo credit: PTI)", "Representational image", "Farmers at the border. (File photo)",
# "Jack Dorsey | Photo: Reuters". A credit says nothing the story says, and was quoted as an answer (``is_credit``:
# a description of the picture stays). Told by the words
# a caption opens or ends with, so that a story's sentence about photos ("Photos of the protest were shared …",
# "The image showed …") is none.
_PICTURE = r"(?:photo(?:graph)?s?|images?|pictures?|pics?|graphics?|illustrations?|screen\s*(?:grab|shot))"
_CREDIT = rf"(?:{_PICTURE}(?:\s+(?:credits?|courtesy|source))?|credits?|courtesy)"
_CAPTION_OPENS = re.compile(
    rf"\s*[(\[]?\s*(?:(?:file|representational|representative|stock|archive|archival)\s+{_PICTURE}\b"
    rf"|representational\s*[)\]]?\s*$|{_CREDIT}\s*[:|–—]|{_PICTURE}\s+(?:credits?|courtesy)(?-i:\s+[A-Z]|\s*[)\]]?\s*$))",
    re.IGNORECASE,
)
_CAPTION_ENDS = re.compile(
    rf"(?:[(\[]\s*(?:(?:file|representational|representative)\s+{_PICTURE}|{_CREDIT}\s*[:|–—-][^()\[\]]{{1,60}})"
    rf"\s*[)\]]|\|\s*{_CREDIT}\s*[:–—-][^|]{{1,60}})[.\s]*$",
    re.IGNORECASE,
)
_CAPTION_CHARS = 300  # a caption's line, not a paragraph of the story
# A caption's label opening a description of the picture ("File photo: Twitter's office in New Delhi").
_DESCRIBED = re.compile(
    rf"\s*[(\[]?\s*(?:file|representational|representative|stock|archive|archival)\s+{_PICTURE}\b[\s:|–—-]*",
    re.IGNORECASE,
)
# The marks a story is pasted with from a wire, a press release or an opinion page, none of them its words: a
# section's label over the headline ("OPINION", "PRESS RELEASE", "FOR IMMEDIATE RELEASE"), which titled the
# article; a release's end mark ("###", "-ENDS-") and its media contact; a wire's credits ("(Reporting by …;
# Editing by …)") and standards line; an opinion's disclaimer and the bio it ends ("(… is a columnist … Views
# expressed are personal.)"). Each was a sentence that could be quoted as an answer.
_LABEL = re.compile(
    r"\s*(?:opinion|analysis|comment(?:ary)?|editorial|op-?ed|column|guest\s+column|explainer|explained|interview"
    r"|exclusive|breaking(?:\s+news)?|live(?:\s+updates?)?|(?:press|news|media)\s+release|for\s+immediate\s+release"
    r"|fact[\s-]*check|perspective)\s*[:|]?\s*",
    re.IGNORECASE,
)
_WIRE_CREDIT = re.compile(
    r"\s*\(\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|edited)\s+by\s+[^()]{1,150}\)\s*"
    r"|\s*(?:(?:additional\s+)?reporting|writing)\s+by\s+[^;()]{1,60};\s*(?:editing|writing)\s+by\s+[^;()]{1,60}\s*"
    r"|\s*our\s+standards\s*:[^.]{0,80}\.?\s*",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"\bviews\s+(?:expressed\s+)?(?:here\s+)?(?:are|is)\s+(?:personal|(?:the\s+)?(?:author|writer)['’]?s\s+own"
    r"|(?:those\s+)?of\s+the\s+(?:author|writer))|\A\s*\(\s*(?:the\s+)?(?:writer|author|columnist)\s+is\b.*\)\s*\Z",
    re.IGNORECASE,
)

# A translation's credit, over or under the story: "Translated from Hindi by Kavya Iyer", "(This article was first
# published in Hindi. Translated by Kavya Iyer.)". It says who put the words into English, none of the story.
_TRANSLATED = re.compile(
    r"\s*\(?\s*(?:this\s+(?:article|story|report|piece)\s+(?:was\s+)?(?:first|originally)\s+(?:published|appeared"
    r"|written)\s+in\s+[\w-]+\s*[.;,]\s*)?(?:translated|translation)(?:\s+from\s+(?:the\s+)?[\w-]+)?"
    r"(?:\s+(?:in)?to\s+[\w-]+)?\s*(?:by|:)\s+[^.()]{1,60}\.?\s*\)?\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*\s*$")
_LINK_CHARS = 150  # a story's headline, not a paragraph
# A headline may ask ("Explainer: What is the Network Safety Law?"): under a links heading it is one more link, where
# it ended the links and the headlines under it were quoted as the story's sentences.
_ASKS = re.compile(r"\?['\"’”)]*\s*$")


def is_furniture(line: str) -> bool:
    """Whether a line is furniture as it stands, without the lines around it: the page's (``is_page_furniture``),
    or the story's byline ("By Jane Doe, Staff Reporter") or publication stamp ("Updated: 10 Feb 2021, 09:14 IST",
    "Last modified: 11 Feb 2021", "New Delhi, 11 February 2021"), or a transcript's speaker label alone on its line
    ("SPOKESPERSON:"). Those were quoted as answers, and a stamp at an
    article's foot was an event of the timeline."""
    stripped = line.strip()
    return (is_page_furniture(line) or is_stamp_line(stripped) or is_byline(stripped) or is_speaker_label(stripped)
            or is_chrome_run(stripped, is_furniture))


def is_page_furniture(line: str) -> bool:
    """Whether a line is page furniture as it stands: a menu, chrome, a notice, credits, a label. The head of an
    article is searched for its stamp and byline among lines that are none of these."""
    stripped = line.strip()
    return (_MENU.fullmatch(stripped) is not None or is_read_time(stripped) or is_pasted_furniture(stripped)
            or LINK_LINE.match(line) is not None
            or _CHROME.fullmatch(line) is not None or LINK_HEADING.fullmatch(line) is not None
            or (len(stripped) <= _CONSENT_CHARS and _CONSENT.search(stripped) is not None
                and (len(stripped) <= _BUTTON_CHARS or _READER.search(stripped) is not None))
            or _COPYRIGHT.fullmatch(stripped) is not None or is_share_bar(stripped) or is_tag_line(stripped)
            or is_prompt(stripped)
            or _FOOTER.fullmatch(line) is not None or is_credit(stripped) or _LABEL.fullmatch(line) is not None
            or END_MARK.fullmatch(line) is not None or INITIALS.fullmatch(line) is not None
            or _WIRE_CREDIT.fullmatch(line) is not None
            or _TRANSLATED.fullmatch(line) is not None or PAGE_MARK.fullmatch(line) is not None
            or correction_note(stripped)
            or (len(stripped) <= _CAPTION_CHARS and (CONTACT.fullmatch(stripped) is not None
                                                     or _DISCLAIMER.search(stripped) is not None)))


def is_caption(line: str) -> bool:
    """Whether a line is a photo's caption or credit (``_CAPTION_OPENS``, ``_CAPTION_ENDS``)."""
    return len(line) <= _CAPTION_CHARS and (_CAPTION_OPENS.match(line) is not None
                                            or _CAPTION_ENDS.search(line) is not None)


def is_credit(line: str) -> bool:
    """Whether a caption says only whose picture it is ("Image: Reuters", "(Photo credit: PTI)", "Representational
    image"), not what it shows. A description ("File photo: Union Minister Ravi Shankar Prasad", "Farmers at the
    border. (File photo)", "Jack Dorsey | Photo: Reuters") is the article's words about who or what is pictured
    and stays quotable: taken out, it also left the remaining sentences looking like better answers than they
    are ("who is india's finance minister" answered by a spokesperson's quote naming "the Honourable Minister"),
    and the decline threshold chosen over them rose from 0.35 to 0.41, declining 20 right answers in 216."""
    if not is_caption(line):
        return False
    opening = _DESCRIBED.match(line)
    if opening is not None and line[opening.end():].strip(" )]."):
        return False
    ending = _CAPTION_ENDS.search(line)
    return ending is None or not line[:ending.start()].strip(" |")


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the lines of ``text`` that are furniture: those ``is_furniture`` names, the links
    under a links heading ("Also Read", then the other stories' headlines, none ending a sentence, up to the first
    line that does; a headline that asks is one), a release's foot (``index.release_foot``: its contact heading and
    the office and numbers under it up to a blank line, its issuer's "About …" boilerplate), the article's one date
    alone (``_date_alone``), the heads of a live blog's or chronology's entries (``index.entry_heads``: their day
    dates the entry), an e-mail's signature and a page's comments to the end, and a copied post's name over its
    handle and its age under the "·" (``index.pasted``)."""
    out: list[tuple[int, int]] = []
    under_heading = contact = False
    start = 0
    lines = text.splitlines(keepends=True)
    alone = _date_alone(lines)
    heads = {head.line for head in entry_heads(text)}  # a live blog's "Feb 9, 21:15" over each entry
    tail = min((n for n in (signature_start(lines), comments_start(lines)) if n is not None), default=None)
    about = boilerplate_lines(lines)
    before = ""
    following = [*(line.strip() for line in lines[1:]), ""]
    for n, (line, after) in enumerate(zip(lines, following, strict=True)):
        end = start + len(line)
        body = line.strip()
        contact = contact and bool(body)  # a contact block runs to its first blank line
        if (tail is not None and n >= tail) or contact or n in about:  # a signature, comments, a release's foot
            out.append((start, end))
        elif body:
            if CONTACT_HEADING.fullmatch(body) is not None:
                contact = True
                out.append((start, end))
            elif LINK_HEADING.fullmatch(body):
                under_heading = True
                out.append((start, end))
            elif (is_furniture(body) or body == alone or n in heads or names_a_handle(body, after)
                  or is_post_age(body, before)
                  or (under_heading and len(body) <= _LINK_CHARS and not _wrapped(body, after)
                      and (not _SENTENCE_END.search(body) or _ASKS.search(body) is not None))):
                out.append((start, end))
            else:
                under_heading = False
            before = body
        start = end
    return _merged(out)


def _date_alone(lines: list[str]) -> str | None:
    """The article's one line that is a date and nothing else ("Feb 12, 2021" under a headline): its stamp. Several
    head a chronology's entries ("Jan 26, 2021", then what happened): ``index.entry_heads`` dates each entry by its
    head."""
    found = [line.strip() for line in lines if date_line(line) is not None]
    return found[0] if len(found) == 1 else None


def _wrapped(line: str, after: str) -> bool:
    """Whether ``line`` breaks a sentence that goes on on the next line (``after``): it ends with a comma or the
    next line starts in lower case. A headline does neither; the first lines of a hard-wrapped paragraph after a
    block of links were taken for more links, and the story's sentence on them was never quoted."""
    return line.endswith((",", ";", ":", "-", "–", "—")) or after[:1].islower()


def _merged(lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent furniture lines as one run: in wrapped text two related stories' headlines are read as one
    sentence across their line break."""
    runs: list[tuple[int, int]] = []
    for start, end in lines:
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def story_sentences(text: str, sentences: Sequence[Span]) -> list[Span]:
    """``sentences`` without those that lie wholly on furniture lines, nor those without a word (a thread's
    "🧵"), nor a credit split from the caption it ends ("(File photo)" after "Photo: The logo on a screen."), nor a
    newsletter's sign-off and chrome sharing a line with its story (``mail_chrome_sentences``), nor a figure a live
    blog's later update says was not so (``index.blog_updates``): they are never quoted or searched."""
    lines = furniture_lines(text)
    kept = [s for s in sentences if not _symbols_only(text[s.start:s.end]) and not _ending_credit(text, s)
            and (not any(start <= s.start and s.end <= end for start, end in lines) or puts_right(text, s))]
    if stale := withdrawn(text, sentences):  # a figure the article's correction note says was wrong
        kept = [s for s in kept if s not in stale]
    if stale := superseded(text, kept):  # a figure a live blog's later update says was not so
        kept = [s for s in kept if s not in stale]
    if not is_newsletter(text.splitlines()):
        return kept
    chrome = mail_chrome_sentences([text[s.start:s.end] for s in kept])
    return [s for n, s in enumerate(kept) if n not in chrome]


def _ending_credit(text: str, sentence: Span) -> bool:
    """Whether ``sentence`` is a credit that ends its line's caption ("(File photo)"), read apart from it."""
    opens_line = not text[text.rfind("\n", 0, sentence.start) + 1 : sentence.start].strip()
    return not opens_line and is_credit(text[sentence.start:sentence.end])


def _symbols_only(sentence: str) -> bool:
    """Whether a "sentence" has no word: an emoji ("🧵" opening a thread), a post's counts or separator copied a
    line each ("12", "·"). A closing quote split from its sentence ("”") still belongs to the story."""
    return not any(ch.isalpha() or unicodedata.category(ch) in ("Pi", "Pf") or ch in "\"'" for ch in sentence)


def story_text(text: str) -> str:
    """``text`` with its furniture lines left out: what two copies of one story are compared on."""
    kept: list[str] = []
    last = 0
    for start, end in furniture_lines(text):
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return "\n".join(kept)

