"""The command line's parser: argparse's, with its refusals made useful to someone who guessed a word.

argparse answered ``dispute-bot index rebuild`` with the list of commands, ``index status --verfy`` with the top
level's usage (``dispute-bot [-h] [--version] {run,ask,...}``: not the command that was mistyped), and
``ask who blocked the accounts`` (the question unquoted) with "unrecognized arguments: blocked the accounts".
Here a mistyped command or option is answered as git does, with the one it is close to ("did you mean
'build'?"), in the usage of the command it was given to, and words left over with how to quote them.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn


def _close(word: str, candidates: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose refusals suggest the word meant; subcommand parsers are made of it too
    (``add_subparsers`` takes the parent's class), so every level says the same."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        meant = _close(str(value), names)
        hint = f"; did you mean {meant!r}?" if meant else ""
        if isinstance(action, argparse._SubParsersAction):  # "argument index_command:" named a variable
            raise argparse.ArgumentError(None, f"unknown command {value!r}{hint} (commands: {', '.join(names)})")
        raise argparse.ArgumentError(action, f"{value!r} is not one of {', '.join(names)}{hint}")

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            owner = self._owner(parsed)
            owner.error(f"unrecognized arguments: {' '.join(extras)}{owner._leftover_hint(extras)}")
        return parsed

    def _owner(self, parsed: argparse.Namespace) -> Parser:
        """The (sub)command parser the words were given to: its options are the ones meant, its usage the one
        to show."""
        parser: Parser = self
        while True:
            sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
            chosen = getattr(parsed, sub.dest, None) if sub is not None and sub.dest else None
            if sub is None or chosen not in sub.choices:
                return parser
            child = sub.choices[chosen]
            if not isinstance(child, Parser):
                return parser
            parser = child

    def _leftover_hint(self, extras: Sequence[str]) -> str:
        options = [s for a in self._actions for s in a.option_strings if s.startswith("--")]
        for word in extras:
            if word.split("=", 1)[0] in options:  # "dispute-bot --json sources": the command's own, given before it
                return f"; an option goes after its command: {self.prog} {word}"
            if word.startswith("-"):
                meant = _close(word.split("=", 1)[0], options)
                if meant:
                    return f"; did you mean {meant}?"
        if all(not w.startswith("-") for w in extras):
            return "; put words that go together in quotes (\"like this\")"
        return ""

    def error(self, message: str) -> NoReturn:
        if message.startswith("the following arguments are required:"):
            sub = next((a for a in self._actions if isinstance(a, argparse._SubParsersAction)), None)
            if sub is not None and sub.dest and sub.dest in message:
                message = f"name a command: {', '.join(sub.choices)} ({self.prog} -h says more)"
        super().error(message)
