"""How dates are written for people, on every platform alike."""

from __future__ import annotations


def shown_date(value: str | None, estimated: bool = False) -> str | None:
    """``2021-02-10``; a week (``2021-02-08/2021-02-14``) as ``2021-02-08 – 2021-02-14``; an estimated date
    as ``~2021-02-10 (estimated)``, so nobody takes a guess for a date the article gave."""
    if not value:
        return None
    text = value.replace("/", " – ")
    return f"~{text} (estimated)" if estimated else text
