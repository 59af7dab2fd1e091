"""Answers from the seed index: grounded, short, cited, and declined when the articles don't say."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from index import file_check, store
from index.embedding import DEFAULT_MODEL, Encoder, EncoderProvider
from index.manage import Upload, add_articles
from retrieval import ranker
from retrieval.answer import MAX_CHARS
from retrieval.engine import Engine
from retrieval.types import Answer
from tests.index.conftest import CountingEncoder

QUESTIONS = [
    "What app is the government promoting as an alternative to Twitter?",
    "What did the ministry say about the blog post?",
    "Why did Twitter refuse to act against journalists' accounts?",
    "How many notices did the ministry send to Twitter?",
    "Who is leading the talks with Twitter for the government?",
]


def _assert_grounded(engine: Engine, answer: Answer) -> None:
    index = engine.index
    for c in answer.citations:
        doc = index.docs[index.doc_index[c.doc_id]]
        assert doc.text[c.start:c.end] == c.quote
        assert c.title == doc.title and c.date == doc.date and c.url == doc.url


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_are_short_verbatim_and_cited(seed_engine: Engine, question: str) -> None:
    answer = seed_engine.ask(question)
    assert answer.answered, answer.text
    assert len(answer.text) <= MAX_CHARS
    assert 1 <= len(answer.citations) <= 3
    _assert_grounded(seed_engine, answer)
    # Every quote appears in the answer text, and the answer adds nothing but markers and ellipses.
    rest = answer.text
    for n, c in enumerate(answer.citations, start=1):
        assert c.quote in rest
        rest = rest.replace(c.quote, "").replace(f"[{n}]", "")
    assert set(rest) <= set(" …")


def test_the_best_sentence_is_quoted_whole_when_it_fits(seed_index_dir: Path, encoder_provider: EncoderProvider
                                                        ) -> None:
    """A window chosen by the question's words would cut off what they lead to (the reason after "saying",
    the figure after the verb); the model judged the whole sentence, so it is shown whole, and the sentences
    that add to it share what room is left. A threshold of 0 makes every answer gather more sentences."""
    eager = Engine(seed_index_dir, encoder_provider, model=replace(ranker.load(), threshold=0.0))
    index = eager.index
    several = 0
    for question in [*QUESTIONS, "How many Twitter accounts did the government order to be blocked?"]:
        answer = eager.ask(question)
        assert len(answer.text) <= MAX_CHARS
        first = answer.citations[0]
        doc_row = index.doc_index[first.doc_id]
        start, end = next((int(s), int(e)) for d, s, e in index.sentence_spans
                          if int(d) == doc_row and int(s) <= first.start < int(e))
        if end - start <= MAX_CHARS - len(" [1]"):
            assert first.start == start and first.end >= end, (question, first.quote)
            several += len(answer.citations) > 1
    assert several >= 2


def test_count_question_gathers_each_figure_with_its_context(seed_engine: Engine) -> None:
    """The articles give several figures for the accounts ordered blocked; each quote adds one of them."""
    answer = seed_engine.ask("How many Twitter accounts did the government order to be blocked?")
    assert answer.answered
    assert "1,178" in answer.text and len(answer.citations) >= 2
    assert len({c.doc_id for c in answer.citations}) >= 2
    assert all("accounts" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    ["What is the capital of France?", "Who won the 2018 FIFA World Cup final?", "How much was Twitter fined?",
     "What did Elon Musk say about the dispute?", "What is the price of Bitcoin today?", "hello there"],
)
def test_unsupported_questions_are_declined_with_the_closest_passages(seed_engine: Engine, question: str) -> None:
    answer = seed_engine.ask(question)
    assert not answer.answered
    assert answer.text.startswith(("The articles never use the word", "I couldn't find a clear answer"))
    assert len(answer.citations) <= 3
    _assert_grounded(seed_engine, answer)


@pytest.mark.parametrize("question", ["How many Twitter employees were arrested?", "How many staff does Koo have?"])
def test_a_count_question_without_any_figure_for_it_is_declined(seed_engine: Engine, question: str) -> None:
    assert not seed_engine.ask(question).answered


def test_a_paraphrase_with_few_shared_words_still_finds_the_answer(seed_engine: Engine) -> None:
    answer = seed_engine.ask("Since when has Twitter enforced its rules round the clock?")
    assert answer.answered and "26 January 2021" in answer.text


def test_headings_and_captions_are_never_the_answer(seed_engine: Engine) -> None:
    answer = seed_engine.ask("Who is Ravi Shankar Prasad?")
    assert answer.answered
    assert not answer.text.startswith("File image")


def _copy_of(index_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(index_dir.resolve(), copy)
    return copy


def test_count_questions_encode_only_the_question(seed_index_dir: Path, encoder: Encoder) -> None:
    """The words around each figure were embedded at build time; the question is the only new text."""
    counting = CountingEncoder(encoder)
    answer = Engine(seed_index_dir, lambda: counting).ask("How many accounts were ordered blocked?")
    assert answer.answered and "1,178" in answer.text
    assert counting.encoded == 1


def test_an_index_built_before_figures_were_stored_still_answers_counts(
    seed_index_dir: Path, encoder: Encoder, tmp_path: Path
) -> None:
    copy = _copy_of(seed_index_dir, tmp_path)
    live = store.live_dir(copy)
    assert live is not None
    (live / store.FIGURES).unlink()
    (live / store.FIGURE_VECTORS).unlink()
    # Such a build recorded no file sizes either (``index.file_check``): the two files are not "missing".
    manifest = json.loads((live / store.MANIFEST).read_text())
    del manifest[file_check.FILES]
    (live / store.MANIFEST).write_text(json.dumps(manifest))
    counting = CountingEncoder(encoder)
    answer = Engine(copy, lambda: counting).ask("How many accounts were ordered blocked?")
    assert answer.answered and "1,178" in answer.text
    assert counting.encoded > 1  # the figure contexts were encoded on the fly


def test_an_answer_shows_the_next_ranked_sentences_below_it(seed_engine: Engine) -> None:
    """On articles nobody tuned for the right sentence is often second or third; a reply shows three quotes."""
    shown_more = 0
    for question in QUESTIONS:
        answer = seed_engine.ask(question)
        quoted = [*answer.citations, *answer.related]
        assert len(quoted) <= 3
        _assert_grounded(seed_engine, replace(answer, citations=quoted))
        spans = [(c.doc_id, c.start, c.end) for c in quoted]
        assert not any(a[0] == b[0] and a[1] < b[2] and b[1] < a[2] for i, a in enumerate(spans) for b in spans[i + 1:])
        assert [c.score for c in answer.related] == sorted((c.score for c in answer.related), reverse=True)
        # However low the model scores them: under 0.07 they were left out, and on the never-fitted articles
        # with them the fact, for 3 of 216 questions; an answer quoting one sentence showed no other.
        assert len(quoted) == 3, question
        shown_more += bool(answer.related)
    assert shown_more == len(QUESTIONS)
    assert not seed_engine.ask("What is the capital of France?").related  # a decline shows its closest instead


def test_a_declined_question_shows_a_window_of_a_page_long_sentence(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider
) -> None:
    """An article without full stops is one sentence; its closest passage is the window on the question."""
    clauses = [f"the hearing on petition number {n} was adjourned by the bench" for n in range(1, 60)]
    clauses[40] = "the appeal before the Karnataka High Court was listed for the second week of March"
    article = "---\ntitle: Hearings\ndate: 2021-03-01\n---\n" + ", ".join(clauses) + "."
    corpus, index_dir = built_copy
    add_articles([Upload("hearings.md", article.encode())], corpus, index_dir, model=DEFAULT_MODEL,
                 encoder_provider=encoder_provider, max_bytes=100_000)
    never = Engine(index_dir, encoder_provider, model=replace(ranker.load(), threshold=1.01))
    answer = never.ask("When was the appeal before the Karnataka High Court listed?")
    assert not answer.answered and answer.citations
    long = [c for c in answer.citations if c.doc_id == "hearings"]
    assert long and all(len(c.quote) <= MAX_CHARS for c in long)
    assert "Karnataka High Court" in long[0].quote
    _assert_grounded(never, answer)


@pytest.mark.parametrize("question", ["what is unusual", "was the blog post unusual", "whats the latest"])
def test_a_decline_never_shows_one_passage_inside_another(seed_engine: Engine, question: str) -> None:
    """A closest sentence that leans on the one before is widened to take it along; when that sentence was
    already shown, the same words appeared twice, as [2] and inside [3]."""
    answer = seed_engine.ask(question)
    assert not answer.answered
    quotes = [" ".join(c.quote.split()) for c in answer.citations]
    assert len(quotes) >= 2
    assert not [(a, b) for a in quotes for b in quotes if a is not b and a in b]


def test_a_figure_no_article_gives_is_not_confirmed(seed_engine: Engine) -> None:
    """"why did twitter delete 10,000 accounts" was answered with "around 250 accounts" as if it confirmed
    the question; it is declined saying which figure the articles never give, the closest passages below."""
    answer = seed_engine.ask("why did twitter delete 10,000 accounts")
    assert not answer.answered and answer.citations
    assert answer.text.startswith("The articles never give the figure 10,000 that the question names.")
    assert "cover" not in answer.text  # "2,000" or "10,000" is a count, not a year outside the articles
    two_thousand = seed_engine.ask("why did the government order 2,000 accounts blocked")
    assert "2,000" in two_thousand.text and "The articles cover" not in two_thousand.text
    assert seed_engine.ask("did twitter suspend more than 500 accounts").answered  # a figure they give


@pytest.mark.parametrize(("question", "fact"), [
    ("who are the 1178 accounts supposedly linked to", "Khalistan"),  # chat's hedge
    ("the govt said its order was negotiable or not", "non-negotiable"),  # chat's abbreviation
])
def test_chat_wording_is_answered_as_its_plain_form_is(seed_engine: Engine, question: str, fact: str) -> None:
    answer = seed_engine.ask(question)
    assert answer.answered and fact in answer.text
