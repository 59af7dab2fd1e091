"""Chat's shorthand read as the words it stands for, where a follow-up is read and a decline names words.

"wat abt farmers", "y did govt want it blocked", "why tho": as typed, "wat", "abt" and "tho" are words no
article uses, so a decline said the articles "never use the words “wat” or “abt”" and "why tho" was told
the articles "likely don't cover this"; "y" is no asking word, so "y did they do that" asked nothing, and
"wat abt farmers" did not open with "what about", so it was not read as a follow-up.

Only forms that are no English word, or that chat alone uses where they stand ("y" opening a question,
"u" between words), are read, so a question written out is never changed; and, as with typos
(``retrieval.spelling``), a form the articles use themselves is their word: "govt" stays where an article
writes "Govt.". "tho" is "though", read as the written-out "why though?" is: a particle that leans on the
previous turn. Tried and not kept: leaving that particle out of what is searched; on the training
conversations it answered one "why though?" without the fact that had been declined, and helped none.
A first question is searched as typed (``retrieval.reading.searched_as`` says why).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.lexical import terms

# Shorthand that is no English word, read wherever it stands.
WORDS = {
    "wat": "what", "wht": "what", "wut": "what", "wen": "when", "whn": "when", "whr": "where", "hw": "how",
    "abt": "about", "abut": "about", "govt": "government", "gvt": "government", "govts": "governments",
    "ppl": "people", "pls": "please", "plz": "please", "plzz": "please", "bcoz": "because", "bcz": "because",
    "coz": "because", "cuz": "because", "thru": "through", "b4": "before", "ur": "your", "tho": "though",
    "yrs": "years", "dept": "department", "msg": "message",
    "acct": "account", "accts": "accounts", "hrs": "hours", "mins": "minutes", "approx": "approximately",
    "intl": "international", "natl": "national",
}
# Left out as more than one word in chat: "min"/"max" (minimum, minute, minister; maximum, a name), "gov"
# (government, governor, a web address), "yr" (year, your), "acc" (account, according); "info" is a word
# itself, and written out as "information" it would match the ministry's name ("Information Technology").
# Letters that are words in chat but a letter elsewhere ("section y", "the u.s."): read only where a
# letter can't stand. "y" opens a question ("y did they", "and y?"); "u" stands between two words.
_WHY = re.compile(r"(?i)(?<![\w.'’-])(^|\b(?:and|but|so|ok|okay|then)\s+)y(?![\w.'’-])")
_YOU = re.compile(r"(?i)(?<=[a-z] )u(?= [a-z])")
# "r" is "are" where a verb's place is plain: before a pronoun, an article, "not"/"still", a preposition or a
# participle ("how many judges r hearing it", "who r they", "r the accounts blocked"); "section r of the act"
# keeps its letter.
_ARE = re.compile(r"(?i)(?:(?<=[a-z] )|^)r(?= (?:the|they|you|we|these|those|there|them|not|still|now|on|in|at|"
                  r"being|[a-z]+ing|[a-z]+ed)\b)")
_WORD = re.compile(r"(?<![\w.'’-])[A-Za-z][A-Za-z0-9]*(?![\w'’-]|\.\w)")


def plain_words(text: str, used: Callable[[str], bool] = lambda _: False) -> str | None:
    """``text`` with chat's shorthand written out, or None when it has none. ``used``: whether the articles
    use a word as it is written (it is then left as it is)."""
    def word(match: re.Match[str]) -> str:
        typed = match.group()
        meant = WORDS.get(typed.lower())
        if meant is None or used(typed):
            return typed
        return meant.capitalize() if typed[0].isupper() else meant

    read = _WORD.sub(word, text)
    read = _WHY.sub(lambda m: f"{m.group(1)}why", read)
    read = _YOU.sub("you", read)
    read = _ARE.sub("are", read)
    return read if read != text else None


def asking_words(text: str) -> str:
    """``text`` with the shorthand for words that only make it a question written out ("wen", "wat", "b4",
    "y", "r": "when", "what", "before", "why", "are"), and shorthand that names something ("govt", "ppl")
    left as typed, since a first question is searched as typed (``retrieval.reading.searched_as``).

    As typed, "wen was the order issued" asked no "when" and "wat regulation ..." no "what", so the answer
    model judged sentences for another kind of question; "b4" was searched as "b" and the figure 4 (which a
    count's answer must then not give), and "wen", "wat", "r" counted as question words that no sentence
    holds."""
    return plain_words(text, lambda word: bool(terms(WORDS.get(word.lower(), word)))) or text
