"""``frontdoor advisor create``: the password comes from stdin (or a prompt), only its hash is stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from advisor_console.account_store import AccountStore
from frontdoor.cli import main
from storage.advisor_tables import AdvisorAccountRow
from storage.database import Database

PASSWORD = "a long enough password 42"


def test_when_created_from_stdin_then_the_account_signs_in_and_only_a_hash_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FRONTDOOR_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))

    status = main(
        [
            "advisor",
            "create",
            "--username",
            "Sam",
            "--council",
            "ashby-vale,northmoor",
            "--role",
            "supervisor",
            "--password-stdin",
        ]
    )

    assert status == 0
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err and "supervisor 'sam'" in out.out
    database = Database(f"sqlite:///{tmp_path / 'frontdoor.db'}")
    try:
        with database.session() as s:
            row = s.scalars(select(AdvisorAccountRow)).one()
            assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash
            assert (row.username, row.role, row.councils) == (
                "sam",
                "supervisor",
                ["ashby-vale", "northmoor"],
            )
        check = AccountStore(database).verify("sam", PASSWORD)
        assert check.principal is not None and check.principal.councils == {"ashby-vale", "northmoor"}
    finally:
        database.dispose()


@pytest.mark.parametrize(("council", "password"), [("nowhere", PASSWORD), ("ashby-vale", "short")])
def test_when_council_unknown_or_password_short_then_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, council: str, password: str
) -> None:
    monkeypatch.setenv("FRONTDOOR_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))

    assert main(["advisor", "create", "--username", "x", "--council", council, "--password-stdin"]) == 2
