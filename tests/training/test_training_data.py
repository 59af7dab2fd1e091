"""Validates the answer model's training articles and questions (training/articles/ and, when it sits next to
the checkout, ../shared/train/).

A gold string that no longer occurs in its article teaches the model a wrong label without any error, and a
miscounted file skews the answerable/unanswerable balance the decline rule is fitted on; these checks catch
both before any fitting. Whether an unanswerable question is really unanswerable needs a human reader and is
not checked here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import frontmatter
import pytest

ROOT = Path(__file__).resolve().parents[2]

MIN_WORDS, MAX_WORDS = 300, 550
MAX_GOLD_WORDS = 5
URL_PATTERN = re.compile(r"https://example\.org/[a-z0-9]+(?:-[a-z0-9]+)*")
STEM_PATTERN = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
ANSWERABLE_KEYS = {"id", "question", "answers_any", "docs", "answerable"}
UNANSWERABLE_KEYS = {"id", "question", "docs", "answerable"}
# Quote characters are dropped, not replaced, so "chamber's" in a gold string matches "chamber’s" in the text.
QUOTES = re.compile("[,\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]")


@dataclass(frozen=True)
class QuestionSet:
    """One folder of articles and the shape its README promises for every question file."""

    name: str
    directory: Path
    questions: int
    unanswerable: int
    min_articles: int
    # Chat-style questions (all lowercase, no question mark) each file must hold; 0 = not checked.
    min_chat_style: int
    # Gold strings must occur in the prose, not only in the title heading. The shared set was checked against
    # the whole body, heading included (see its README), and is read-only here, so it keeps that rule.
    golds_in_prose: bool
    # The longest gold string, in words: the unseen set's writer, who saw no other file, used up to 8.
    max_gold_words: int = MAX_GOLD_WORDS


TRAINING = QuestionSet("training", ROOT / "training" / "articles", 12, 3, 14, 3, True)
HELDOUT = QuestionSet("heldout", ROOT / "training" / "heldout", 12, 3, 12, 3, True)
# Written 2026-12-06 by a writer who read only the articles and the file format: measured, never fitted on.
UNSEEN = QuestionSet("unseen", ROOT / "training" / "unseen", 9, 3, 4, 3, True, 8)
UNSEEN2 = QuestionSet("unseen2", ROOT / "training" / "unseen2", 9, 3, 4, 3, True)
UNSEEN3 = QuestionSet("unseen3", ROOT / "training" / "unseen3", 9, 3, 4, 3, True)
UNSEEN4 = QuestionSet("unseen4", ROOT / "training" / "unseen4", 9, 3, 4, 3, True)
UNSEEN5 = QuestionSet("unseen5", ROOT / "training" / "unseen5", 9, 3, 4, 3, True)
UNSEEN6 = QuestionSet("unseen6", ROOT / "training" / "unseen6", 9, 3, 4, 3, True)
SHARED = QuestionSet("shared", ROOT.parent / "shared" / "train", 10, 2, 1, 0, False)
SETS = (TRAINING, HELDOUT, UNSEEN, UNSEEN2, UNSEEN3, UNSEEN4, UNSEEN5, UNSEEN6, SHARED)


def normalise(text: str) -> str:
    """Lowercase, drop commas and quote characters, collapse whitespace: the comparison the sets promise."""
    return " ".join(QUOTES.sub("", text.lower()).split())


def occurs(gold: str, text: str) -> bool:
    """True when the normalised gold string sits in the normalised text on word boundaries.

    Lookarounds instead of \\b so that golds starting or ending with a symbol ("$46 million", "41%",
    "#FieldsFirst") still need a non-word character (or the text's edge) beside them.
    """
    needle = normalise(gold)
    if not needle:
        return False
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", normalise(text)) is not None


def prose(content: str) -> str:
    """The article body without Markdown heading lines: a gold string must be quotable from a sentence."""
    return "\n".join(line for line in content.splitlines() if not line.lstrip().startswith("#"))


def stems(qset: QuestionSet) -> list[str]:
    if not qset.directory.is_dir():
        return []
    names = {p.stem for p in qset.directory.glob("*.md") if p.name != "README.md"}
    names |= {p.stem for p in qset.directory.glob("*.jsonl")}
    return sorted(names)


def load_questions(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name}:{number}: not JSON ({exc})")
        assert isinstance(row, dict), f"{path.name}:{number}: not a JSON object"
        rows.append(row)
    return rows


def article_params() -> list[Any]:
    params: list[Any] = []
    for qset in SETS:
        if not qset.directory.is_dir():
            params.append(
                pytest.param(qset, "", id=f"{qset.name}-absent", marks=pytest.mark.skip(f"{qset.directory} absent"))
            )
            continue
        params.extend(pytest.param(qset, stem, id=f"{qset.name}-{stem}") for stem in stems(qset))
    return params


@pytest.mark.parametrize("qset", SETS, ids=[s.name for s in SETS])
def test_folder_pairs_every_article_with_its_questions(qset: QuestionSet) -> None:
    if not qset.directory.is_dir():
        pytest.skip(f"{qset.directory} absent")
    found = stems(qset)
    assert len(found) >= qset.min_articles, f"{qset.name}: {len(found)} articles, want >= {qset.min_articles}"
    for stem in found:
        assert STEM_PATTERN.fullmatch(stem), f"{stem}: stems are lowercase words joined by underscores"
        assert (qset.directory / f"{stem}.md").is_file(), f"{stem}.jsonl has no {stem}.md"
        assert (qset.directory / f"{stem}.jsonl").is_file(), f"{stem}.md has no {stem}.jsonl"


@pytest.mark.parametrize(("qset", "stem"), article_params())
def test_article_front_matter_and_length(qset: QuestionSet, stem: str) -> None:
    post = frontmatter.load(qset.directory / f"{stem}.md")
    assert set(post.metadata) == {"title", "date", "url", "source"}, f"{stem}: front matter keys {set(post.metadata)}"
    title = post.metadata["title"]
    assert isinstance(title, str) and title.strip(), f"{stem}: empty title"
    assert isinstance(post.metadata["date"], date), f"{stem}: date is not a YAML date"
    assert URL_PATTERN.fullmatch(str(post.metadata["url"])), f"{stem}: url {post.metadata['url']!r}"
    assert post.metadata["source"] == "Example News"
    assert post.content.lstrip().startswith(f"# {title}"), f"{stem}: body does not open with the title heading"
    words = len(post.content.split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{stem}: body has {words} words, want {MIN_WORDS}-{MAX_WORDS}"


@pytest.mark.parametrize(("qset", "stem"), article_params())
def test_questions_shape_and_gold_strings(qset: QuestionSet, stem: str) -> None:
    content = frontmatter.load(qset.directory / f"{stem}.md").content
    body = prose(content) if qset.golds_in_prose else content
    rows = load_questions(qset.directory / f"{stem}.jsonl")

    assert [r.get("id") for r in rows] == [f"{stem}-{i:02d}" for i in range(1, qset.questions + 1)]
    unanswerable = [r for r in rows if r.get("answerable") is False]
    assert len(unanswerable) == qset.unanswerable, f"{stem}: {len(unanswerable)} unanswerable"
    texts = [normalise(str(r.get("question", ""))) for r in rows]
    assert len(set(texts)) == len(texts), f"{stem}: a question is repeated"

    for row in rows:
        qid = row["id"]
        question = row.get("question")
        assert isinstance(question, str) and question.strip(), f"{qid}: empty question"
        assert row.get("docs") == [stem], f"{qid}: docs must be [{stem!r}]"
        assert isinstance(row.get("answerable"), bool), f"{qid}: answerable must be true or false"
        if not row["answerable"]:
            assert set(row) == UNANSWERABLE_KEYS, f"{qid}: unanswerable question carries {set(row) - UNANSWERABLE_KEYS}"
            continue
        assert set(row) == ANSWERABLE_KEYS, f"{qid}: keys {set(row)}"
        golds = row["answers_any"]
        assert isinstance(golds, list) and golds, f"{qid}: answers_any must be a non-empty list"
        assert len({normalise(g) for g in golds}) == len(golds), f"{qid}: repeated gold string"
        for gold in golds:
            assert isinstance(gold, str), f"{qid}: gold {gold!r} is not a string"
            longest = qset.max_gold_words
            assert 1 <= len(gold.split()) <= longest, f"{qid}: gold {gold!r} is not 1-{longest} words"
            assert occurs(gold, body), f"{qid}: gold {gold!r} not found in {stem}.md"

    chat = [
        r["id"] for r in rows if r["question"] == r["question"].lower() and not r["question"].rstrip().endswith("?")
    ]
    assert len(chat) >= qset.min_chat_style, f"{stem}: {len(chat)} chat-style questions, want {qset.min_chat_style}"


def test_ids_and_urls_are_unique_across_sets() -> None:
    ids: dict[str, str] = {}
    urls: dict[str, str] = {}
    for qset in SETS:
        for stem in stems(qset):
            url = str(frontmatter.load(qset.directory / f"{stem}.md").metadata.get("url"))
            assert url not in urls, f"{stem} and {urls.get(url)} share {url}"
            urls[url] = stem
            for row in load_questions(qset.directory / f"{stem}.jsonl"):
                assert row["id"] not in ids, f"id {row['id']} in {stem} and {ids.get(row['id'])}"
                ids[row["id"]] = stem


@pytest.mark.parametrize(
    ("gold", "text", "expected"),
    [
        ("61", "Pipewave has blocked 61 of the 86 channels", True),
        ("61", "the ministry issued 612 orders", False),
        ("1,474", "required Peeplink to block 1,474 web addresses", True),
        ("$2.10", "a minimum of $2.10 per delivery", True),
        ("41%", "complied fully with 41% of them", True),
        ("41%", "complied fully with 141% of them", False),
        ("#FieldsFirst", "The hashtag #FieldsFirst was used", True),
        ("chamber's president", "the chamber\u2019s  president said", True),
        ("48 hours' notice", "give at least 48 hours' notice in future", True),
        ("in minutes not days", 'spread "in minutes, not days".', True),
        ("Monday", "on Mondays", False),
        ("", "anything", False),
    ],
)
def test_gold_matching_rule(gold: str, text: str, expected: bool) -> None:
    assert occurs(gold, text) is expected
