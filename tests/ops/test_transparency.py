"""Decision records export as CSV and JSON; figures and the ATRS draft come from the measured records."""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.base import Outcome
from councils import Council, CouncilRegistry
from frontdoor.settings import Settings, default_councils_file
from frontdoor.transparency import (
    AtrsDrafter,
    DecisionExporter,
    DecisionFigures,
    DecisionRecord,
    DecisionRecordStore,
    DecisionSource,
    ExportFormat,
    KnowledgeBaseFacts,
    percentile,
)
from frontdoor.transparency.decision_exporter import CSV_COLUMNS
from storage.database import Database

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _record(i: int = 0, outcome: Outcome = Outcome.ANSWERED, **kw: object) -> DecisionRecord:
    values: dict[str, object] = {
        "conversation_id": f"conv-{i // 2}",
        "council_id": "ashby-vale",
        "channel": "web" if i % 3 else "phone",
        "created_at": START + timedelta(minutes=i),
        "redacted_input": f"question {i} about <PERSON_1>",
        "outcome": outcome,
        "confidence": 0.5,
        "latency_ms": float(100 + i),
    }
    values.update(kw)
    return DecisionRecord(**values)  # type: ignore[arg-type]


def _answered(i: int) -> DecisionRecord:
    source = DecisionSource(
        "blue-badge", "Blue Badge", "https://av/bb", "How to apply", 0.032, 0.81, 7.5, True
    )
    return _record(
        i,
        sources=(source,),
        rules_fired=("confidence:ok",),
        composer="extractive",
        step_ms={"redact": 10.0},
        redactions={"PERSON": 1},
    )


def test_when_exported_as_json_then_records_read_back_field_for_field() -> None:
    records = [
        _answered(1),
        _record(2, Outcome.HANDOFF, handoff_reason="safeguarding", handoff_tier="urgent"),
    ]
    out = io.StringIO()

    count = DecisionExporter().write(records, out, ExportFormat.JSON)

    data = json.loads(out.getvalue())
    assert count == 2
    assert data[0]["sources"][0]["doc_id"] == "blue-badge" and data[0]["sources"][0]["cited"] is True
    assert data[1]["handoff_reason"] == "safeguarding" and data[1]["outcome"] == "handoff"
    assert data[0]["created_at"] == (START + timedelta(minutes=1)).isoformat()


def test_when_nothing_to_export_then_json_is_an_empty_array() -> None:
    out = io.StringIO()

    DecisionExporter().write([], out, ExportFormat.JSON)

    assert json.loads(out.getvalue()) == []


def test_when_exported_as_csv_then_one_row_per_turn_with_every_column() -> None:
    out = io.StringIO()

    DecisionExporter().write([_answered(1), _answered(2)], out, ExportFormat.CSV)

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["cited_doc_ids"] == "blue-badge"
    assert json.loads(rows[0]["sources"])[0]["score"] == pytest.approx(0.032)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)"])
def test_when_input_starts_like_a_formula_then_csv_cell_is_defused(text: str) -> None:
    out = io.StringIO()

    DecisionExporter().write([_record(redacted_input=text)], out, ExportFormat.CSV)

    assert next(csv.DictReader(io.StringIO(out.getvalue())))["redacted_input"] == "'" + text


