"""``frontdoor redact`` reads a file or stdin and prints only redacted text."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from frontdoor.commands import redact as redact_command
from frontdoor.errors import InputError


def _args(**values: object) -> argparse.Namespace:
    return argparse.Namespace(**{"file": None, "council": None, "entities": False, **values})


def test_when_file_given_then_redacted_text_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "note.txt"
    source.write_text("Mrs Begum, DOB 12/04/1950, phone 07700 900123.\n", encoding="utf-8")
    assert redact_command.run(_args(file=source, entities=True)) == 0
    captured = capsys.readouterr()
    assert captured.out.endswith("<PERSON_1>, DOB <DATE_OF_BIRTH_1>, phone <PHONE_NUMBER_1>.\n")
    assert "Begum" not in captured.err and "07700" not in captured.err
    assert "DATE_OF_BIRTH\t" in captured.err


def test_when_stdin_then_redacted(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("my postcode is AV1 3XY"))
    assert redact_command.run(_args(council="ashby-vale")) == 0
    assert capsys.readouterr().out == "my postcode is <UK_POSTCODE_1>"


def test_when_file_missing_then_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        redact_command.run(_args(file=tmp_path / "missing.txt"))
