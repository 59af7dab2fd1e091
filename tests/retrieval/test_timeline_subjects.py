"""An event sentence naming its article's subject only as "the company" counts for a topic naming that subject
(``retrieval.timeline_subjects``)."""

from __future__ import annotations

import pytest

from index.embedding import Encoder, EncoderProvider
from retrieval.loaded import LoadedIndex
from retrieval.timeline_subjects import most_named, refers_to_subject
from tests.retrieval.conftest import dates_for, index_of

ARTICLES = {
    "order.md": (
        "---\ntitle: Norvalia orders Quillet to block 412 accounts\ndate: 2023-05-19\n---\n"
        "Norvalia's safety office on May 2 ordered the short-video platform Quillet to block 412 accounts.\n\n"
        "Quillet blocked 96 of them on May 4, and the office wrote to Quillet's head on May 5.\n\n"
        "A week after the order, the company filed a challenge in the High Court.\n\n"
        "On May 16 the company's lawyer asked the judges for a quick hearing."
    ),
    "fine.md": (
        "---\ntitle: Tessary fines Bramblr over election posts\ndate: 2023-05-24\n---\n"
        "Tessary's board fined Bramblr 2.4 million crowns on Monday.\n\n"
        "The company said on May 23 that it would appeal the fine."
    ),
}


@pytest.fixture(scope="module")
def subjects(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("subjects"), encoder_provider)


def test_the_company_counts_for_the_topic_its_article_is_about(subjects: LoadedIndex, encoder: Encoder) -> None:
    """"/timeline quillet" left out the challenge ("the company filed …", 9 May) and the lawyer's request (16 May):
    neither sentence names Quillet. Bramblr's "The company said on May 23 …" is another story's company, and
    Norvalia, named in the title, is not whom "the company" stands for."""
    quillet = dates_for(subjects, encoder, "quillet")
    assert {"2023-05-02", "2023-05-09", "2023-05-16"} <= set(quillet)
    assert "2023-05-23" not in quillet
    assert "2023-05-23" in dates_for(subjects, encoder, "bramblr")
    assert not {"2023-05-09", "2023-05-16"} & set(dates_for(subjects, encoder, "norvalia"))


@pytest.mark.parametrize(("sentence", "refers"), [
    ("A week after the order, the company filed a challenge.", True),
    ("The previous Friday, the company's regional head met the director.", True),
    ("The office said the platform had run out of road.", True),
    ("Downloads fell, according to the analytics firm Appmetrix.", False),  # the firm names itself
    ("The firm Appmetrix said downloads fell.", False),
    ("Quillet blocked the accounts on Saturday.", False),
])
def test_refers_to_subject(sentence: str, refers: bool) -> None:
    assert refers_to_subject(sentence) is refers


def test_most_named_is_the_name_written_most_inside_sentences() -> None:
    text = ("VESSEN: Norvalia's office ordered the platform Quillet to act. It wrote to Quillet's head in Norvalia. "
            "Officials asked Quillet again.")
    assert most_named(text) == frozenset({"quillet"})
