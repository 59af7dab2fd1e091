"""What a build derives from each article on its own, as a registry of versioned extractors.

Every build used to split, chunk and analyse every article again; now each extractor's result is kept per
article (``index.article_cache``), keyed by the article's content and the extractor's version, so a build
computes only what is new: the new article, or everything one changed rule touches.

An extractor turns one ``Article`` (the parsed document, its sentences and chunks) into JSON-able data, and
the builder assembles the index files from the results of all articles. Adding one is a few lines::

    register(Extractor("aliases", ALIASES_VERSION, lambda a: mine_aliases([a.doc.text])))
    # then, where the builder assembles the index:
    aliases = merge_first(results["aliases"])

Bump an extractor's version whenever its output for the same text changes: its cached results are then
recomputed, and an index built with the old version is rebuilt (without re-embedding anything).

A result that depends on other articles declares it with ``context``: given the corpus, it returns what
each article's result depends on (kept in the cache key), or None when only a pass over the whole corpus
(``extract_all``) can tell; such results are then computed for every article and not cached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from index.aliases import ALIASES_VERSION, mine_aliases
from index.chunking import Chunk, Span
from index.documents import PARSE_VERSION, Document
from index.events import EVENTS_VERSION, extract_events
from index.figures import figure_windows
from index.kin_dates import kin_periods
from index.lexical import TERMS_VERSION, terms

# Bump when ``index.chunking.split_sentences`` splits differently: every cached article is split again.
SENTENCES_VERSION = 38  # 4: a stamp line keeps its line breaks in wrapped text; 5: a byline; 6: an address;
# 7: no sentence on lines of page furniture (index.furniture);
# 8: a story's line opening with "Copyright" or about cookie rules is no furniture; 9: a stamp line with runs of spaces;
# 10: a wrapped paragraph's lines after a block of links are no links; 11: a photo's caption or credit is furniture,
# and so are a section's label, a release's end mark and media contact, a wire's credits, an opinion's bio;
# 12: a caption describing its picture is a sentence again (``index.furniture.is_credit``); 13: bylines, stamp lines
# ("Updated: …", "Last modified …", a dateline, one date alone) and reading times are furniture, and an issuer's
# line, a reading time, an e-mail's header and a transcript's turn keep their line breaks in wrapped text; an
# e-mail's headers, chrome and signature, a post's author line and counts, a translation's credit, a speaker's label
# alone, an editor's correction note and a "sentence" of symbols alone ("🧵") are no sentences; 14: in wrapped text a
# headline over its paragraph is a sentence of its own, and a newsletter's sign-off and chrome sentences sharing a
# line with its story are none; a word hyphenated over a wrapping line break is one word; "Prepared by …", "Issued by …"
# and a page's number ("Page 2 of 3") are furniture; 15: share bars labelled by action ("Share  Tweet  Email"), tag
# lines and chrome pieces run together on a line are furniture (``index.toolbars``), and a PDF's page break pasted
# as text no longer cuts a sentence in two (``index.page_breaks``); 16: a page's prompts and reading tools
# ("Subscribe to our newsletter", "Story continues below this ad"), an action's button alone ("Email"), chrome
# pieces run together with a bar ("Listen | 4 min read") and the tags under a "Tags"/"Topics" heading are furniture,
# and a credit ending a caption ("… on a screen. (File photo)") is no sentence; 17: a page number between dashes
# ("- 2 -") is furniture, and a page break that joins a cut sentence (``index.page_breaks``); 18: a note's mark
# closing a sentence or opening a note ("three.[2]", "² The posts …") is no part of it (``index.note_marks``)
# 19: a small table pasted as text (tab- or pipe-separated cells) is one sentence, its header with its rows
# (``index.tables``); 20: a correction note's sentence giving the right fact is a sentence again, and a story's
# sentence stating the figure the note withdraws is none (``index.corrections``); an editor's note on the story, the
# headlines under a links heading that ask, a release's contact block and "About …" boilerplate
# (``index.release_foot``) and a sign-up box's lines ("Enter your email  Sign up") are furniture
# 21: a live blog's or chronology's entry heads ("Feb 9, 21:15", "14:05 IST", a line each) are furniture
# (``index.entry_heads``), and so is a share bar named for what the page is ("Share this live blog: Facebook | …")
# 22: a small table aligned with runs of spaces, three columns or more, is one sentence (``index.tables``)
# 23: a live blog's sentence stating a figure a later update says was not so is none (``index.blog_updates``)
# 24: a transcript's time code opening a turn ("[00:12:31] HOST: …") is no part of its sentence (``index.time_codes``)
# 25: a saved e-mail whose preheader links its web copy ("… View this email in your browser.") is a newsletter, and
# "Forward this to a colleague" is its chrome: its sign-off and chrome sentences are none (``index.pasted``)
# 26: a byline naming the writer by role only ("By a former member of the Law Commission") is no sentence
# 27: a numbered paragraph's or a thread post's number opening its line ("12. The petitioner …", "1/ Today …") is no
# part of its sentence (``index.item_numbers``)
# 28: a government press office's reference initials alone on a line under a release ("RKV/MD") are no sentence
# 29: a list item without a full stop keeps its number ("2. Platforms must appoint …"): it makes the item quotable
# 30: a newsletter's "See you next Friday." is a sign-off too (``index.pasted._SIGN_OFF``)
# 31: a sentence in Hindi (or another script writing the danda) ends at its danda "।" (``index.scripts.at_dandas``)
# 32: an interview's answer label opening its line ("A: Nine of the accounts …") is no part of its sentence
# 33: a fact box's lines ("Founded: 2020, …", three or more) are one sentence with its heading (``index.fact_lists``)
# 34: a citation's abbreviation before its figure ("under s. 12(3) of the act", "vol. 44, p. 211") ends no sentence
# 35: a chronology's lines labelled by their day ("Jan 9: …", "Monday: …") are no fact box (``index.fact_lists``)
# 36: an entry head with its time first or an update's word ("11:20 AM, Feb 9", "Update (Feb 9, 11:20):") is
# furniture too (``index.entry_heads``)
# 37: an embedded post's foot ("— Alma Verrin (@verrin_harbour) March 17, 2024") is furniture (``index.pasted``); a
# pull quote repeating a line of the story is no sentence (``index.pull_quotes``)
# 38: a note's mark split from the quote it follows ('… requires".[2]') is no sentence (``index.note_marks``)
# Bump when what is stored about figures changes (``index.figures``).
FIGURES_VERSION = 2  # 2: multiples ("twelvefold", "doubled", "halved") are figures


@dataclass(frozen=True)
class Article:
    """One article as extractors see it. ``context`` is what the extractor's ``context`` said this article's
    result depends on from the rest of the corpus (None without one)."""

    doc: Document
    sentences: list[Span]
    chunks: list[Chunk]
    context: Any = None

    def sentence_texts(self) -> list[str]:
        return [self.doc.text[s.start : s.end] for s in self.sentences]


PerArticleContext = Callable[[Document], Any]


@dataclass(frozen=True)
class Extractor:
    name: str  # the manifest records ``<name>_version``
    version: int
    extract: Callable[[Article], Any]
    context: Callable[[list[Document]], PerArticleContext | None] | None = None
    extract_all: Callable[[list[Article]], list[Any]] | None = None


EXTRACTORS: dict[str, Extractor] = {}


def register(extractor: Extractor) -> Extractor:
    EXTRACTORS[extractor.name] = extractor
    return extractor


def versions() -> dict[str, int]:
    """Every per-article rule's version, as recorded in the manifest. The parse's is one: a file read
    differently (a .md body without its markup) must be indexed again though no article changed."""
    return {"parse_version": PARSE_VERSION, "sentences_version": SENTENCES_VERSION,
            **{f"{e.name}_version": e.version for e in EXTRACTORS.values()}}


def merge_first(results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per-article mappings merged in corpus order, the first article to define a key keeping it."""
    merged: dict[str, Any] = {}
    for result in results:
        for key, value in result.items():
            merged.setdefault(key, value)
    return merged


