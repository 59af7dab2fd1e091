"""What ``index add --force`` would do with the articles an add refused, said under the refusal.

One meaning for an upload and a page alike (``index.add_screen``): one at an indexed article's address, or under
its file name, replaces that article; one of nearly the same text is added beside it. The CLI's hint said only
"add it anyway with --force", which did either, depending on whether the article had been uploaded or fetched.
Chat has no ``--force``: a second copy by mistake is cited twice in every channel, and each refusal already
names the one chat step that replaces the article (``add it named koo.md``, or remove it first); its hint says
where the override is.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.cli_name import cli_command

_WHAT = {"replace": "one at an indexed article's address, or under its file name, replaces that article",
         "beside": "one of nearly the same text is added beside the article it resembles"}


def _parts(rejected: Iterable[dict[str, str]]) -> list[str]:
    kinds = {item.get("force") for item in rejected}
    return [text for kind, text in _WHAT.items() if kind in kinds]


def cli_hint(rejected: Iterable[dict[str, str]]) -> str:
    """A line under the refusals, or "" when ``--force`` would change none of them."""
    parts = _parts(rejected)
    return f"\nWith --force, {' and '.join(parts)}." if parts else ""


def chat_hint(rejected: Iterable[dict[str, str]]) -> str:
    parts = _parts(rejected)
    # Named as the bot was started (``.venv/bin/dispute-bot`` after ``make run``): the bare name is not on the PATH.
    return (f"\nChat can't override this; whoever runs the bot can, with `{cli_command()} index add --force`: "
            f"{' and '.join(parts)}." if parts else "")
