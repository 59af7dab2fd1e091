"""Follow-ups over a list answer: "which of them is a minister", "which of those are ministries", "who else was
named", "list the others", asked right after "who are the people named" (``retrieval.list_questions``).

Searched as a question of its own, "which of them is a minister" had nothing to look for but "minister" and was
declined, and "who else was named" was told the articles never use the word "named". What they ask is the
previous list again: narrowed to the names written with a word ("minister": a title beside a person's name, or a
word of an organisation's own name, "Ministry of …"), or the names past those it showed. Read here only when the
conversation's last turn asked for a list; the names are ``retrieval.mentions``'s.
"""

from __future__ import annotations

import re
from dataclasses import replace

from retrieval.list_questions import ListAsk, list_question, singular, written
from retrieval.name_spans import ROLE_WORD
from retrieval.turns import FollowupContext

_THEM = r"(?:them|those|these|the\s+(?:names|people|ones)(?:\s+(?:named|mentioned|listed))?)"
# "which of them is a minister", "who among those are ministers", "which ones are ministries"
_WHICH_OF = re.compile(
    rf"(?:and\s+)?(?:which|who|what)\s+(?:(?:one\s+)?(?:of|among)\s+{_THEM}|ones)\s+(?:is|are|was|were|r)\s+"
    r"(?:(?:a|an|the)\s+)?(?P<cue>[a-z][a-z-]{2,}(?:\s+[a-z][a-z-]{2,}){0,2})[\s?.!]*", re.IGNORECASE)
# "who else was named", "anyone else?", "list the others", "any more?", "what other names are there"
_ELSE = re.compile(
    r"(?:and\s+)?(?:(?:who|what|which|anyone|anybody|anything|any(?:one|thing)?|someone)\s+else"
    r"(?:\s+(?:is|was|are|were|gets?|got))?(?:\s+(?:named|mentioned|listed|there))?"
    r"|(?:list|name|show|give\s+me|tell\s+me|what\s+about|and)\s+(?:all\s+)?the\s+(?:others|rest)"
    r"|(?:any\s+)?(?:others|more)|(?:are\s+there\s+)?any\s+(?:others|more)(?:\s+\w+)?"
    r"|(?:what|which|who)\s+(?:are\s+)?the\s+others)[\s?.!]*", re.IGNORECASE)


def list_follow_up(text: str, context: FollowupContext | None, shown: int) -> ListAsk | None:
    """The list ``text`` asks for over the conversation's last turn, when that asked for a list; ``shown``: how
    many names a list answer shows (the others start after them). None for any other question."""
    if context is None or not context.turns:
        return None
    before = list_asked(context.turns[-1].question)
    if before is None:
        return None
    asked = " ".join(text.split())
    which = _WHICH_OF.fullmatch(asked.lower())
    if which is not None:
        # "a union minister": names written with both words, and with those the chain narrowed to before; words
        # ending in no title ("the most quoted") ask something else, searched as usual
        words = [singular(w) if w.endswith("s") and not w.endswith("ss") else w for w in which.group("cue").split()]
        if len(words) > 1 and not ROLE_WORD.fullmatch(words[-1]):
            return None
        return replace(before, narrow=tuple(dict.fromkeys((*before.narrow, *words))))
    if _ELSE.fullmatch(asked):
        return replace(before, skip=before.skip + shown)
    return None


def follow_up_searched(asked: ListAsk) -> str:
    """What a follow-up over a list searched, as a list question of its own: said in the reply, and read back
    (``list_asked``) as the last turn by the next follow-up, so a chain goes on as far as the conversation does
    ("which of them is a minister", then "which of those is a union minister", then "who else")."""
    named = f"which {asked.noun} are named" + (" besides " + ", ".join(asked.besides) if asked.besides else "")
    named += f", written with {written(asked)}" if asked.narrow else ""
    return named + (f", after the first {asked.skip}" if asked.skip else "")


_SEARCHED = re.compile(r"(?P<list>which .+? are named(?: besides .+?)?)(?:, written with (?P<narrow>“.+?”))?"
                       r"(?:, after the first (?P<skip>\d+))?")


def list_asked(question: str) -> ListAsk | None:
    """The list ``question`` (a turn's, as searched) asked for: a list question's, or a follow-up's over one as
    ``follow_up_searched`` wrote it, its narrowing words and its skip kept."""
    searched = _SEARCHED.fullmatch(question)
    asked = list_question(searched.group("list") if searched is not None else question)
    if searched is None or asked is None:
        return asked
    narrow = tuple(re.findall(r"“(.+?)”", searched.group("narrow") or ""))
    return replace(asked, narrow=narrow, skip=int(searched.group("skip") or 0))
