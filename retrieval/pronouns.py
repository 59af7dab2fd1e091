"""Pronouns in a follow-up: which one the question leaves unresolved, whom "he" means, and the question
with the pronoun replaced.

Pure functions over the question's words and the earlier questions' text, kept apart from the detection and
expansion of follow-ups (``retrieval.followup``) that use them: grammar, not topics, so they hold for any
article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set

from index.lexical import terms

# A word starts with a letter and runs on through digits: "CNBC-TV18" borrowed as "CNBC-TV" lost its end.
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,./]*")
_PERSONAL = frozenset(
    ["he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "himself",
     "herself", "itself", "themselves"]
)
# "he" and "she" stand for a person: the person the earlier question named.
_PERSON = frozenset(["he", "she", "him", "her", "his", "hers", "himself", "herself"])
_POSSESSIVE = frozenset(["his", "hers", "its", "their", "theirs"])  # "her" reads as well either way
# A person's full name: two or more capitalised words in a row ("Ajay Prakash Sawhney"), not after an
# article: "The High Court", in the quote after "what did the court order yammerly to do?", was taken for whom
# "her" meant.
_FULL_NAME = re.compile(r"(?<![Tt]he\s)(?<![Aa]n\s)(?<![Aa]\s)\b(?!(?:The|A|An)\b)[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+")
_DEMONSTRATIVE = frozenset(["this", "that", "these", "those", "there"])
AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "be", "been", "do", "does", "did", "have", "has", "had", "will", "would", "can",
     "could", "should", "may", "might", "must", "shall"]
)
# "one" stands for a noun said before when a determiner or an adjective of order or choice leads it ("the
# first one", "the latest one?", "which one", "the other ones"): "what did the first one ask", after "how
# many notices did meity send", named nothing and was searched alone. "ones" is never a figure.
_PRO_ONE = frozenset(["one", "ones"])
_ONE_LEADS = frozenset(
    ["first", "second", "third", "last", "latest", "next", "previous", "earlier", "later", "other", "another",
     "new", "old", "same", "which", "that", "this", "these", "those", "each", "either"]
)
_DETERMINERS = frozenset(["the", "a", "an", "our", "your", "my"])
PREPOSITIONS = frozenset(
    ["about", "on", "of", "with", "for", "to", "from", "after", "before", "by", "in", "at", "over", "against",
     "like", "into", "than", "behind", "under"]
)


# What a message opens with before its scene: chat's fillers, and "I read (that)", "apparently" ...
_SCENE_OPENER = re.compile(
    r"^\s*(?:(?:so|ok|okay|well|hey|hi|now|and|but|apparently|basically|btw)\b[\s,]*)*"
    r"(?:i\s+(?:read|heard|saw|see|know|think|noticed|understand)\s+(?:that\s+)?)?",
    re.IGNORECASE,
)
# Where a scene's subject ends: its verb, an auxiliary or a past form ("Twitter reached out", "Sawhney is
# going to", "the government sent ..."); a plain present ("says") is as often a plural noun and is not read.
_SUBJECT_ENDS = re.compile(
    r"^(?:is|are|was|were|has|have|had|will|would|could|can|may|might|should|shall|must|did|does|do|"
    r"[a-z]{2,}ed|went|got|took|made|said|saw|came|left|lost|gave|sent|won|met|put|set|told|found|became|began|"
    r"held|kept|brought|paid|wrote|chose|spoke|stood|ran|rose|fell)$",
    re.IGNORECASE,
)
SUBJECT_WORDS = 4  # a scene's subject is a short noun phrase: "Twitter's senior management"


def words(text: str) -> list[str]:
    """The words of ``text`` as follow-ups read them: a figure stays whole ("1.2", "500,000")."""
    return _WORD.findall(text)


def unresolved_reference(text: str) -> str | None:
    """A pronoun or pronominal demonstrative the question itself gives no antecedent for.

    A capitalised name earlier in the question ("Did Twitter say it …") is taken as the antecedent; a
    demonstrative is pronominal after a preposition or at the end ("on that", "with those?"), or after an
    auxiliary with only its verb to follow ("why does that matter?"), not when it
    introduces a noun or a relative clause ("accounts that were blocked"); "one" after "the first", "which"
    or "the other" stands for a noun said before.
    """
    found = words(text)
    named = False
    for i, word in enumerate(found):
        lower = word.lower()
        if i > 0 and word[0].isupper() and lower not in _PERSONAL and word.upper() != "I":
            named = True
        # After an article or possessive, "it" is a word, not a pronoun: "the it minister" is IT's.
        if lower in _PERSONAL and not named and (i == 0 or found[i - 1].lower() not in _DETERMINERS):
            return word
        # "one of the notices" names what it is.
        if (lower in _PRO_ONE and i and found[i - 1].lower() in _ONE_LEADS and not named
                and (i == len(found) - 1 or found[i + 1].lower() != "of")):
            return word
        if lower in _DEMONSTRATIVE:
            before = found[i - 1].lower() if i else ""
            # "why does that matter?", "is that true?": after an auxiliary, with one word left, it is the subject.
            if i == len(found) - 1 or before in PREPOSITIONS or (before in AUXILIARIES and i == len(found) - 2):
                return word
    return None


def _written_name(question: str, quoted: Sequence[str]) -> list[str]:
    """The full name a question typed in lowercase ("who is ajay sawhney") asked about, as the sentences
    its answer quoted write it ("Ajay Sawhney"): the one holding most of the question's words, then the
    shortest. Chat rarely capitalises, and a name read only from capitals was never found there."""
    asked = set(terms(question))
    found = []
    for sentence in quoted:
        for match in _FULL_NAME.finditer(sentence):
            parts = [t for w in match.group(0).split() for t in terms(w)]
            if parts and parts[-1] in asked:
                found.append((-len(asked.intersection(parts)), len(parts), match.group(0)))
    return [min(found)[2]] if found else []


def person_referent(reference: str | None, questions: Sequence[str], idf: Mapping[str, float],
                    quoted: Sequence[Sequence[str]] = ()) -> tuple[str, str] | None:
    """For a question whose unresolved ``reference`` is "he" or "she", the person the latest of the earlier
    ``questions`` (oldest first) named: the term for the last word of the full name, the one articles repeat
    ("Sawhney will meet ..."), and the full name ("Ajay Prakash Sawhney"), not one opening the question.
    ``quoted``: what each question's answer quoted, where a name typed in lowercase is found as written."""
    if reference is None or reference.lower() not in _PERSON:
        return None
    for at in reversed(range(len(questions))):
        question = questions[at]
        names = [m.group(0) for m in _FULL_NAME.finditer(question) if m.start() > 0]
        if not names and at < len(quoted):
            names = _written_name(question, quoted[at])
        if names:
            last = terms(names[-1].split()[-1])
            return (last[0], names[-1]) if last and last[0] in idf else None
    return None


