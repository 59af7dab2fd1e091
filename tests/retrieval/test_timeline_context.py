"""The timeline's topic and days told from the sentence before: "The talks are likely to happen this week."
after "Sawhney will meet …" (seed corpus), "It named an interim RGO on July 8." after "Squawkr … was among the
last to comply." and "Three days later the Public Facts Portal … rated it false" after "The report, published
on October 19, …" (training articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import Encoder, EncoderProvider
from retrieval.loaded import LoadedIndex, load_index
from retrieval.timeline import build_timeline
from tests.retrieval.conftest import index_of, topic_timeline

TRAINING = Path(__file__).resolve().parents[2] / "training"
ARTICLES = ("articles/elmarra_grievance_officers.md", "heldout/delmora_factcheck_label.md",
            "heldout/ambrelia_journalist_account_restored.md")


@pytest.fixture(scope="module")
def seed(seed_index_dir: Path) -> LoadedIndex:
    return load_index(seed_index_dir)


@pytest.fixture(scope="module")
def training(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    articles = {Path(name).name: (TRAINING / name).read_text(encoding="utf-8") for name in ARTICLES}
    return index_of(articles, tmp_path_factory.mktemp("context"), encoder_provider)


def quotes(index: LoadedIndex, encoder: Encoder, topic: str) -> dict[str, str]:
    timeline = topic_timeline(index, encoder, topic)
    return {e.date: " ".join(c.quote for c in e.citations) for e in timeline.events}


@pytest.mark.parametrize("topic", ["sawhney", "the meeting", "video conference"])
def test_a_sentence_pointing_back_shares_the_topic_of_the_sentence_before(
    seed: LoadedIndex, encoder: Encoder, topic: str
) -> None:
    found = quotes(seed, encoder, topic)
    assert "The talks are likely to happen this week." in found.get("2021-02-08/2021-02-14", "")


@pytest.mark.parametrize("topic", ["koo", "capital of France"])
def test_other_topics_still_leave_it_out(seed: LoadedIndex, encoder: Encoder, topic: str) -> None:
    assert "The talks are likely" not in " ".join(quotes(seed, encoder, topic).values())


def test_a_sentence_dated_by_a_time_of_its_own_is_judged_alone(seed: LoadedIndex) -> None:
    """"This week, Centre had sent a notice …" opens with a time, not with what the sentence before told of."""
    records = [r for r in seed.events if r["quote"].startswith("This week, Centre")]
    assert records and not any("context_start" in r for r in records)
    assert all("context_start" in r for r in seed.events if r["quote"].startswith("The talks are likely"))


def test_a_training_article(training: LoadedIndex, encoder: Encoder) -> None:
    found = quotes(training, encoder, "squawkr")
    assert "It named an interim RGO on July 8" in found.get("2021-07-08", "")


def test_a_day_told_from_the_sentence_before_is_on_the_timeline(training: LoadedIndex, encoder: Encoder) -> None:
    found = quotes(training, encoder, "Public Facts Portal rated the report false")
    assert "Three days later the Public Facts Portal" in found.get("2022-10-22", "")
    every = {e.date: e for e in build_timeline(training).events}
    assert "the next morning it notified the platforms" in every["2022-10-23"].summary



def test_the_sentence_before_must_name_the_topic_not_only_resemble_it(
    training: LoadedIndex, encoder: Encoder
) -> None:
    """"Her account … was suspended on July 12" follows a sentence on a report about "the sale of public land":
    one word of "Public Facts Portal" and a likeness are not the portal named."""
    found = quotes(training, encoder, "Public Facts Portal")
    assert "Three days later the Public Facts Portal" in found.get("2022-10-22", "")
    assert "2021-07-12" not in found


def test_a_paragraph_does_not_point_back_at_the_one_before(encoder: Encoder, tmp_path: Path) -> None:
    """"The ministry met …" opening a paragraph names its subject anew: "/timeline koo" is not about it."""
    text = ("date 2021-02-12\nKoo saw a surge of new users from India on February 10.\n\n"
            "The ministry met Twitter executives on February 12. It said the talks went well.")
    index = index_of({"a.txt": text}, tmp_path, lambda: encoder)
    assert not any("context_start" in r for r in index.events)
    assert list(quotes(index, encoder, "koo")) == ["2021-02-10"]


@pytest.fixture(scope="module")
def pronouns(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    article = ("---\ntitle: Council and platform talk\ndate: 2021-02-12\n---\n"
               "The Yammerly council asked the platform for an explanation. It met the ministry on Wednesday.\n\n"
               "Officials said the talks would go on. The platform's staff were not told of the meeting.\n")
    return index_of({"council.md": article}, tmp_path_factory.mktemp("pronouns"), encoder_provider)


def test_a_day_summed_up_by_a_sentence_opening_with_a_pronoun_names_who(pronouns: LoadedIndex) -> None:
    """"It met the ministry on Wednesday." alone summed up the day: nobody could tell who met. It is quoted with
    the sentence before, which names the council, as the article writes both."""
    event = next(e for e in build_timeline(pronouns).events if e.date == "2021-02-10")
    said = "The Yammerly council asked the platform for an explanation. It met the ministry on Wednesday."
    assert event.summary == said == event.citations[0].quote
    cited = event.citations[0]
    assert pronouns.docs[pronouns.doc_index[cited.doc_id]].text[cited.start:cited.end] == cited.quote
