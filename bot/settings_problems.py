"""Settings mistakes told the way people make them: in ``.env``, by the variable's name, one line each."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from pydantic import ValidationError

from bot.settings import Settings

_NAME = re.compile(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=")
SHOWN_INPUT = 60  # characters of a refused value repeated back


def _secret(field: str) -> bool:
    info = Settings.model_fields.get(field)
    return info is not None and "SecretStr" in str(info.annotation)


def problems(exc: ValidationError) -> list[str]:
    """One line per refused setting: ``RATE_LIMIT_PER_MINUTE='abc': Input should be a valid number``.
    pydantic's own text ran to several lines each, named fields in lower case and linked its docs."""
    lines = []
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else ""
        message = str(error["msg"]).removeprefix("Value error, ")
        if not field:  # a rule across settings: its message names them
            lines.append(message)
            continue
        value = error.get("input")
        shown = "" if _secret(field) or not isinstance(value, str | int | float) else f"={str(value)[:SHOWN_INPUT]!r}"
        lines.append(f"{field.upper()}{shown}: {message}")
    return lines


def unknown_in_env_file(env_file: Path = Path(".env")) -> list[str]:
    """Names set in ``.env`` that are no setting, each with the setting it most resembles: a typo
    (HISTORY_MOD=off) was ignored without a word, and the bot kept the question text the user meant to
    switch off. Only names that look like ours are mentioned; other tools may share the file."""
    try:
        from dotenv import dotenv_values

        names = [k for k in dotenv_values(env_file) if k]
    except (OSError, UnicodeDecodeError):
        return []
    known = {name.upper() for name in Settings.model_fields}
    out = []
    for name in names:
        if name.upper() in known:
            continue
        close = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=0.8)
        if close:
            out.append(f"{env_file} sets {name}, which is no setting: did you mean {close[0]}?")
    return out


def env_file_problem(env_file: Path = Path(".env")) -> str | None:
    """The first line of ``.env`` python-dotenv can't read (an unclosed quote: ``DISCORD_TOKEN="abc…``), by file,
    line and name, never the value. python-dotenv warns "could not parse statement" (once per reader, twice here)
    and drops the line: the token the user meant to set was missing, and the bot opened the terminal chat."""
    try:
        from dotenv.parser import parse_stream

        with env_file.open(encoding="utf-8-sig") as stream:  # a Windows editor's byte-order mark is no error
            broken = next((b for b in parse_stream(stream) if b.error), None)
    except (OSError, UnicodeDecodeError):
        return None  # no .env (the common case), or one pydantic-settings refuses in its own words
    if broken is None:
        return None
    name = _NAME.match(broken.original.string)
    what = f" ({name.group(1)}=…)" if name else ""
    return (f"{env_file.absolute()} line {broken.original.line}{what} can't be read: is a quote left open, or the "
            "line not NAME=value? Fix that line; nothing was started (see .env.example)")
