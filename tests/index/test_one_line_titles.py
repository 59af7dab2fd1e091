"""A title or source with a line break or a control character in its front matter is read as one line: a YAML
title "…\\n# Heading" broke the lines of the command line's and terminal's source lists and of Discord's plain
list, and BEL or ESC in it reached Discord and Slack as they were."""

from __future__ import annotations

from index.documents import parse_article

BODY = "Koo said on Thursday that it had crossed three million users after ministers joined it.\n"


def test_title_and_source_are_one_line_without_control_characters() -> None:
    raw = (f'---\ntitle: "Koo grows\\n# Heading\\r\\n  fast\\u0007"\ndate: 2021-02-11\n'
           f'source: "\\u001b[31mThe\\tDaily\\u0085Paper"\n---\n{BODY}')
    doc = parse_article(raw, "koo", "koo.md")
    assert doc.title == "Koo grows # Heading fast"
    assert doc.source == "[31mThe Daily Paper"


def test_a_title_of_only_control_characters_falls_back_to_the_first_line() -> None:
    raw = f'---\ntitle: "\\u0007\\n"\ndate: 2021-02-11\n---\n{BODY}'
    assert parse_article(raw, "koo", "koo.md").title.startswith("Koo said on Thursday")
