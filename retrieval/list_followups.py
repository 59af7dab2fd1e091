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

from retrieval.list_questions import ListAsk, list_question, singular
from retrieval.turns import FollowupContext

_THEM = r"(?:them|those|these|the\s+(?:names|people|ones)(?:\s+(?:named|mentioned|listed))?)"
# "which of them is a minister", "who among those are ministers", "which ones are ministries"
_WHICH_OF = re.compile(
    rf"(?:and\s+)?(?:which|who|what)\s+(?:(?:one\s+)?(?:of|among)\s+{_THEM}|ones)\s+(?:is|are|was|were|r)\s+"
    r"(?:(?:a|an|the)\s+)?(?P<cue>[a-z][a-z-]{2,})[\s?.!]*", re.IGNORECASE)
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
    before = list_question(context.turns[-1].question)
    if before is None:
        return None
    asked = " ".join(text.split())
    which = _WHICH_OF.fullmatch(asked)
    if which is not None:
        word = which.group("cue").lower()
        return replace(before, narrow=singular(word) if word.endswith("s") and not word.endswith("ss") else word)
    if _ELSE.fullmatch(asked):
        return replace(before, skip=before.skip + shown)
    return None


def follow_up_searched(asked: ListAsk) -> str:
    """What a follow-up over a list searched, as a list question of its own: said in the reply, and read as the
    last turn by the next follow-up ("who else" after "which of them is a minister")."""
    named = f"which {asked.noun} are named" + (f", written with “{asked.narrow}”" if asked.narrow else "")
    return named + (f", after the first {asked.skip}" if asked.skip else "")