# -- the built-in extractors ------------------------------------------------------------------------------


def _figures(article: Article) -> list[list[Any]]:
    """(sentence number in the article, start, end, the words around it) of every figure: what count
    questions compare against, embedded at build time."""
    return [[i, fig.start, fig.end, window]
            for i, text in enumerate(article.sentence_texts()) for fig, window in figure_windows(text)]


def _terms(article: Article) -> dict[str, Any]:
    """Each chunk's BM25 terms, and in how many of the article's sentences each term occurs (IDF)."""
    df: Counter[str] = Counter()
    for text in article.sentence_texts():
        df.update(set(terms(text)))
    return {"chunks": [terms(c.text) for c in article.chunks], "df": dict(df), "units": len(article.sentences)}


def _given_date(doc: Document) -> date | None:
    """The article's own date when it states one (an estimated date is not stated)."""
    if not doc.date or doc.date_estimated:
        return None
    try:
        return date.fromisoformat(doc.date)
    except ValueError:
        return None


def dated_period(docs: list[Document]) -> list[str] | None:
    """The days (ISO, each once, in order) the articles that state a date are from; None when none does. An
    undated article's events and estimated date depend on the corpus only through this: the period they
    cover and, when they fall in groups years apart, which group holds most of them
    (``index.date_resolution.CorpusWindow``), or, narrowed to one group's days, the group of the dated article
    most like it (``index.kin_dates``)."""
    dated = {d for doc in docs if (d := _given_date(doc)) is not None}
    return [d.isoformat() for d in sorted(dated)] if dated else None


