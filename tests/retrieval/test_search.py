from __future__ import annotations

from pathlib import Path

from index.embedding import Encoder
from index.lexical import terms
from retrieval.loaded import load_index
from retrieval.search import hybrid_search, rrf_fuse


def test_rrf_rewards_items_both_rankings_agree_on() -> None:
    fused = dict(rrf_fuse([[1, 2, 3], [3, 1, 4]]))
    assert max(fused, key=lambda k: fused[k]) == 1  # ranks 1 and 2 beat ranks 3 and 1
    assert fused[3] > fused[2] and fused[3] > fused[4]
    assert rrf_fuse([]) == []


def test_lexical_terms_keep_figures_sections_and_acronyms() -> None:
    assert terms("Section 69A of the IT Act: 1,178 accounts were blocked") == [
        "section", "69a", "it", "act", "1178", "account", "block"]
    assert terms("what did it say?") == []
    assert terms("HOW MANY ACCOUNTS DID IT BLOCK") == ["account", "block"]


def test_hybrid_search_returns_distinct_scored_passages(seed_index_dir: Path, encoder: Encoder) -> None:
    index = load_index(seed_index_dir)
    q = "Which app are ministers moving to?"
    passages = hybrid_search(index, encoder.encode([q])[0], terms(q), k=5)
    assert 0 < len(passages) <= 5
    assert len({p.chunk_index for p in passages}) == len(passages)
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    assert any("Koo" in p.text for p in passages[:3])
    for p in passages:
        doc = index.docs[index.doc_index[p.doc_id]]
        assert doc.text[p.start:p.end] == p.text


def test_an_exact_copy_of_an_article_is_not_returned_twice(
    corpus_copy: Path, tmp_path: Path, encoder: Encoder
) -> None:
    from index.builder import build_index
    from index.embedding import DEFAULT_MODEL

    source = next(corpus_copy.glob("000_*.txt"))
    (corpus_copy / "syndicated.txt").write_text(source.read_text())
    build_index(corpus_copy, tmp_path / "index", model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    index = load_index(tmp_path / "index")
    q = "Which app is the government promoting?"
    passages = hybrid_search(index, encoder.encode([q])[0], terms(q), k=8)
    texts = [p.text for p in passages]
    assert len(texts) == len(set(texts))