def _written_capitalised(quoted: Sequence[str]) -> dict[str, str]:
    """Each word the sentences write capitalised where no sentence starts (a name, not an opener), by its
    lowercase form: chat types "murmurly" where the articles write "Murmurly"."""
    written: dict[str, str] = {}
    for sentence in quoted:
        for match in _WORD.finditer(sentence):
            word, before = match.group(0), sentence[:match.start()].rstrip()
            if word[0].isupper() and before and before[-1] not in ".!?\"“”'‘’:" and word.upper() != "I":
                written.setdefault(word.lower(), word)
    return written


def stands_for_person(reference: str | None) -> bool:
    """Whether ``reference`` is "he", "she" or their other forms: a person, whom only a person's name replaces."""
    return reference is not None and reference.lower() in _PERSON


def thing_referent(reference: str | None, question: str, quoted: Sequence[str], known: Set[str]
                   ) -> str | None:
    """For a question whose unresolved ``reference`` is "it", "they" or "their", the first name the earlier
    ``question`` gave itself (capitalised there after its first word, or as its answer's ``quoted`` sentences
    write it), among the ``known`` terms (what the index holds and is not too common). "Why was tunnelfox
    removed from orchardly's store?" then "what about people who already have it": "it" is TunnelFox.
    None when the question named nothing: "the made-in-India app mentioned" asked for a name its answer gave."""
    if reference is None or reference.lower() not in _PERSONAL or reference.lower() in _PERSON:
        return None
    written = _written_capitalised(quoted)
    spans = list(_WORD.finditer(question))
    asked = [m.group(0) for m in spans]

    def name_at(i: int) -> str | None:
        word = asked[i]
        if i and word[0].isupper() and word.upper() != "I":
            return word
        return written.get(word.lower())

    for i, word in enumerate(asked):
        first = name_at(i) if any(t in known for t in terms(word)) else None
        if first is None:
            continue
        # The whole name: "Quipster Plus", "Reelwala Creators' Guild", "Clause 28", not its first word.
        name = [first]
        for j in range(i + 1, len(asked)):
            following = name_at(j) or (asked[j] if asked[j][0].isdigit() else None)
            between = question[spans[j - 1].end():spans[j].start()]
            if following is None or name[-1].endswith(("'s", "’s")) or not between.isspace():
                break  # "... from MeitY. What happened": a name ends at a sentence's end or a comma
            name.append(following)
        return _bare(" ".join(name))
    return None


