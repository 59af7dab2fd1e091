"""Date mentions in a sentence (``index.dates``): the cost of a sentence packed with dates."""

from __future__ import annotations

import time

from index.dates import find_mentions

# Dates of every kind the per-date rules read around: a weekday beside a day, a future clause, a noun a date
# qualifies, a week, a named day; no comma, so the whole text is one clause.
PACKED = ("and on Monday February 8 the talks will happen after the January 26 violence and this week "
          "Republic Day was set for Friday ")


def _seconds(text: str) -> float:
    """The least CPU time of three reads: the least is what the code costs, not what the machine was doing."""
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        find_mentions(text)
        best = min(best, time.process_time() - began)
    return best


def test_a_sentence_packed_with_dates_takes_time_in_proportion_to_its_length() -> None:
    """Each date read its clause, the word before it and the subject it might open over the whole sentence
    before it: 20,000 characters took 3.5 s, four times that about sixteen times as long (a 1 MB upload, a
    minute). A complexity check, not a timing: four times the text must not take eight times as long."""
    short = (PACKED * 60)[:5_000]
    long = (PACKED * 240)[:20_000]
    find_mentions(long)  # dateparser's cache of the mentions' texts, warm for both
    assert len(find_mentions(long)) >= 4 * len(find_mentions(short)) - 4
    assert _seconds(long) < 8 * _seconds(short)


def test_the_dates_of_a_long_sentence_are_read_as_in_a_short_one() -> None:
    """Reading the clauses once per sentence changes nothing read: each clause's dates, with their tense and
    role, are the same wherever in a long sentence the clause falls (the first, which opens the sentence's
    subject, aside)."""
    clause = PACKED + "; "
    many = find_mentions(clause * 40)
    each = len(find_mentions(clause))
    assert len(many) == 40 * each
    second = [(m.start - len(clause), m.kind, m.future, m.reported, m.role) for m in many[each:2 * each]]
    assert any(m[2] for m in second) and any(not m[2] for m in second), "a clause's future is its own"
    for k in range(2, 40):
        assert [(m.start - k * len(clause), m.kind, m.future, m.reported, m.role)
                for m in many[k * each:(k + 1) * each]] == second
