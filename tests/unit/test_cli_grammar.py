"""The lean command-line grammar (only the command being run is built) reads every
command line as the whole grammar does: same help for every command, same values."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from ledger_tui.cli.parser import Unbuilt, build_parser, command_path, parse_command_line


def _paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _paths(sub, (*prefix, name))
    return found


def _help(parser: argparse.ArgumentParser, argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args(argv)
    return out.getvalue()


def test_every_command_has_the_same_help_from_the_lean_grammar() -> None:
    whole = build_parser()
    paths = _paths(whole)
    assert len(paths) > 80
    for path in paths:
        argv = [*path, "--help"]
        assert _help(build_parser(argv), argv) == _help(whole, argv), path


@pytest.mark.parametrize(
    "argv",
    [
        ["media", "show", "教-USB-001"],
        ["--db", "sqlite:///x", "--json", "media", "list", "--limit", "5"],
        ["--lang", "en", "--operator", "media", "slip", "show", "A-1"],  # login "media"
        ["audit", "verify", "--checkpoint", "f"],
        ["export", "media", "--format", "json"],
        ["wipe", "--help-not-an-option"],
        [],
    ],
)
def test_the_lean_grammar_reads_a_command_line_as_the_whole_one(argv: list[str]) -> None:
    def read(parse: object) -> object:
        try:
            return vars(parse(argv))  # type: ignore[operator]
        except SystemExit as stop:
            return ("exit", stop.code)

    assert read(parse_command_line) == read(build_parser().parse_args)


def test_a_command_the_lean_grammar_did_not_build_falls_back_to_the_whole_one() -> None:
    argv = ["--oper", "admin", "media", "show", "X"]  # an abbreviated global option
    assert command_path(argv) == ("admin", "media")
    with pytest.raises(Unbuilt):
        build_parser(argv).parse_args(argv)
    assert parse_command_line(argv).control_number == "X"
