"""A whole timeline cut to its best lines keeps each article's lead event (``retrieval.timeline_leads``)."""

from __future__ import annotations

from retrieval.loaded import LoadedIndex
from retrieval.timeline import build_timeline
from tests.retrieval.conftest import module_index

ARTICLES = {
    "norvane.txt": (
        "date 2025-09-18\n"
        "Norvane fines Glimmer over election ads\n\n"
        "VARDEN — Norvane's election commission on Thursday fined the network Glimmer 1.8 million crowns for "
        "political ads.\n\n"
        "The commission was created in 2004 and has fined broadcasters before.\n\n"
        "The previous record was a fine on a radio station in 2019."
    ),
    "pellmark.txt": (
        "date 2025-05-06\n"
        "Pellmark creators stop uploading to Tindle\n\n"
        "OSKAR — More than 2,000 video creators in Pellmark stopped uploading to Tindle on Monday in protest at new "
        "rules.\n\n"
        "Tindle entered Pellmark in 2017 and is the most used video service there.\n\n"
        "Its first rules on advertising were written in 2018."
    ),
    "quorra.txt": (
        "date 2026-06-12\n"
        "Harnby court fines Quorra over ferry posts\n\n"
        "HARNBY — A district court on Friday fined the platform Quorra 600,000 marks for leaving up false posts.\n\n"
        "The judge said the company had ignored a similar request during floods in 2022.\n\n"
        "Harnby passed its first law on online posts in 2020."
    ),
}

leads = module_index(ARTICLES, "leads")


def test_each_article_s_lead_event_is_kept_in_the_cut(leads: LoadedIndex) -> None:
    """Cut to 3 lines, the timeline kept the articles' background years (a year written out ranks over a weekday
    counted from the article's date) and left out all three leads: the fine, the strike, the court's fine."""
    cut = build_timeline(leads, limit=3)
    assert [e.date for e in cut.events] == ["2025-05-05", "2025-09-18", "2026-06-12"]
    assert cut.omitted == 6
    # uncut, every line is still there, in date order
    assert [e.date for e in build_timeline(leads).events] == [
        "2004", "2017", "2018", "2019", "2020", "2022", "2025-05-05", "2025-09-18", "2026-06-12"]
