"""Questions whose answer is the name of whoever holds a role, however they are worded: "what's the name of koo's
ceo", "who is koo's ceo", "who heads the ministry", "koo's ceo?", and a message that sets its scene first and asks
after it ("twitter's vp is meeting sawhney. what's his name?").

``retrieval.unnamed`` declines such a question when no quote names a person. Read alike, one meaning is checked
alike: only the "what's the name of" wording was, so "who is koo's ceo" was answered with the sentence naming the
role and no one in it. A "who is" question is one only when what follows is a role ("the ministry's secretary",
"the head of the board"): "who is Sawhney" asks about a named person, "who said …" for a speaker.
"""

from __future__ import annotations

import re

from retrieval.name_spans import ROLE, ROLE_WORD
from retrieval.role_titles import asked_title

_ENDS = r"[\s?.!]*"
_LEAD = r"(?:(?:so|and|but|ok|okay)\s+)?"
_WHAT = r"(?:what(?:['’]?s|\s+is|\s+was|\s+are)|whats)"
# A role as a phrase of its own: an owner or article, a few words, the role word last, what it is of after it
# ("twitter's vice president of global public policy", "the head of the board", "the IT secretary").
_ROLE_PHRASE = (rf"(?:(?:the|a|an|its|their|his|her|[\w.&-]+['’]s)\s+)?(?:[\w'’&.-]+\s+){{0,4}}?(?:{ROLE})"
                rf"(?:\s+(?:of|for|at|in)\s+\S.*)?")
_ASKING = (r"(?:what|who|whom|whose|when|where|why|how|which|did|does|do|is|was|are|were|can|could|will|would|has"
           r"|have|had|should|tell|give|list|name|show)")
_PRONOUN = re.compile(r"his|her|their|he|she|they", re.IGNORECASE)
_ASKS_NAME = tuple(re.compile(rf"{_LEAD}{shape}{_ENDS}", re.IGNORECASE) for shape in (
    # "what's the name of koo's ceo", "tell me the name of the ministry's secretary"
    rf"(?:{_WHAT}|tell\s+me|give\s+me|do\s+you\s+know|do\s+the\s+articles\s+(?:give|say))\s+(?:the\s+)?names?\s+of"
    rf"\s+(?P<who>.+?)",
    # "what is koo's ceo's name", "what's the lawyer called", "what's his name", "what is she called"
    rf"{_WHAT}\s+(?P<who>.+?)(?:['’]s\s+name|\s+called)",
    rf"(?:{_WHAT}|tell\s+me|give\s+me|do\s+you\s+know)\s+(?P<who>his|her|their)\s+names?",
    # "who is koo's ceo", "who's the head of the board"
    rf"(?:who(?:['’]s|\s+is|\s+was|\s+are|\s+were)|whos)\s+(?P<who>{_ROLE_PHRASE})",
    # "who heads the ministry", "who chaired the committee": the role said by its verb
    r"who\s+(?P<who>(?:heads|headed|leads|led|runs|ran|chairs|chaired)\s+.+?)",
    # "koo's ceo?", "the head of the board?": a role alone, no asking word or verb before it
    rf"(?!{_ASKING}\b)(?P<who>(?:the\s+|[\w.&-]+['’]s\s+)(?:[\w'’&.-]+\s+){{0,3}}?(?:{ROLE})"
    rf"(?:\s+of(?:\s+[\w'’&.-]+){{1,5}})?)",
))
_VERB_ROLE = re.compile(r"(?:heads|headed|leads|led|runs|ran|chairs|chaired)\s", re.IGNORECASE)
# Where an ask may start after a scene: a sentence's or a clause's end.
_CUT = re.compile(r"[.!?,;:]\s+")


def asks_for_a_name(message: str) -> bool:
    """Whether ``message`` asks for the name of someone a role says ("ceo"), in its words or, for "what's his
    name", in the scene the message sets before it."""
    asked = asked_title(" ".join(message.split()))  # "the IT secy": the secretary
    for start in (0, *(m.end() for m in _CUT.finditer(asked))):
        who = _who(asked[start:])
        if who is None:
            continue
        if _PRONOUN.fullmatch(who):
            return bool(ROLE_WORD.search(asked[:start]))
        return bool(ROLE_WORD.search(who) or _VERB_ROLE.match(who))
    return False


def role_asked(message: str) -> str | None:
    """The role ``message`` asks the holder of, as worded ("the IT secretary"); None when it asks for no role's
    name, or asks it by a pronoun or a verb ("what's his name", "who heads the ministry")."""
    asked = asked_title(" ".join(message.split()))  # "the IT secy": the secretary
    for start in (0, *(m.end() for m in _CUT.finditer(asked))):
        who = _who(asked[start:])
        if who is not None:
            return who if ROLE_WORD.search(who) and not _PRONOUN.fullmatch(who) else None
    return None


def _who(ask: str) -> str | None:
    """Whose name ``ask`` asks for, as worded; None when it asks for none."""
    found = next((m for m in (p.fullmatch(ask) for p in _ASKS_NAME) if m is not None), None)
    return found.group("who") if found is not None else None
