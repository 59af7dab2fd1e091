"""One role, however its title is written: "ceo", "chief executive" and "chief executive officer" name one job, as
do "vp" and "vice president", "md" and "managing director", "secy" and "secretary", "min" and "minister".

A question asking "who is the company's chief executive" was read as asking for a "chief", an "executive" and an
"officer" apart, and an article writing "CEO Jane Doe" named none of them; "who is the IT secy" asked for no role
the title words know. The table is of standard English title abbreviations, no story's: each role's forms, its
first form the one it is read as.
"""

from __future__ import annotations

import re

TITLES: tuple[tuple[str, ...], ...] = (
    ("ceo", "chief executive officer", "chief executive"),
    ("cto", "chief technology officer", "chief technical officer"),
    ("coo", "chief operating officer"),
    ("cfo", "chief financial officer"),
    ("vp", "vice president", "vice-president"),
    ("md", "managing director"),
    ("secretary", "secy"),
    ("minister", "min"),
)
# Forms a question may write that ``retrieval.name_spans``' title words do not know, and how they are spelled out.
_ASKED_ONLY = {"secy": "secretary", "min": "minister"}


def _plain(written: str) -> str:
    """A form as the table keys it: "Vice-President" and "vice  president" are "vice president"."""
    return re.sub(r"[\s-]+", " ", written.casefold()).rstrip(".")


def _pattern(forms: list[str]) -> str:
    """Longest first, so "chief executive officer" is read whole before "chief executive"; a space or hyphen
    between words as either."""
    spelled = sorted({_plain(f) for f in forms}, key=len, reverse=True)
    return "|".join(r"[\s-]+".join(re.escape(w) for w in f.split()) + r"\.?" for f in spelled)


_ANY = re.compile(rf"(?<![\w-])(?:{_pattern([f for t in TITLES for f in t])})(?![\w-])", re.IGNORECASE)
_FORMS = {_plain(f): t for t in TITLES for f in t}


def read_as(words: str) -> str:
    """``words`` with every title in it written as its role's first form ("koo's chief executive" -> "koo's
    ceo")."""
    return _ANY.sub(lambda m: _FORMS[_plain(m.group())][0], words)


def asked_title(question: str) -> str:
    """``question`` with the title forms only a question writes ("secy", "min") spelled as the title words
    know them ("secretary", "minister"); other words, and the forms articles write, stay as asked."""
    return _ANY.sub(lambda m: _ASKED_ONLY.get(_plain(m.group()), m.group()), question)


def is_title(word: str) -> bool:
    """Whether ``word`` is a form of a role of the table ("md", "secy")."""
    return _plain(word) in _FORMS


def title_cue(role: str) -> str:
    """A pattern for ``role`` (a word of a question's role) in any of its forms: "ceo" matches "CEO", "Chief
    Executive Officer" and "chief executive"; a word no title of the table holds, as itself."""
    forms = _FORMS.get(_plain(role))
    return _pattern(list(forms)) if forms else re.escape(role)
