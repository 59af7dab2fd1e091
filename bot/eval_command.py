"""``dispute-bot eval``: how well the bot answers a question file, beside the tutorial baseline.

With ``--add`` the articles go into a scratch copy of the corpus and index, so a moderator can see what an
article would do before adding it, and the live index is never touched.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bot.routing import route
from bot.settings import Settings
from bot.smalltalk import without_greeting
from bot.startup_index import build_if_missing
from bot.validation import InvalidInput, clean_question
from index.builder import build_index
from index.embedding import lazy_encoder
from index.manage import Upload, add_articles
from index.scratch import scratch_copy
from retrieval.baseline import Baseline
from retrieval.engine import Engine
from retrieval.evaluate import EvalQuestion, EvalReport, evaluate, load_questions, summary
from retrieval.loaded import IndexLoadError


def _prepare(settings: Settings, articles: list[Path], work: Path) -> tuple[Path, Path]:
    corpus, index_dir = scratch_copy(settings.corpus_dir, settings.index_dir, work)
    provider = lazy_encoder(settings.embedding_model)
    uploads = [Upload(p.name, p.read_bytes()) for p in articles]
    outcome = add_articles(uploads, corpus, index_dir, model=settings.embedding_model, encoder_provider=provider,
                           max_bytes=settings.max_article_bytes)
    if outcome.rejected:
        raise ValueError("; ".join(f"{r['file']}: {r['reason']}" for r in outcome.rejected))
    if outcome.report is None:  # nothing accepted and no index yet
        build_index(corpus, index_dir, model=settings.embedding_model, encoder_provider=provider)
    return corpus, index_dir


def run_eval(settings: Settings, questions: list[EvalQuestion], articles: list[Path],
             baseline: bool = True) -> tuple[EvalReport, frozenset[str]]:
    """The report, and the story's main subjects in the index scored (what chat routes by: ``chat_routes``)."""
    with tempfile.TemporaryDirectory(prefix="dispute-bot-eval-") as tmp:
        corpus, index_dir = (_prepare(settings, articles, Path(tmp)) if articles
                             else (settings.corpus_dir, settings.index_dir))
        # Questions are encoded exactly as the bot encodes them (the index's ONNX export when present).
        engine = Engine(index_dir, lazy_encoder(settings.embedding_model, index_dir))
        tutorial = Baseline.build(lazy_encoder(settings.embedding_model)(), corpus) if baseline else None
        report = evaluate(questions, lambda text: engine.ask(as_chat_reads(text, settings.max_question_chars)),
                          tutorial.top if tutorial else None)
        return report, engine.index.story_subjects


def as_chat_reads(text: str, max_chars: int) -> str:
    """A question file's question as the command core reads it from chat before searching (``CommandCore.ask``):
    mentions, addresses and control characters gone, a greeting before it or thanks after it dropped. Scored
    as typed, "@dispute-bot who is sawhney" or "hey bot, how many accounts … thanks!" counted its mention and
    greeting as words no article uses, and was declined where every chat client answers it. A question the
    core would refuse (empty, too long) is scored as typed."""
    try:
        return without_greeting(clean_question(text, max_chars))
    except InvalidInput:
        return text


def chat_route(text: str, max_chars: int, subjects: frozenset[str] = frozenset()) -> str | None:
    """What chat replies to this question with instead of an answer searched from the articles, as the command
    core routes a message before searching it (``CommandCore.ask``): "small talk", "timeline" (a whole message
    asking for the story's events, a topic's or a day's: "tl;dr", "timeline for koo", "what happened on 10
    february"), or "timeline if it has events" ("what's going on between twitter and india"); None for a
    question chat searches, as eval does. Eval scores every question by the searched answer, so a question chat
    routes elsewhere was scored on a reply no chat user sees; the report says which."""
    try:
        cleaned = clean_question(text, max_chars)
    except InvalidInput:
        return None
    routed = route(cleaned, subjects)[1]
    return None if routed is None else routed.name


def chat_routes(questions: list[EvalQuestion], max_chars: int, subjects: frozenset[str] = frozenset(),
                ) -> list[dict[str, str]]:
    """The questions chat would not answer by searching (``chat_route``), each with where it goes; ``subjects``:
    the story's main subjects in the index, by which chat reads a request for the story."""
    routed = ((q, chat_route(q.question, max_chars, subjects)) for q in questions)
    return [{"id": q.id, "question": q.question, "route": where} for q, where in routed if where is not None]


def _routes_note(routes: list[dict[str, str]]) -> str:
    return (f"chat does not search {len(routes)} of these questions; scored here by the searched answer: "
            + "; ".join(f"{r['id'] or r['question']} ({r['route']})" for r in routes))


def _refuse(kind: str, message: str, as_json: bool, status: int) -> int:
    """With ``--json`` a refusal is a JSON object on stdout too (as ``report --json`` gives one), so a script
    reading stdout learns why; otherwise a line on stderr."""
    if as_json:
        print(json.dumps({"error": kind, "message": message}, ensure_ascii=False))
    else:
        print(f"dispute-bot eval: {message}", file=sys.stderr)
    return status


def main(settings: Settings, files: list[Path], articles: list[Path], as_json: bool, baseline: bool) -> int:
    missing = [str(p) for p in [*files, *articles] if not p.is_file()]
    if missing:
        return _refuse("invalid", f"no such file: {', '.join(missing)}", as_json, 2)
    try:  # every bad line of every file, before any build or scoring: nothing is half-scored
        questions = load_questions(files)
    except ValueError as exc:
        return _refuse("invalid", str(exc), as_json, 2)
    nothing = build_if_missing(settings)  # after a fresh clone there is none yet; a usage error costs no build
    try:
        report, subjects = run_eval(settings, questions, articles, baseline)
    except IndexLoadError as exc:  # no index: no corpus folder to build one from, or its build failed (and said why)
        if nothing is not None and nothing.said and not as_json:
            return 1
        return _refuse("unavailable", nothing.message if nothing is not None else str(exc), as_json, 1)
    except ValueError as exc:  # an article of --add refused
        return _refuse("invalid", str(exc), as_json, 1)
    routes = chat_routes(questions, settings.max_question_chars, subjects)
    if as_json:
        print(json.dumps({**report.to_dict(), "chat_routes": routes}, ensure_ascii=False))
    else:
        print(summary(report) + ("\n" + _routes_note(routes) if routes else ""))
    return 0
