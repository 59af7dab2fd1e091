"""The files an ``index add`` names on the command line, read, or refused with a reason a moderator can act on:
a folder ("Is a directory"), a web address typed without ``https://`` ("No such file or directory"), and two files
of one name from two folders (refused as "same.txt", which named neither) were each refused in words that did not
say what to do. One file named twice (``index add *.md koo.md``, or ``koo.md ./koo.md``) is one file, read once:
it was refused as "another file named koo.md … rename one", exit code 1, though everything given was added."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from bot.cli_name import cli_command
from index.manage import Upload

# A web address without its scheme: "www.example.com/…", or a host name with a dot, then a path.
_ADDRESS = re.compile(r"(?:www\.[^/\s]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?:/\S*)?", re.IGNORECASE)


def read_files(items: list[str]) -> tuple[list[Upload], list[dict[str, str]]]:
    """The files ``items`` name, read, and those refused (``{"file", "reason"}``, by the path as given)."""
    uploads: list[Upload] = []
    rejected: list[dict[str, str]] = []
    taken: dict[str, str] = {}  # a file name -> the path of this add it was read from
    for item in items:
        path = Path(item)
        if path.name in taken and _same_file(taken[path.name], item):
            continue
        if path.name in taken:  # the corpus holds one file per name: which two, by path
            rejected.append({"file": item, "reason": f"another file named {path.name} is in this add "
                             f"({taken[path.name]}): the corpus holds one file per name; rename one"})
            continue
        try:
            uploads.append(Upload(path.name, path.read_bytes()))
        except IsADirectoryError:
            command = f"{cli_command()} index add {shlex.quote(item)}/*"
            rejected.append({"file": item, "reason": f"a folder; add the files in it with: {command}"})
            continue
        except FileNotFoundError as exc:
            rejected.append({"file": item, "reason": _missing(item, exc)})
            continue
        except OSError as exc:
            rejected.append({"file": item, "reason": exc.strerror or str(exc)})
            continue
        taken[path.name] = item
    return uploads, rejected


def _same_file(first: str, second: str) -> bool:
    """Whether two paths of an add lead to one file (the same path, a relative and an absolute one, a link)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _missing(item: str, exc: OSError) -> str:
    """No such file; said with the address to give when it reads as a web page's without its scheme."""
    reason = exc.strerror or str(exc)
    if ("/" in item or item.lower().startswith("www.")) and _ADDRESS.fullmatch(item):
        return f"{reason}; for a web page give its address with https://: https://{item}"
    return reason