@pytest.mark.parametrize("value", ["xml", "", "CSV "])
def test_when_format_unknown_then_input_error(value: str) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        ExportFormat.parse(value)


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [([], 0.5, 0.0), ([5.0], 0.95, 5.0), ([1, 2, 3, 4], 0.5, 2.5), ([1, 2, 3, 4, 5], 0.95, 4.8)],
)
def test_percentile_truth_table(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == pytest.approx(expected)


def test_when_figures_computed_then_rates_reasons_and_latency_are_measured() -> None:
    records = [_answered(i) for i in range(6)] + [
        _record(6, Outcome.HANDOFF, handoff_reason="low_confidence"),
        _record(7, Outcome.HANDOFF, handoff_reason="safeguarding", handoff_category="financial"),
        _record(8, Outcome.NO_ANSWER),
        _record(
            9,
            Outcome.HANDOFF,
            handoff_reason="requested",
            rules_fired=("channel_off:phone",),
            bot_enabled=False,
        ),
    ]

    f = DecisionFigures.of(records)

    assert (f.turns, f.conversations) == (10, 5)
    assert f.rate(Outcome.ANSWERED) == pytest.approx(0.6)
    assert f.handoff_reasons == {"low_confidence": 1, "safeguarding": 1, "requested": 1}
    assert f.handoff_categories == {"financial": 1}
    assert f.latency_p50_ms == pytest.approx(104.5)
    assert f.bot_off_turns == 1
    assert f.cited_docs == {"blue-badge": 6}
    assert (f.first, f.last) == (START, START + timedelta(minutes=9))


def _council(council_id: str = "ashby-vale") -> Council:
    return CouncilRegistry.from_yaml(default_councils_file()).get(council_id)


def test_when_atrs_drafted_then_measured_figures_and_config_appear(tmp_path: Path) -> None:
    figures = DecisionFigures.of(
        [_answered(i) for i in range(3)] + [_record(3, Outcome.HANDOFF, handoff_reason="requested")]
    )
    kb = KnowledgeBaseFacts(documents=27, chunks=310, embedding_model="all-MiniLM-L6-v2")

    record = AtrsDrafter(Settings(data_dir=tmp_path, answer_threshold=0.62)).draft(
        _council(), figures, kb, date(2026, 11, 25)
    )
    text = record.to_markdown()

    assert "Ashby Vale Council" in text and "adultcare@ashbyvale.gov.uk" in text
    assert "4 messages in 2 conversations" in text
    assert "Answered 75.0%" in text and "requested 1" in text
    assert "threshold 0.62" in text and "27 council pages (310 passages)" in text
    assert "no generative model" in text
    assert "[TO COMPLETE: role of the senior responsible owner]" in text
    assert record.sections[0][0] == "Tier 1"
    assert json.loads(json.dumps(record.to_dict()))["council_id"] == "ashby-vale"


def test_when_llm_composer_configured_then_atrs_says_so_and_names_the_data_sharing(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, llm_provider="ollama", llm_model="llama3.2", llm_base_url="http://x"
    )
    kb = KnowledgeBaseFacts(documents=6, chunks=40, embedding_model="m")

    text = (
        AtrsDrafter(settings)
        .draft(_council("northmoor"), DecisionFigures.of([]), kb, date(2026, 11, 25))
        .to_markdown()
    )

    assert "large language model (ollama, model llama3.2)" in text
    assert "Redacted text is sent to ollama." in text
    assert "no turns recorded yet" in text


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("db", "decisions", "atrs"):
        importlib.import_module(f"frontdoor.commands.{name}").register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_when_cli_migrates_exports_and_drafts_then_files_hold_the_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FRONTDOOR_DATA_DIR", str(tmp_path))
    assert _cli("db", "status") == 1
    assert _cli("db", "upgrade") == 0
    assert _cli("db", "status") == 0
    db = Database(Settings().sqlalchemy_url)
    store = DecisionRecordStore(db)
    for i in range(3):
        store.add(_answered(i))
    store.add(_record(3, council_id="northmoor"))
    db.dispose()

    assert (
        _cli(
            "decisions",
            "export",
            "--council",
            "ashby-vale",
            "--format",
            "csv",
            "-o",
            str(tmp_path / "d.csv"),
        )
        == 0
    )
    assert _cli("atrs", "--council", "ashby-vale", "--days", "100000", "-o", str(tmp_path / "atrs.md")) == 0

    rows = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text(encoding="utf-8"))))
    assert [r["council_id"] for r in rows] == ["ashby-vale"] * 3
    assert "3 messages in 2 conversations" in (tmp_path / "atrs.md").read_text(encoding="utf-8")
    assert "exported 3 decision records" in capsys.readouterr().err
