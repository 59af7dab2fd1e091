"""Notes for a moderator on articles an add accepted: things worth a second look that are no reason to refuse.

An add refuses what can't be an article; these are articles that will serve badly as they are (a script the
search can't read, a date that looks like a typo), said once, beside the build's report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from index import store
from index.scripts import mostly_in_another_script

# An added article dated further than this from every other article's stated date is worth a second look: a
# typo ("1999" for "2021") stretches the period the articles cover and puts its events on a far-off timeline.
FAR_DAYS = 366


Doc = dict[str, Any]


def written_notes(index_dir: Path, doc_ids: list[str]) -> list[dict[str, str]]:
    """Notes for the articles a build just added or changed (``doc_ids``), from the live index's article list,
    read once for all of them: a date far from the others', a title another article has too."""
    if not doc_ids:
        return []
    live = store.live_dir(index_dir)
    docs = [] if live is None else list(store.read_jsonl(live / store.DOCS))
    return far_dated(docs, doc_ids) + same_titles(docs, doc_ids)


def far_dated(docs: list[Doc], doc_ids: list[str]) -> list[dict[str, str]]:
    """Notes for the added articles whose stated date lies far outside every other article's: those indexed
    before and those added with it (an add of several files said "over a year from every other article" of one
    dated beside another of the same add, compared only with the articles indexed before)."""
    dates: dict[str, date] = {}
    files: dict[str, str] = {}
    for doc in docs:
        files[doc["doc_id"]] = doc.get("filename") or doc["doc_id"]
        if doc.get("date") and not doc.get("date_estimated"):
            dates[doc["doc_id"]] = date.fromisoformat(doc["date"])
    # The two earliest and the two latest: the others' range for any one article, without it.
    ends = sorted(dates.items(), key=lambda item: item[1])
    ends = ends[:2] + ends[-2:] if len(ends) > 4 else ends
    notes = []
    for doc_id in doc_ids:
        day = dates.get(doc_id)
        others = [other for other_id, other in ends if other_id != doc_id]
        if day is None or not others:
            continue
        first, last = others[0], others[-1]
        # One day is said once: the seed corpus states one date, and the note read "(2021-02-10 to 2021-02-10)".
        period = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
        if (first - day).days > FAR_DAYS or (day - last).days > FAR_DAYS:
            notes.append({"file": files[doc_id], "note": (
                f"dated {day.isoformat()}, over a year from every other article ({period}): check the date, "
                "which sets the period the articles cover and its events")})
    return notes


def same_titles(docs: list[Doc], doc_ids: list[str]) -> list[dict[str, str]]:
    """Notes for the added articles titled exactly as another article is: sources, citations and the timeline name
    an article by its title, and the two read as one article cited twice (a story that opens with the same line
    as a wire report it follows, a second part saved under the first's headline)."""
    titled: dict[str, list[str]] = {}  # a title (``_title_key``): its articles, in order
    for doc in docs:
        titled.setdefault(_title_key(doc), []).append(doc["doc_id"])
    notes = []
    for doc in docs:
        if doc["doc_id"] not in doc_ids:
            continue
        other = next((doc_id for doc_id in titled[_title_key(doc)] if doc_id != doc["doc_id"]), None)
        if other is not None:
            notes.append({"file": doc.get("filename") or doc["doc_id"], "note": (
                f"added, but its title is {other}'s too (\"{doc['title']}\"): sources and citations tell them apart "
                "only by date and id; give it a title of its own (a first line, or title: in front matter)")})
    return notes


def _title_key(doc: Doc) -> str:
    """A title as readers tell titles apart: spaces squeezed, case folded."""
    return " ".join(doc["title"].split()).casefold()


def reading_note(text: str) -> str | None:
    if not mostly_in_another_script(text):
        return None
    return ("added, but it is mostly in a script other than English; the bot searches and reads English, so "
            "its passages will rarely be found (an English translation would be)")
