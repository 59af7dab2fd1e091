"""What the articles as a whole know of a name's kind, beyond the one sentence a ``Mention`` is read from.

A sentence alone can't tell "Harbour Ledger said on Tuesday …" from a person speaking, nor "the judge said
Yammerly had …" from a title: lists of people (``retrieval.mentions``: "who are the people named", "who is
quoted") listed such organisations as people. A name the articles write elsewhere as an organisation, a company,
an app or a law ("the Harbour Ledger Group", "app Yammerly"), a short form defined in parentheses after such a
name ("Ministry of Justice (MoJ)"), or one the index's aliases spell out as one (``index.aliases``, mined at build
time), is no person's anywhere. No list of known names: the corpus's own words decide.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from index.lexical import terms
from retrieval.name_spans import ORG_WORD, Mention

Named = list[tuple[int, str, list[Mention]]]
_DEFINED = re.compile(r"\s*\(\s*([A-Za-z][\w&.-]*)\s*\)")  # "Ministry of Justice (MoJ)": the short form after it


def with_corpus_kinds(named: Named, aliases: Mapping[str, list[str]]) -> Named:
    """``named`` (an index's sentences with their names) with no name marked a person that the articles know as
    something else."""
    others = _not_people(named, aliases)
    if not others:
        return named
    return [(row, sentence, [replace(m, person=False) if m.person and _key(m.name) in others else m for m in found])
            for row, sentence, found in named]


def _not_people(named: Named, aliases: Mapping[str, list[str]]) -> set[str]:
    """The keys of names written as an organisation, company, app or law somewhere, and of their short forms."""
    others: set[str] = set()
    spelled: set[tuple[str, ...]] = set()  # the terms of every organisation's name, as aliases spell them out
    for _, sentence, found in named:
        for m in found:
            if m.org or m.company or m.app or m.law:
                others.add(_key(m.name))
                # "the Harbour Ledger Group": "Harbour Ledger" is that organisation's name too
                others.add(_key(re.sub(rf"\s+{ORG_WORD.pattern}$", "", m.name)))
                spelled.add(tuple(terms(m.name)))
                defined = _DEFINED.match(sentence[m.end :])
                if defined is not None:
                    others.add(_key(defined.group(1)))
    shorts = {short for short, long in aliases.items() if tuple(long) in spelled}
    for _, _, found in named:
        for m in found:
            if m.person and len(m.name.split()) == 1 and tuple(terms(m.name)) in {(s,) for s in shorts}:
                others.add(_key(m.name))
    return others


def _key(name: str) -> str:
    return " ".join(name.casefold().split())
