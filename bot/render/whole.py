"""How many of a list fit whole in a platform's room: for replies where an item cut short is worth less than one
left out and counted, such as a 👎's next-best passages (whose first ones are the best), a timeline's events or
/sources' articles in a text-only reply. Cut at the platform's limit instead, such a reply ended in the middle of
a quote, an event's sources or an article's address, and said nothing of the items after it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.results import counted

# A platform's way of counting what a list left out: the count, then the line that says so.
Counting = Callable[[int], str]
# A platform's cut: text within the given length, ended with "…" and never splitting its escapes.
Cut = Callable[[str, int], str]


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


def more_line(count: int, noun: str, hint: str = ".") -> str:
    """"…and 3 more events not shown; narrow it down with …": ``hint`` (how to see them) ends the line."""
    return f"…and {counted(count, f'more {noun}')} not shown{hint}"


def _how_many(head: str, items: Sequence[str], room: int, counting: Counting, omitted: int) -> int:
    """How many items fit whole after ``head``; while the result left some out (``omitted``), the counting line
    closes the text even after the last item."""
    note = 1 + len(counting(len(items) + omitted))
    sizes = [1 + len(item) for item in items]
    if omitted:
        return fitting_whole(sizes, room - len(head) - note, 0)
    return fitting_whole(sizes, room - len(head), note)


def _lines(head: str, items: Sequence[str], shown: int, counting: Counting, omitted: int) -> list[str]:
    hidden = len(items) - shown + omitted
    return [*([head] if head else []), *items[:shown], *([counting(hidden)] if hidden else [])]


def whole_lines(head: str, items: Sequence[str], room: int, counting: Counting | None = None, omitted: int = 0
                ) -> list[str]:
    """``head`` (none when empty), then the items that fit whole with it in ``room`` characters, a line each (or
    a few), then a line counting the rest and the ``omitted`` ones the result itself left out: a platform's
    plain text, escaped. A ``head`` over ``room`` is the caller's to cut."""
    counting = counting or count_line
    return _lines(head, items, _how_many(head, items, room, counting, omitted), counting, omitted)


def fitted(head: str, items: Sequence[str], room: int, cut: Cut, counting: Counting | None = None,
           omitted: int = 0) -> tuple[str, int]:
    """The text of ``whole_lines`` within ``room``, and how many items it shows. A long head (an answer to several
    questions) is cut to leave the first item room, up to half the text: a reply shows what it lists. When even
    the first item can't fit whole (one event reported by a dozen articles), it is shown cut rather than none."""
    counting = counting or count_line
    if head and items:
        head = cut(head, room - 1 - len(counting(len(items) + omitted)) - min(1 + len(items[0]), room // 2))
    shown = _how_many(head, items, room, counting, omitted)
    if shown:
        return cut("\n".join(_lines(head, items, shown, counting, omitted)), room), shown
    if not items:
        return cut(head, room), 0
    rest = len(items) - 1 + omitted
    room_left = room - (len(head) + 1 if head else 0) - (1 + len(counting(rest)) if rest else 0)
    first = cut(items[0], max(room_left, 1))
    return cut("\n".join(_lines(head, [first, *items[1:]], 1, counting, omitted)), room), 1


def count_line(count: int) -> str:
    """``passages_not_shown`` closing a plain text, after the passages shown."""
    return "…and " + passages_not_shown(count)
