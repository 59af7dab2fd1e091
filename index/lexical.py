"""Lexical analysis shared by the BM25 index and answer selection, so both see the same terms."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import simplemma
import Stemmer

# Numbers keep their inner separators ("1,178", "69A", "24/7"); words keep inner apostrophes and hyphens
# split so "round-the-clock" matches "round the clock".
_TOKEN = re.compile(r"\d[\d,./]*\d[a-z]*|\d[a-z]*|[a-z]+(?:'[a-z]+)?", re.IGNORECASE)
# bm25s ships only 33 stop words; questions are full of auxiliaries and pronouns that would otherwise
# count as evidence ("were", "its"), so the usual English function words are added.
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | frozenset(
    [
        "s",
        "t",
        "d",
        "ll",
        "m",
        "re",
        "ve",
        "did",
        "does",
        "do",
        "doing",
        "done",
        "said",
        "say",
        "says",
        "saying",
        "many",
        "much",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "also",
        "according",
        "were",
        "been",
        "being",
        "am",
        "has",
        "have",
        "having",
        "had",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "shall",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "any",
        "because",
        "before",
        "below",
        "between",
        "both",
        "down",
        "during",
        "each",
        "few",
        "from",
        "further",
        "here",
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "its",
        "itself",
        "them",
        "themselves",
        "those",
        "than",
        "too",
        "very",
        "just",
        "only",
        "own",
        "same",
        "so",
        "some",
        "other",
        "over",
        "under",
        "out",
        "up",
        "off",
        "once",
        "more",
        "most",
        "nor",
        "since",
        "around",
        "until",
        "till",  # chat's "until" ("till when is the data cut"): a function word, never a search word
        "til",
        "while",
        "whether",
        "yet",
        "ever",
        "us",
    ]
)
# An all-caps acronym is a name, not a function word: "IT" in "IT Act", "US" for the country.
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# Abbreviations news and chat write for a word the articles also write in full: one term for both forms. Read
# as their own terms, "govt" (chat's, and a headline's "Govt.") and "government" were different words, so
# "the govt said its order was ..." matched only the one quote that writes "Govt." and counted the question's
# most weighted word as missing from every sentence that says "government"; it was declined, the same
# question with "government" answered.
_SPELLED_OUT = {
    "govt": "government", "govts": "governments", "gvt": "government", "dept": "department",
    "depts": "departments", "intl": "international", "natl": "national", "mgmt": "management",
}


def _normalise(token: str) -> str:
    token = token.lower()
    if token[0].isdigit():
        return token.replace(",", "")
    if token.endswith("'s"):
        token = token[:-2]
    token = token.replace("'", "")
    return _SPELLED_OUT.get(token, token)


# Bump when ``terms`` changes: the lexical index and term statistics of an unchanged corpus are then
# rebuilt (vectors are reused; they do not depend on it).
# 4: accents folded ("café" is "cafe"); 5, 6: an acronym is no stop word's form ("US" was "we"); 7: "govt" is
# "government" (``_SPELLED_OUT``); 8: "till" and "til" are stop words, as "until" is
TERMS_VERSION = 8


@lru_cache(maxsize=65_536)
def _lemma(word: str) -> str:
    """Dictionary form before stemming: a stemmer can't see that "withheld" is "withhold", "took" is "take"
    or "told" is "tell", and questions and articles often use different forms of the same verb."""
    return simplemma.lemmatize(word, lang="en") if word.isalpha() else word


def unaccented(text: str) -> str:
    """``text`` with its letters' accents left off: people type "cafe" and "Pena" for an article's "café" and
    "Peña", and the tokens read Latin letters without accents ("café" was "caf")."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words ``terms`` reads, as written (but for accents): what to show a user for a term of theirs."""
    return _TOKEN.findall(unaccented(text))


def terms(text: str) -> list[str]:
    """Stemmed, lower-cased content terms with stop words removed; accents are left off."""
    text = unaccented(text)
    if not any(ch.islower() for ch in text):
        text = text.lower()  # SHOUTED TEXT has no acronyms to tell apart
    words: list[str] = []
    for token in _TOKEN.findall(text):
        word = _normalise(token)
        if not word:
            continue
        if _ACRONYM.match(token):
            # "US" is no form of "we", nor "IS" of "be": an acronym whose dictionary form is a stop word is
            # read as written. Another word in capitals ("who MET sawhney") is still that word's form.
            lemma = _lemma(word)
            words.append(word if lemma in _STOPWORDS else lemma)
        elif word not in _STOPWORDS:
            words.append(_lemma(word))
    return _stemmer().stemWords(words) if words else []


def build_bm25(texts: Sequence[str]) -> bm25s.BM25:
    return bm25_from_terms([terms(t) for t in texts])


def bm25_from_terms(token_lists: Sequence[list[str]]) -> bm25s.BM25:
    """The BM25 index of texts whose ``terms`` are already known (builds keep them per article)."""
    retriever = bm25s.BM25()
    # bm25s cannot index an empty token list; a placeholder term matches no real query.
    retriever.index([tokens or ["\x00"] for tokens in token_lists], show_progress=False)
    return retriever


def save_bm25(retriever: bm25s.BM25, folder: Path) -> None:
    retriever.save(str(folder))


def load_bm25(folder: Path) -> bm25s.BM25:
    return bm25s.BM25.load(str(folder), mmap=False)


def bm25_top(retriever: bm25s.BM25, query_terms: list[str], k: int, n_docs: int) -> list[tuple[int, float]]:
    """Top-k (row, score) with positive scores only; unknown terms are simply ignored."""
    known = [t for t in query_terms if t in retriever.vocab_dict]
    if not known or n_docs == 0:
        return []
    scores = retriever.get_scores(known)
    k = min(k, n_docs)
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    return [(i, s) for i, s in zip(top.tolist(), scores[top].tolist(), strict=True) if s > 0]


def document_frequencies(units: Iterable[str]) -> tuple[int, dict[str, int]]:
    """How many units (sentences) contain each term, for IDF weighting during answer selection."""
    df: Counter[str] = Counter()
    n = 0
    for text in units:
        n += 1
        df.update(set(terms(text)))
    return n, dict(df)
