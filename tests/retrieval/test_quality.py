"""The dev set: facts in answers to answerable questions, declines for the rest. Prints its score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.embedding import DEFAULT_MODEL, OnnxEncoder, lazy_encoder
from retrieval.engine import Engine

DEV = Path(__file__).resolve().parents[1] / "dev.jsonl"


def _passes(item: dict[str, object], answered: bool, text: str) -> bool:
    if not item["answerable"]:
        return not answered
    text = text.lower()
    needed_all = [str(x).lower() for x in item.get("answers_all", [])]  # type: ignore[attr-defined]
    needed_any = [str(x).lower() for x in item.get("answers_any", [])]  # type: ignore[attr-defined]
    return answered and all(x in text for x in needed_all) and (not needed_any or any(x in text for x in needed_any))


@pytest.fixture(scope="module")
def shipped_engine(seed_index_dir: Path) -> Engine:
    """Questions encoded as the bot encodes them: by the (int8) ONNX export in the index folder."""
    return Engine(seed_index_dir, lazy_encoder(DEFAULT_MODEL, seed_index_dir))


@pytest.mark.parametrize("engine_name", ["seed_engine", "shipped_engine"])
def test_dev_set_quality(engine_name: str, request: pytest.FixtureRequest) -> None:
    seed_engine: Engine = request.getfixturevalue(engine_name)
    items = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()]
    answerable = [i for i in items if i["answerable"]]
    declines = [i for i in items if not i["answerable"]]
    results = {}
    for item in items:
        answer = seed_engine.ask(item["question"])
        results[item["id"]] = _passes(item, answer.answered, answer.text)
        if not results[item["id"]]:
            print(f"MISS {item['id']}: {item['question']} -> {answer.text[:200]}")
    good = sum(results[i["id"]] for i in answerable)
    declined = sum(results[i["id"]] for i in declines)
    print(f"\ndev quality ({engine_name}): {good}/{len(answerable)} answerable, {declined}/{len(declines)} declined")
    assert good >= 13
    if engine_name == "shipped_engine":
        assert isinstance(seed_engine.encoder, OnnxEncoder)  # not silently the torch fallback
    assert declined == len(declines)
