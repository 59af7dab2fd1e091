"""The names a sentence writes, and what kind each is, read from the sentence alone: capitalised spans
("Ravi Shankar Prasad", "Ministry of Electronics and Information Technology"), section numbers ("Section 69A")
and laws ("the IT Act"). No list of known names: a name's kind is read from the words it is written with (an
organisation's "Ministry", "Inc"; a law's "Act") and the words beside it (a person's "Minister", "said"; an app's
"app", "platform"), which any article on any story uses. ``retrieval.mentions`` gathers them over the articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = r"[A-Z][\w'’&]*(?:-[A-Z0-9][\w'’&]*)*"
_JOIN = r"(?:of|and|for|the|de|la|von|van|da|al)"
# Words in capitals within a paragraph (a line break of wrapped text, not a blank line), not part of a hyphened
# word ("made-in-India"), joined by "of", "and" …
_GAP = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"
_SPAN = re.compile(rf"(?<![\w-]){_WORD}(?:{_GAP}(?:{_JOIN}{_GAP})*{_WORD})*")
SECTION = re.compile(r"\b[Ss]ection\s+(\d+[A-Z]{0,2}(?:\(\d+\))?)")
# Words a title or role is written with before or after a person's name ("IT Minister X", "X, the company's
# founder"), and the verbs of someone speaking: generic English, no story's.
ROLE = (r"minister|secretary|spokes(?:person|man|woman)|ceo|cto|coo|founder|co-founder|chief|head|director"
         r"|chair(?:man|person|woman)?|president|officer|official|executive|lawyer|advocate|attorney|counsel|judge"
         r"|justice|mp|mla|leader|journalist|activist|editor|analyst|professor|commissioner|manager|governor"
         r"|senator|ambassador|researcher|expert|spokesperson|mr|ms|mrs|dr|shri|smt|sri|prof|minister-of-state"
         r"|deputy|vice-president|vp|md|inspector|superintendent|constable|comedian|actor|actress|singer|farmer")
_TITLE = re.compile(rf"^(?:{ROLE})\.?$", re.IGNORECASE)
# A role word anywhere in a text ("koo's ceo"): what a question asking for someone's name asks about.
ROLE_WORD = re.compile(rf"\b(?:{ROLE})\b", re.IGNORECASE)
_SAYS = re.compile(r"^\s*(?:,\s*who\b|said|says|told|added|tweeted|wrote|posted|stated"
                   r"|noted|argued|asked|claimed|explained|announced|confirmed|replied|responded|alleged|urged)",
                   re.IGNORECASE)
ORG_WORD = re.compile(r"\b(?:Inc|Ltd|Limited|Corp|Corporation|Company|Co|LLC|LLP|Plc|Ministry|Department|Court"
                       r"|Committee|Council|Association|Foundation|Union|Party|Government|Board|Commission|Authority"
                       r"|Agency|Bank|University|Institute|Group|Technologies|Federation|Forum|Trust|Society"
                       r"|Bureau|Office|Centre|Center|Cell|Tribunal|Parliament|Assembly|Police|Army)\b\.?")
_LAW_WORD = re.compile(r"\b(?:Act|Acts|Rules|Code|Bill|Law|Regulations?|Guidelines|Ordinance|Constitution)$"
                       r"|^(?:Constitution|Code|Charter)\s+of\s")  # "the Constitution of Quorvan"
_APP_CUE = re.compile(r"apps?|platforms?|microblogging|micro-blogging|media|networking|messaging|websites?|sites?"
                      r"|networks?|services?|handles?", re.IGNORECASE)
_COMPANY_CUE = re.compile(r"companies|company|firms?|startups?|start-ups?|corporations?|giants?|makers?|owners?"
                          r"|Inc|Ltd|Corp|LLC|Technologies|Labs|Systems", re.IGNORECASE)
# How a sentence the articles tell ends; a heading, a caption ("File image: …") or a byline ends otherwise.
_ENDS = re.compile(r"[.!?:;\"”’')]\s*$")
_COMPANY = re.compile(r"\s+(?:Inc|Ltd|Corp|LLC|LLP|Plc|Pvt)\.?$")
# "Indian", "Japanese": a people's word, which a capital makes no name of an app or a company.
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish|ean)$")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr"
           "|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_NOT_NAME = re.compile(rf"(?:{_MONTHS}|I|A|An|The|This|That|These|Those|It|Its|He|She|We|They|Our|His|Her|In|On"
                       r"|At|As|But|And|Or|If|So|For|From|With|After|Before|Meanwhile|However|Also|Earlier|Later"
                       r"|According|Read|Watch|Also\s+Read|Updated|Photo|Image|Source|Reuters|PTI|IANS|ANI)$")


@dataclass(frozen=True)
class Mention:
    """One name written in a sentence: where (offsets in the sentence), and what its words and neighbours say."""

    name: str
    start: int
    end: int
    person: bool  # a title or role before it, or it speaks ("X said")
    org: bool  # written with an organisation's word ("Ministry of …", "… Inc")
    law: bool  # an act or rules ("the IT Act"), or a section number
    app: bool  # an app's or platform's word beside it
    section: bool = False
    company: bool = False  # "Twitter Inc.", "the firm X": a business, not any organisation

    def opens(self, sentence: str) -> bool:
        """Whether the name opens its sentence (after a dateline, if any), where any word has a capital."""
        return not re.search(r"[a-z0-9]", sentence[: self.start])

    def titled(self, sentence: str, cue: re.Pattern[str]) -> bool:
        """Whether ``cue`` is a title just before the name ("IT Minister X"), with no stop between ("officials,
        Twitter" is none), or set off by commas before it ("the ministry's secretary, X, said"), or in an
        appositive after it ("X, the minister of …")."""
        before = re.split(r"[,;:.!?()“”\"]", _apposed_before(sentence, self.start, self.end))[-1].split()[-3:]
        after = re.match(r"\s*,\s*((?:\S+\s+){0,4}\S+)", sentence[self.end :])
        return bool(cue.search(" ".join(before))) or (after is not None and bool(cue.search(after.group(1))))

    def beside(self, sentence: str, cue: re.Pattern[str]) -> bool:
        """Whether ``cue`` is the word right before the name ("app Koo") or right after it ("Koo app")."""
        before = re.split(r"[,;:.!?()“”\"]", sentence[: self.start])[-1].split()[-1:]
        after = re.match(r"(?:['’]s)?\s+([\w-]+)", sentence[self.end :])
        return bool(cue.fullmatch(" ".join(before))) or (after is not None and bool(cue.fullmatch(after.group(1))))

    def near(self, sentence: str, cue: re.Pattern[str], reach: int = 4) -> bool:
        """Whether ``cue`` is among the ``reach`` words either side of the name (or in it)."""
        before = sentence[: self.start].split()[-reach:]
        after = sentence[self.end :].split()[:reach]
        return bool(cue.search(" ".join([*before, self.name, *after])))


def mentions(sentence: str, opening: int = 0) -> list[Mention]:
    """The names ``sentence`` writes; ``opening``: where its first word is (a capital there proves nothing)."""
    found = [_section(m) for m in SECTION.finditer(sentence)]
    # "the Telecom Rules and Section 4": a section is a name of its own, never the end of another
    masked = SECTION.sub(lambda m: "§" * len(m.group()), sentence)
    for match in _SPAN.finditer(masked):
        for start, end in _parts(sentence, match.start(), match.end(), opening):
            trimmed = _trimmed(sentence[start:end])
            if trimmed is not None:
                start += trimmed[0]
                found.append(_mention(sentence, trimmed[1], start, start + len(trimmed[1])))
    return found


def told_names(sentences: Iterable[str]) -> list[tuple[int, str, list[Mention]]]:
    """Of ``sentences`` (an index's, in row order), those told as sentences, each with its row and its names:
    what ``retrieval.mentions`` lists names from. A heading, a caption ("File image: …") or a byline is not one:
    fewer than four words, or an end no told sentence has."""
    return [(row, sentence, mentions(sentence)) for row, sentence in enumerate(sentences)
            if len(sentence.split()) >= 4 and _ENDS.search(sentence)]


def _section(match: re.Match[str]) -> Mention:
    return Mention(f"Section {match.group(1)}", match.start(), match.end(), False, False, True, False, True)


def _parts(sentence: str, start: int, end: int, opening: int) -> list[tuple[int, int]]:
    """The span split at a title ("IT Minister Ravi Shankar Prasad": "IT" and "Ravi Shankar Prasad"), without a
    sentence's first word when that is one of the language's own ("Meanwhile Twitter")."""
    parts, begin = [], start
    for word in re.finditer(r"\S+", sentence[start:end]):
        if _TITLE.match(word.group().rstrip(",")):
            if begin < start + word.start():
                parts.append((begin, start + word.start() - 1))
            begin = start + word.end() + 1
    if begin < end:
        parts.append((begin, end))
    out = []
    for a, b in parts:
        first = re.match(r"\S+", sentence[a:b])
        if a == opening and first is not None and _NOT_NAME.match(first.group()):
            a += first.end() + 1
        if a < b:
            out.append((a, b))
    return out


# What a name opens with that is no part of it: an article, or its owner ("Quentara's Ministry of Digital
# Affairs" is the ministry, "Belvoria's Constitutional Court" the court).
_LEAD = re.compile(r"^(?:(?:The|A|An)\s+|.*['’]s\s+)")


def _trimmed(span: str) -> tuple[int, str] | None:
    """The name in ``span`` and where in it the name starts; None for no name."""
    lead = _LEAD.match(span)
    skip = lead.end() if lead is not None else 0
    name = re.sub(r"(?:['’]s?|[.,])$", "", span[skip:].rstrip())
    words = name.split()
    if not words or _NOT_NAME.match(name) or (len(words) == 1 and len(name) < 2):
        return None
    if any(w.isdigit() for w in words):
        return None
    return skip, name


def _apposed_before(sentence: str, start: int, end: int) -> str:
    """The words before the name, without the comma that sets it off when a comma closes it too ("the ministry's
    secretary, X, told": the secretary is X); a comma before only ("officials, Twitter said") sets off nothing."""
    head = sentence[:start]
    if re.search(r",\s*$", head) and re.match(r"\s*,", sentence[end:]):
        return re.sub(r",\s*$", " ", head)
    return head


# "X, the company's head of public policy, said": a role in the words a comma sets off after the name (", said its
# country head" is no appositive: someone else speaks).
_APPOSITIVE = re.compile(
    rf"\s*,\s*(?!(?:said|says|told|added)\b)(?:(?:the|a|an|its|their|his|her|[\w-]+['’]s)\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}(?:{ROLE})\b", re.IGNORECASE)


def _mention(sentence: str, name: str, start: int, end: int) -> Mention:
    before = _apposed_before(sentence, start, end).split()[-2:]
    # A title right before the name, or before a word in capitals ("Union Minister X"); not across a verb ("the
    # judge said Yammerly had …": the judge is the one saying)
    titled = (any(_TITLE.match(w.strip(",.")) and all(v[:1].isupper() for v in before[n + 1 :])
                  for n, w in enumerate(before)) or bool(_APPOSITIVE.match(sentence[end:])))
    words = name.split()
    speaks = bool(_SAYS.match(sentence[end:])) and len(words) >= 2
    suffix = _COMPANY.search(name)
    if suffix is not None:  # "Twitter Inc.": the company is "Twitter"
        name, end = name[: suffix.start()], start + suffix.start()
    law = bool(_LAW_WORD.search(name))
    # An organisation's word alone ("the Centre", "the Union") names none: "Ministry of …", "… Inc" do.
    org = suffix is not None or (bool(ORG_WORD.search(name)) and len(words) >= 2 and not law)
    # A person's name is words in capitals, none an acronym ("Secretary IT" names no one).
    person = ((titled or speaks) and not org and not law
              and all(w[0].isupper() and not (len(w) > 1 and w.isupper()) for w in words))
    mention = Mention(name, start, end, person, org, law, False)
    plain = not person and not law and not org and not _DEMONYM.match(name)
    app = plain and mention.beside(sentence, _APP_CUE)
    company = suffix is not None or ((plain or org) and (
        mention.beside(sentence, _COMPANY_CUE) or (len(words) > 1 and bool(_COMPANY_CUE.fullmatch(words[-1])))))
    return Mention(name, start, end, person, org or company, law, app, company=company)
