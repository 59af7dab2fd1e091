"""``dispute-bot``: the command line's commands (the words it takes are in ``bot.cli_args``). Heavy imports
(torch, faiss) happen inside commands, so ``--help`` answers instantly."""

from __future__ import annotations

import argparse
import asyncio
import codecs
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bot.cli_args import build_parser, with_values_joined
from bot.cli_png import png_problem, write_png

if TYPE_CHECKING:
    from bot.core import CommandCore
    from bot.results import Result
    from bot.settings import Settings
    from index.model_files import ModelNotFound

ECHO_LIMIT = 200  # characters of a refused question repeated in its error line
_SURROGATE = re.compile("[\ud800-\udfff]")


def _emit(result: Result, as_json: bool) -> int:
    from bot.render.plain import printable, render
    from bot.results import Notice

    refused = isinstance(result, Notice)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:  # article text may hold escape sequences; a refusal is an error message, so it goes to stderr
        print(printable(render(result)), file=sys.stderr if refused else sys.stdout)
    return 1 if refused else 0


def _core(settings: Settings, needs_store: bool = False) -> CommandCore:
    """The core; an answer (``ask``, ``sources``, ``timeline``) needs no database, so one that can't be reached
    is a warning line and the answer still comes, where it was the command's only output (exit 1). So is a URL
    no connection could use (a scheme or driver, ``bot.store.url_check``), as the README promises."""
    from bot.render.plain import printable
    from bot.wiring import build_core

    def warn(reason: str) -> None:
        print(printable(f"dispute-bot: warning: DATABASE_URL {reason}; answering without the "
                        "conversation history: nothing is recorded for report, and no follow-up is remembered"),
              file=sys.stderr)

    return build_core(settings, None if needs_store else warn)


def _unloadable(core: CommandCore, as_json: bool) -> int | None:
    """Load the index before the command's work, and say in one line why it can't be (the file and the fix),
    where a damaged one gave two ERROR log lines, the chat's notice and the detail, four lines saying one thing.
    None when it loads; the command then answers from it, loaded once."""
    from bot.render.plain import printable
    from bot.results import Notice, NoticeKind
    from retrieval.loaded import IndexLoadError

    try:
        core.engine.index  # noqa: B018 (loads it, or raises why it can't)
    except IndexLoadError as exc:
        if as_json:
            return _emit(Notice(NoticeKind.UNAVAILABLE, str(exc)), as_json)
        print(printable(f"dispute-bot: {exc}"), file=sys.stderr)  # a folder's name may hold anything
        return 1
    return None


def _ask(settings: Settings, question: str | None, as_json: bool) -> int:
    core = _core(settings)
    try:
        if question is None and not as_json:
            print("dispute-bot ask: give a question, or use --json to read JSON lines from stdin",
                  file=sys.stderr)
            return 2
        unloadable = _unloadable(core, as_json)
        if unloadable is not None:
            return unloadable
        if question is not None:
            return _emit(asyncio.run(core.ask(question)), as_json)
        return asyncio.run(_ask_lines(core))
    finally:
        core.close()


async def _ask_lines(core: CommandCore) -> int:
    """One JSON object out per line in, in order; a bad line gets an error object, never a crash."""

    status = 0
    # Bytes, decoded line by line: one line that is not UTF-8 is that line's error, not the end of the run.
    for n, raw in enumerate(sys.stdin.buffer, start=1):
        if n == 1:  # Windows editors start a UTF-8 file with a byte-order mark: not part of the first line
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
            payload: Any = json.loads(line)
            question = payload.get("question") if isinstance(payload, dict) else None
            if not isinstance(question, str):
                raise ValueError('expected an object like {"question": "..."}')
            # Lines with the same "conversation" id are one conversation, in order: follow-ups lean on it.
            conversation = payload.get("conversation")
            if conversation is not None and (isinstance(conversation, bool)
                                             or not isinstance(conversation, str | int)):
                raise ValueError('"conversation" must be a string')
            if _SURROGATE.search(question + str(conversation or "")):  # JSON allows "\ud83d"; text can't hold it
                raise ValueError("the question holds half of a UTF-16 surrogate pair (a \\ud800-\\udfff escape)")
        # UnicodeDecodeError and json.JSONDecodeError are ValueErrors; "[[[[…" a thousand deep is a RecursionError
        except (ValueError, RecursionError) as exc:
            message = str(exc) if isinstance(exc, ValueError) else "nested too deeply to read"
            print(json.dumps({"line": n, "error": "invalid", "message": message}), flush=True)
            status = 1
            continue
        key = f"cli:{conversation}" if conversation is not None else None
        out = (await core.ask(question, None, key)).to_dict()
        if "reply" in out or "events" in out:  # small talk, or an overview answered with the timeline
            out = {"question": question[:ECHO_LIMIT], **out}
        if "error" in out:  # a refused question (empty, too long): say which one, without echoing a megabyte
            shown = question if len(question) <= ECHO_LIMIT else question[:ECHO_LIMIT] + "…"
            out = {"line": n, "question": shown, **out}
            status = 1
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return status