def _events_context(docs: list[Document]) -> PerArticleContext | None:
    """A dated article's events depend on it alone; an undated one's take a missing year from the days the
    dated articles are from (``index.date_resolution.corpus_window``), so those days are its context. With no
    dated article at all, the period comes from every article's text: a whole-corpus pass."""
    period = dated_period(docs)
    if period is None:
        return None
    # An estimated date places the article's weekdays, so it is part of what its events depend on.
    kin = kin_periods(docs)  # an undated article's years come from the dated articles most like it
    return lambda doc: "" if _given_date(doc) else {"dated": kin.get(doc.doc_id, period),
                                                    "estimated": doc.date if doc.date_estimated else None}


def _period_anchor(doc_id: str, day: str) -> Document:
    """A dated article without text: it adds a date to the corpus period and no events."""
    return Document(doc_id=doc_id, title="", date=day, url=None, source=None, text="", body_offset=0,
                    sha256="", filename="")


def _events(article: Article) -> list[dict[str, Any]]:
    period = list((article.context or {}).get("dated") or ())  # its "estimated" date is the article's own
    anchors = [_period_anchor(f"\0period-{i}", day) for i, day in enumerate(period)]
    return extract_events([article.doc, *anchors], {article.doc.doc_id: article.sentences})


def _events_all(articles: list[Article]) -> list[Any]:
    records = extract_events([a.doc for a in articles], {a.doc.doc_id: a.sentences for a in articles})
    by_doc: dict[str, list[dict[str, Any]]] = {a.doc.doc_id: [] for a in articles}
    for record in records:
        by_doc[record["doc_id"]].append(record)
    return [by_doc[a.doc.doc_id] for a in articles]


register(Extractor("figures", FIGURES_VERSION, _figures))
register(Extractor("aliases", ALIASES_VERSION, lambda article: mine_aliases([article.doc.text])))
register(Extractor("terms", TERMS_VERSION, _terms))
register(Extractor("events", EVENTS_VERSION, _events, context=_events_context, extract_all=_events_all))


def with_version(name: str, version: int) -> Extractor:
    """The registered extractor under another version (tests: a rule change without changing the rule)."""
    return replace(EXTRACTORS[name], version=version)
