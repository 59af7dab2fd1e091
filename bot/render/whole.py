"""How many of a ranked list fit whole in a platform's room: for replies where a passage cut short is worth
less than one left out and counted, such as a 👎's next-best passages, whose first ones are the best."""

from __future__ import annotations

from collections.abc import Sequence

from bot.results import counted


def fitting_whole(sizes: Sequence[int], room: int, note: int) -> int:
    """How many of the items (of ``sizes`` characters each, best first) fit whole in ``room``, in order. While
    some are left out, ``note`` characters stay free for the line that counts them; a later, smaller item is
    not let in past a larger one, which would show the ranks out of order."""
    used = 0
    for n, size in enumerate(sizes):
        reserve = 0 if n == len(sizes) - 1 else note
        if used + size > room - reserve:
            return n
        used += size
    return len(sizes)


def passages_not_shown(count: int) -> str:
    """The line that counts the passages left out (the words every platform uses)."""
    return f"{counted(count, 'more passage')} not shown."


def whole_lines(head: str, items: Sequence[str], room: int) -> list[str]:
    """``head``, then the items (best first) that fit whole with it in ``room`` characters, a line each (or a
    few), then a line counting the rest: a platform's plain text, escaped, whose end Discord or Slack would
    otherwise cut in the middle of a passage or of its source line. A ``head`` over ``room`` is the caller's
    to cut."""
    shown = fitting_whole([1 + len(item) for item in items], room - len(head), 1 + len(count_line(len(items))))
    lines = [head, *items[:shown]]
    if shown < len(items):
        lines.append(count_line(len(items) - shown))
    return lines


def count_line(count: int) -> str:
    """``passages_not_shown`` closing a plain text, after the passages shown."""
    return "…and " + passages_not_shown(count)
