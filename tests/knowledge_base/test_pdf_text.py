"""PDF text layers tidied: running headers/footers dropped, lines re-flowed, hyphens joined, headings marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.loaders import LoaderRegistry, SourceFile
from knowledge_base.loaders.pdf_text import tidy_pdf_text

HEADER = "Ashby Vale Council - Paying for care"


def _page(n: int, body: str) -> str:
    return f"{HEADER}\n{body}\nPage {n} of 4"


PAGES = [
    _page(1, "Who pays for care\nIf you have savings over £23,250 you will usually pay the full\ncost of your "
             "care. We will still give you advice and\ninformation.\nWhat we count\n• savings and investments\n"
             "• property you own, but not the home you live in"),
    _page(2, "You can ask for a financial assess-\nment at any time. It is free.\nCall 01632 960200."),
    _page(3, "Deferred payments\nYou may be able to delay selling your home until after your death."),
    _page(4, "Complaints\nTell us if you are unhappy with a decision."),
]


@pytest.mark.parametrize(
    ("fragment", "present"),
    [
        ("## Who pays for care", True),
        ("If you have savings over £23,250 you will usually pay the full cost of your care.", True),
        ("We will still give you advice and information.", True),
        ("## What we count", True),
        ("• savings and investments\n• property you own", True),  # bullets stay one per line
        ("You can ask for a financial assessment at any time.", True),  # hyphen joined across the line
        ("## Deferred payments", True),
        ("## Complaints", True),
        (HEADER, False),  # running header on every page
        ("Page 2 of 4", False),  # footer
    ],
)
def test_when_pdf_pages_are_tidied_then_text_reads_as_written(fragment: str, present: bool) -> None:
    assert (fragment in tidy_pdf_text(PAGES)) is present


def test_when_a_line_recurs_on_only_two_of_four_pages_then_it_is_kept() -> None:
    pages = ["Note\nFirst page text.", "Note\nSecond page text.", "Third.", "Fourth."]
    assert tidy_pdf_text(pages).count("Note") == 2


def _pdf_bytes(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF (Helvetica, one text line per list item) so the real pypdf reads it."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_when_a_council_leaflet_pdf_loads_then_headers_go_and_sentences_are_whole(tmp_path: Path) -> None:
    pages = [
        [HEADER, "Respite care", "A short break lets a carer rest while the person they", "care for is looked after.",
         "Page 1 of 3"],
        [HEADER, "How to ask", "Ask for a carer's assessment first.", "Page 2 of 3"],
        [HEADER, "Paying for it", "Breaks are charged like other care.", "Page 3 of 3"],
    ]
    path = tmp_path / "respite.pdf"
    path.write_bytes(_pdf_bytes(pages))
    doc = LoaderRegistry().load(
        SourceFile(path=path, council_id="ashby-vale", relative=path.name, default_url="https://x.gov.uk")
    )
    assert HEADER not in doc.text and "Page 1 of 3" not in doc.text
    assert "A short break lets a carer rest while the person they care for is looked after." in doc.text
    assert "## Respite care" in doc.text
