"""A question asking who holds a role is answered from the sentence naming the holder, where that sentence writes
the role in another form than the best one does (``retrieval.role_holders``), and declined, with the closest
passages, only when none does (``retrieval.unnamed``). The made-up article and its names are made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.types import Answer, Citation
from retrieval.unnamed import without_unnamed
from tests.retrieval.conftest import index_of

_ARTICLE = """Pellway talks stall over the harbour levy

Pellway Inc. asked the government for a meeting about the harbour levy on Monday.

The Secretary HS was to meet Pellway's board before the levy came into force, the ministry said in a statement.

Instead, the Ministry of Ports and Harbour Services (MoPHS) Secretary Irena Malkova is likely to lead the talks \
with the company, a report said.

Pellway's CEO will not attend the talks on the harbour levy, the company said.

The harbour levy was set at four percent of every cargo fee collected at Pellway's docks.
"""


@pytest.fixture(scope="module")
def made_up(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder: Path = tmp_path_factory.mktemp("role_holders")
    index_of({"pellway.txt": _ARTICLE}, folder, encoder_provider)
    return Engine(folder / "index", encoder_provider)


def _verbatim(engine: Engine, answer: Answer) -> bool:
    docs = {d.doc_id: d.text for d in engine.index.docs}
    return all(docs[c.doc_id][c.start : c.end] == c.quote for c in [*answer.citations, *answer.related])


def test_the_seed_articles_name_the_it_secretary(seed_engine: Engine) -> None:
    answer = seed_engine.ask("who is the IT secretary")
    assert answer.answered and "Sawhney" in answer.text
    assert _verbatim(seed_engine, answer)


def test_a_role_in_its_short_forms_finds_its_holder(made_up: Engine) -> None:
    answer = made_up.ask("who is the HS secretary")  # "Harbour Services", and the article's "MoPHS" for it
    assert answer.answered and "Irena Malkova" in answer.text
    assert _verbatim(made_up, answer)


def test_a_role_nobody_is_named_in_is_declined_with_the_closest_passages(made_up: Engine) -> None:
    answer = made_up.ask("who is pellway's ceo")
    assert not answer.answered
    assert "name no one in that role" in answer.text and "role but no one" not in answer.text
    assert len(answer.citations) > 1


def test_an_unnamed_decline_shows_the_related_passages_too() -> None:
    quotes = ["The secretary will meet Pellway's board on Monday.", "The levy was set on Friday.",
              "Pellway said the talks were useful.", "The board met again in May."]
    cited = [Citation(str(n), "A", None, None, q, 0, len(q), 0.5) for n, q in enumerate(quotes)]
    answer = Answer("who is the secretary of pellway", f"{quotes[0]} [1]", True, cited[:1], related=cited[1:])
    declined = without_unnamed(answer)
    assert not declined.answered and declined.citations == cited[:3] and not declined.related