def _stopped_status(exc: KeyboardInterrupt) -> int:
    """128 + the signal's number, as a shell reports a process the signal ended: 143 for SIGTERM, 130 for Ctrl-C."""
    from bot.build_signals import Terminated

    return 143 if isinstance(exc, Terminated) else 130


def _needs_model(args: argparse.Namespace) -> bool:
    """Commands that may encode text with the embedding model; the others must work even when it is wrong
    (``sources`` and ``index status`` are how one looks at what an index was built with)."""
    if args.command == "index":
        return bool(args.index_command not in ("status", "history"))
    if args.command == "timeline":
        return args.topic is not None
    return args.command in ("run", "ask", "eval", "report")


def _model_error(exc: ModelNotFound) -> int:
    """Only here is the setting named: ``index`` knows models, not where their names came from."""
    from index.model_files import DEFAULT_MODEL

    print(f"dispute-bot: EMBEDDING_MODEL={exc.model}: {exc.problem} (a folder with a sentence-transformers model, "
          f"or the default {DEFAULT_MODEL})", file=sys.stderr)
    return 2


def _index(settings: Settings, args: argparse.Namespace) -> int:
    from bot import index_commands

    return index_commands.run(settings, args)


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot import runner

    return runner.run(settings, platform=args.platform, http=args.http, port=args.port, host=args.host,
                      check=args.check)


def main(argv: Sequence[str] | None = None) -> int:
    """The command's exit code. Ctrl-C at any moment, the first seconds' imports and settings too, ends with 130
    and no traceback. Output is flushed here, not at the interpreter's exit: a reader gone by then (``index status |
    head -1``) made Python print "Exception ignored … BrokenPipeError" and exit 120."""
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """Stop quietly, as Unix tools do when the reader went away (``dispute-bot timeline | head``)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(with_values_joined(sys.argv[1:] if argv is None else argv))
    from pydantic import ValidationError

    from bot.settings import Settings
    from bot.settings_problems import env_file_problem, problems, unknown_in_env_file
    from bot.wiring import configure_logging

    unreadable = env_file_problem()  # a token the user meant to set is never silently dropped
    if unreadable is not None:
        print(f"dispute-bot: {unreadable}", file=sys.stderr)
        return 2
    for warning in unknown_in_env_file():
        print(f"dispute-bot: warning: {warning}", file=sys.stderr)
    try:
        settings = Settings()
    except ValidationError as exc:
        for line in problems(exc):
            print(f"dispute-bot: bad setting {line} (see .env.example)", file=sys.stderr)
        return 2
    configure_logging(settings, quiet=args.command != "run")
    if not (args.command == "run" and args.check):  # the check writes nothing, and has no volume in compose
        from bot.corpus_seed import seeded

        seeded(settings)  # the image's shipped articles, on a volume's first start
    from index.model_files import ModelNotFound, require_model

    try:
        if args.command == "timeline" and args.png is not None and (problem := png_problem(args.png)):
            print(problem, file=sys.stderr)
            return 1
        if _needs_model(args):  # a wrong model in one line before any work, not a traceback (or an apology) after
            require_model(settings.embedding_model)
        if args.command == "run":
            return _run(settings, args)
        if args.command in ("ask", "sources", "timeline"):  # eval builds once its files are checked
            from bot.results import Notice, NoticeKind
            from bot.startup_index import build_if_missing

            nothing = build_if_missing(settings)
            if nothing is not None:  # a failed build has said why, naming the setting: nothing to add for a human
                return 1 if nothing.said and not args.json else _emit(
                    Notice(NoticeKind.UNAVAILABLE, nothing.message), args.json)
        if args.command == "ask":
            return _ask(settings, args.question, args.json)
        if args.command == "index":
            return _index(settings, args)
        if args.command == "eval":
            from bot import eval_command

            return eval_command.main(settings, args.files, args.add, args.json, not args.no_baseline)
        core = _core(settings, needs_store=args.command == "report")
        try:
            unloadable = _unloadable(core, args.json) if args.command in ("sources", "timeline") else None
            if unloadable is not None:
                return unloadable
            if args.command == "sources":
                return _emit(asyncio.run(core.sources()), args.json)
            if args.command == "timeline":
                result = asyncio.run(core.timeline(args.topic))
                status = _emit(result, args.json)
                return max(status, write_png(result, args.png)) if args.png else status
            if args.command == "report":
                from bot.actors import LOCAL_USER

                return _emit(asyncio.run(core.report(LOCAL_USER, args.since)), args.json)
        finally:
            core.close()
    except ModelNotFound as exc:  # before any work, or on loading it (a folder whose files are incomplete)
        return _model_error(exc)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM during an index change (``index_commands``)
        if args.command == "index" and args.index_command in ("build", "add", "remove", "restore"):
            print("dispute-bot: stopped before the change finished; nothing of it was published (an add's files "
                  "are taken back out of the corpus).", file=sys.stderr)
        return _stopped_status(exc)
    except BrokenPipeError:
        return _reader_gone()
    return 2


if __name__ == "__main__":
    sys.exit(main())
