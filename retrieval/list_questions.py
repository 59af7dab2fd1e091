"""Questions whose answer is a list of names: "who are the main people in this story?", "which companies are
mentioned?", "list the sections of the IT act mentioned", "what apps are mentioned besides twitter".

The single-sentence answer path declined them: no one sentence names every minister or app, and the model scores
each sentence against the whole question. Read here is only the question's shape: a plural kind ("ministers",
"companies") asked to be listed or named as mentioned, with an optional "besides X". A question about one fact
("which minister met twitter's officials") has a singular kind and a verb of its own, and is not read as a list.
What the names are is ``retrieval.mentions``'s job, from the articles alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class NameKind(Enum):
    PERSON = "person"
    ORG = "organisation"
    COMPANY = "company"
    APP = "app"
    LAW = "law"
    SECTION = "section"
    ROLE = "role"  # people (or things) the articles name beside the kind's own word: "ministers", "countries"


@dataclass(frozen=True)
class ListAsk:
    """``noun``: the kind as asked ("ministers"), said in the reply; ``cue``: for ``ROLE``, the word the names
    stand beside ("minister"); ``besides``: words of names left out ("besides twitter")."""

    kind: NameKind
    noun: str
    cue: str = ""
    besides: tuple[str, ...] = ()
    of: str = ""  # what the names are of: "list the sections of the telecom act" lists that act's
    # A follow-up over the list (``retrieval.list_followups``): only the names written with this word ("which of
    # them is a minister"), or those after the first ``skip`` ("who else was named").
    narrow: tuple[str, ...] = ()  # every word the names are written with, one a follow-up in the chain
    skip: int = 0


_KIND_WORDS: dict[NameKind, str] = {
    NameKind.PERSON: r"people|persons|individuals|figures|players|personalities|characters|names|men|women",
    NameKind.COMPANY: r"companies|firms|businesses|corporations|startups|start-ups|tech\s+companies|tech\s+firms",
    NameKind.ORG: (r"organi[sz]ations|orgs|bodies|agencies|ministries|institutions|authorities|entities"
                   r"|departments|groups"),
    NameKind.APP: (r"apps|applications|platforms|social\s+media(?:\s+(?:platforms|apps|sites|networks))?|sites"
                   r"|websites|networks|services|social\s+networks"),
    NameKind.LAW: r"laws|acts|rules|provisions|regulations|statutes|legislations?|legal\s+provisions",
    NameKind.SECTION: r"sections|clauses",
}
_ANY_KIND = "|".join(_KIND_WORDS.values())
# A plural noun of any other kind ("ministers", "judges", "countries"): names standing beside its singular.
_PLURAL = r"[a-z][a-z-]{2,}(?:ies|s)"
_KIND = rf"(?P<kind>(?:{_ANY_KIND})|{_PLURAL})"
_ADJ = r"(?:(?:all|main|key|important|major|other|different|various|named|big|prominent|notable)\s+)*"
_MENTIONED = (r"(?:mentioned|named|involved|cited|quoted|referred\s+to|referenced|listed|discussed|talked\s+about"
              r"|featured|in\s+play|at\s+play)")
_SCOPE = (r"(?:\s+(?:in|by|across|throughout|from)\s+(?:the\s+|this\s+|these\s+|all\s+(?:the\s+)?)?"
          r"(?:articles?|story|stories|news|coverage|reports?|dispute|standoff|stand-off|case|row|saga|it|this))")
_BESIDES = (r"(?:\s*,?\s+(?:besides|other\s+than|apart\s+from|except(?:\s+for)?|excluding|aside\s+from|beyond)"
            r"\s+(?P<besides>.+?))")
_TAIL = (rf"(?:\s+(?:of|under)\s+(?P<of>(?:the\s+)?[\w-]+(?:\s+[\w-]+){{0,3}}?))?"
         rf"(?:\s+(?:that\s+|which\s+)?(?:(?:are|were|is|was|have\s+been|has\s+been|get|got)\s+)?{_MENTIONED})?"
         rf"{_SCOPE}?{_BESIDES}?")
_END = r"[\s?.!]*"
_PLEASE = r"(?:(?:can|could)\s+you\s+|please\s+)?"
_NAMED_AS = re.compile(rf"\b{_MENTIONED}\b|{_SCOPE}", re.IGNORECASE)
_LIST_QUESTIONS = tuple(re.compile(rf"{_PLEASE}{shape}{_END}", re.IGNORECASE) for shape in (
    # "which companies are mentioned", "what apps are mentioned besides twitter"
    rf"(?:which|what)\s+{_ADJ}{_KIND}\s+(?:are|were|r|have\s+been|get|got)\s+{_MENTIONED}{_SCOPE}?{_BESIDES}?",
    # "who are the main people in this story", "what are the apps mentioned", "who are the ministers named"
    rf"(?:who|which|what)\s+(?:are|were|r)\s+(?:all\s+)?(?:the\s+)?{_ADJ}{_KIND}{_TAIL}",
    # "list the sections of the IT act mentioned", "name all the companies"
    rf"(?:list|name|give\s+me|show\s+me|tell\s+me)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?{_ADJ}{_KIND}{_TAIL}",
    # "who is mentioned in the articles", "who all are involved"
    rf"who\s+(?:all\s+)?(?:is|are|was|were|gets?|got)\s+(?:all\s+)?{_MENTIONED}{_SCOPE}?{_BESIDES}?",
))

# Plural words that are no kind of name: "which accounts are mentioned" asks about accounts, not names; "which
# ones are mentioned" about what the conversation was about (searched as a follow-up).
_NO_NAMES = re.compile(r"(?:ones|others|accounts|handles|tweets|posts|orders|things|steps|reasons|issues|demands|events"
                       r"|dates|days|numbers|figures\s+given|words|questions|details|points|facts|news)")


def list_question(text: str) -> ListAsk | None:
    """The list a whole question asks for; None for any other question (searched as usual)."""
    asked = " ".join(text.split())
    match = next((m for m in (shape.fullmatch(asked) for shape in _LIST_QUESTIONS) if m is not None), None)
    if match is None:
        return None
    noun = (match.groupdict().get("kind") or "people").lower()
    if _NO_NAMES.fullmatch(noun):
        return None
    # "what are the new rules", "what are the consequences": what they say, not who is named, unless asked as
    # mentioned or named ("what are the apps mentioned"); "who are the ministers" asks for names as it stands.
    if re.match(r"(?:what|which)\s+(?:are|were|r)\b", asked, re.IGNORECASE) and not _NAMED_AS.search(asked):
        return None
    left_out = (match.groupdict().get("besides") or "").lower()
    besides = tuple(w for w in re.split(r"\s*(?:,|\band\b|\bor\b)\s*", left_out) if w)
    for kind, words in _KIND_WORDS.items():
        if re.fullmatch(words, noun, re.IGNORECASE):
            return ListAsk(kind, noun, besides=besides, of=match.groupdict().get("of") or "")
    return ListAsk(NameKind.ROLE, noun, cue=singular(noun), besides=besides)


def singular(noun: str) -> str:
    """The singular of a plural noun, as a title beside a name is written ("ministers": "minister")."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("sses", "ches", "shes", "xes")):
        return noun[:-2]
    return noun[:-1]


def written(asked: ListAsk) -> str:
    """The words a narrowed list's names are written with, as a reply says them ("“minister” and “union”")."""
    return " and ".join(f"“{word}”" for word in asked.narrow)
