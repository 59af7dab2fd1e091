"""Why an article's date can't be used, in the one line a moderator is shown: an upload is refused with it
(``index.upload_checks.check_upload``), and a file put in the corpus by hand is built undated with it as a note
(``index.corpus_files.load_corpus``), where before only the log said "cannot read the date", without the file.

Kept in one place so that a date is judged alike however it is written (front matter, a ``date`` line, a stamp
under the headline) and wherever the file came from."""

from __future__ import annotations

from index.article_head import ambiguous_stamp, no_such_day_stamp
from index.front_matter import unreadable_date
from index.stamps import YEARS, no_such_day


def no_such_day_problem(written: str, why: str) -> str:
    """An article dated a day that does not exist ("2021-02-30", "00/02/2021"): a slip in the day or month."""
    return f"the date {written!r} does not exist ({why}): check the day and month, and write it as YYYY-MM-DD"


def date_problem(raw: str, date: str | None, text: str) -> str | None:
    """Why the date the file ``raw`` gives is no day, or None when it gives one that was read (``date``) or gives
    none. ``text`` is the article's body as read, where a stamp line is looked for."""
    if date is not None:  # a read date needs no second look
        return None
    written = unreadable_date(raw)
    if written is not None and (why := no_such_day(written)) is not None:
        return no_such_day_problem(written, why)
    if written is not None:
        return (f"cannot read the date {written!r}: write a day from {YEARS.start} to {YEARS.stop - 1} as "
                "YYYY-MM-DD (or e.g. 10 February 2021)")
    if (stamped := no_such_day_stamp(text)) is not None:  # "31/02/2021", "00/02/2021"
        return no_such_day_problem(*stamped)
    if (either := ambiguous_stamp(text)) is not None:
        return (f"cannot tell the day from the month in the date {either!r}: write it as YYYY-MM-DD (or "
                "e.g. 10 February 2021)")
    return None
