"""Mistyped commands and options: refused (exit 2, before any setting is read) with the word meant, in the
usage of the command they were given to."""

from __future__ import annotations

import pytest

from bot.cli_args import build_parser


def refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(argv)
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_a_guessed_command_is_answered_with_the_one_meant(capsys: pytest.CaptureFixture[str]) -> None:
    err = refusal(["index", "rebuild"], capsys)
    assert "unknown command 'rebuild'; did you mean 'build'?" in err
    assert "index_command" not in err  # argparse named its variable
    assert "did you mean 'index'?" in refusal(["idnex", "status"], capsys)
    assert "did you mean 'run'?" in refusal(["rn"], capsys)
    assert "did you mean" not in refusal(["index", "zzzz"], capsys)  # nothing near: the list alone


def test_a_mistyped_option_is_refused_in_its_commands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    err = refusal(["index", "status", "--verfy"], capsys)
    assert err.startswith("usage: dispute-bot index status ")  # not the top level's usage
    assert "unrecognized arguments: --verfy; did you mean --verify?" in err
    assert "did you mean --json?" in refusal(["ask", "--jsno", "why"], capsys)
    assert "did you mean 'discord'?" in refusal(["run", "--platform", "discrod"], capsys)


def test_an_unquoted_question_is_told_to_be_quoted(capsys: pytest.CaptureFixture[str]) -> None:
    err = refusal(["ask", "who", "banned", "zorblax"], capsys)
    assert err.startswith("usage: dispute-bot ask ")
    assert "banned zorblax; put words that go together in quotes" in err


def test_a_missing_command_names_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    err = refusal(["index"], capsys)
    assert "name a command: build, add, remove, restore, status, history" in err
    assert "index_command" not in err


def test_right_words_still_parse() -> None:
    args = build_parser().parse_args(["index", "build", "--full"])
    assert (args.command, args.index_command, args.full) == ("index", "build", True)
    assert build_parser().parse_args(["ask", "who banned zorblax"]).question == "who banned zorblax"


def test_an_option_given_before_its_command_is_told_where_it_goes(capsys: pytest.CaptureFixture[str]) -> None:
    """It was told "unrecognized arguments: --json; did you mean --json?"."""
    err = refusal(["index", "--json", "status"], capsys)
    assert "unrecognized arguments: --json; an option goes after its command: dispute-bot index status --json" in err