def _bare(name: str) -> str:
    """A name without its possessive ending ("Orchardly's": "Orchardly"); ``resolve`` adds one as needed."""
    return re.sub(r"['’]s?$", "", name)


def resolve(text: str, reference: str | None, antecedent: str) -> str | None:
    """``text`` with its unresolved ``reference``, a personal pronoun, replaced by ``antecedent`` ("his" by
    "Sawhney's"); None when what it leans on is no personal pronoun ("on that"), which no single name replaces."""
    if reference is None or reference.lower() not in _PERSONAL:
        return None
    # "their" for "the groups" is "the groups'": a plural noun phrase takes the apostrophe alone.
    ending = "'" if antecedent.startswith("the ") and antecedent.endswith("s") else "'s"
    name = f"{antecedent}{ending}" if reference.lower() in _POSSESSIVE else antecedent
    return re.sub(rf"\b{re.escape(reference)}\b", lambda _: name, text.strip(), count=1)  # a name, no escapes


def scene_subject(sentence: str, known: Set[str]) -> str | None:
    """The subject a message's scene-setting sentence opens with ("twitter" of "twitter reached out on
    monday"), for its question's "it" or "he" ("... what did it ask for?"): the words before its verb, after
    any filler or "I read that", at most ``SUBJECT_WORDS`` of them, the last a term the index holds. None when
    the sentence opens with no such phrase ("I was reading about ...", a pronoun, no verb in reach).

    The scene is no earlier turn naming its subject in capitals or in a quote (``thing_referent``): chat types
    "twitter" in lowercase, first, and a subject as common in the articles as the story's main actor is no
    word ``followup.expand`` borrows. "twitter reached out on monday. what did it ask for?" borrowed "reached
    monday" and searched "what did it ask for?" for a meaning: declined over Jack Dorsey's liked tweet."""
    rest = sentence[_SCENE_OPENER.match(sentence).end():]  # type: ignore[union-attr]
    found = words(rest)
    lead = 0  # "the accounts were flagged": "the accounts", its determiner no word of the subject's own
    while lead < len(found) and found[lead].lower() in _DETERMINERS | {"these", "those", "this", "that"}:
        lead += 1
    for n, word in enumerate(found[lead : lead + SUBJECT_WORDS + 1], start=lead):
        if _SUBJECT_ENDS.match(word):
            subject = found[lead:n]
            if not subject or any(w.lower() in _PERSONAL or w.upper() == "I" for w in subject):
                return None
            last = terms(subject[-1])
            return " ".join(found[:n]) if last and last[-1] in known else None
    return None
