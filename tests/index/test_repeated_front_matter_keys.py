"""An upload whose front matter gives a key twice is refused with both lines: YAML kept the last without a word
("date: 2021-02-30" then "date: 2021-02-19" was added dated the 19th, "title: first" then "title: second"
titled "second"), and nobody learnt the file disagreed with itself."""

from __future__ import annotations

import pytest

from index.upload_checks import Upload, check_upload

BODY = "Koo said on Thursday that it had crossed three million users after ministers joined it.\n"


def test_a_key_given_twice_is_refused_naming_both_lines() -> None:
    twice = f"---\ntitle: Koo grows\ndate: 2021-02-30\nurl: https://news.example/koo\ndate: 2021-02-19\n---\n{BODY}"
    with pytest.raises(ValueError) as refused:
        check_upload(Upload("koo.md", twice.encode()), 100_000)
    assert str(refused.value) == ("the front matter gives date twice: “2021-02-30” (line 3) and “2021-02-19” (line 5); "
                                  "keep the one meant and delete the other")


def test_a_title_given_twice_is_refused_too() -> None:
    twice = f"---\ntitle: first\ntitle: second\ndate: 2021-02-19\n---\n{BODY}"
    with pytest.raises(ValueError, match="gives title twice: “first” \\(line 2\\) and “second” \\(line 3\\)"):
        check_upload(Upload("koo.md", twice.encode()), 100_000)


def test_a_key_given_twice_in_two_cases_is_refused() -> None:
    """Keys are read whatever their case, and "title:" won over "Title:" without a word."""
    twice = f"---\nTitle: first\ndate: 2021-02-19\ntitle: second\n---\n{BODY}"
    with pytest.raises(ValueError, match="gives title twice: “first” \\(line 2\\) and “second” \\(line 4\\)"):
        check_upload(Upload("koo.md", twice.encode()), 100_000)
