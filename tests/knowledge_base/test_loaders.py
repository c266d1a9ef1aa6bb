"""Loaders: every format becomes a Document with headings; unreadable files are reported by name."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from frontdoor.errors import DocumentLoadError
from knowledge_base.loaders import LoaderRegistry, SourceFile


def _source(path: Path) -> SourceFile:
    return SourceFile(
        path=path, council_id="ashby-vale", relative=path.name, default_url="https://www.ashbyvale.gov.uk"
    )


def _write_docx(path: Path) -> None:
    d = docx.Document()
    d.add_heading("Meals at home", level=1)
    d.add_heading("Who can get them", level=2)
    d.add_paragraph("Hot meals are delivered at lunchtime.")
    d.save(str(path))


@pytest.mark.parametrize(
    ("name", "content", "expected_title", "expected_text"),
    [
        (
            "a.md",
            "---\nid: blue\ntitle: Blue Badge\nurl: https://x.gov.uk/bb\nlast_reviewed: 2026-01-02\nowner: Team\n---\n"
            "# Blue Badge\n\nIt costs £10.",
            "Blue Badge",
            "It costs £10.",
        ),
        (
            "b.html",
            "<html><head><title>T</title><link rel='canonical' href='https://x.gov.uk/c'></head><body><nav>menu</nav>"
            "<main><h1>Carers</h1><h2>Support</h2><p>Ask for a carer's assessment.</p></main></body></html>",
            "Carers",
            "## Support",
        ),
        ("c.txt", "Telecare\nA community alarm costs £4.75 a week.", "Telecare", "£4.75"),
    ],
)
def test_when_text_formats_load_then_title_and_text_kept(
    tmp_path: Path, name: str, content: str, expected_title: str, expected_text: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    doc = LoaderRegistry().load(_source(path))
    assert doc.title == expected_title
    assert expected_text in doc.text
    assert "menu" not in doc.text


def test_when_markdown_has_front_matter_then_fields_are_used(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(
        "---\nid: blue\ntitle: Blue Badge\nurl: https://x.gov.uk/bb\nlast_reviewed: 2026-01-02\nowner: Team\n---\nBody",
        encoding="utf-8",
    )
    doc = LoaderRegistry().load(_source(path))
    assert (doc.doc_id, doc.url, str(doc.last_reviewed), doc.owner) == (
        "blue",
        "https://x.gov.uk/bb",
        "2026-01-02",
        "Team",
    )


def test_when_docx_has_heading_styles_then_they_become_headings(tmp_path: Path) -> None:
    path = tmp_path / "meals.docx"
    _write_docx(path)
    doc = LoaderRegistry().load(_source(path))
    assert doc.title == "Meals at home"
    assert "## Who can get them" in doc.text
    assert doc.doc_id == "meals"


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf"),
        ("broken.docx", b"not a zip file"),
        ("empty.txt", b"   "),
        ("bad.md", b"---\nid: [unclosed\n---\nbody"),
        ("latin1.txt", "caf\xe9".encode("latin-1")),
    ],
)
def test_when_file_is_unreadable_then_error_names_it(tmp_path: Path, name: str, payload: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(DocumentLoadError) as info:
        LoaderRegistry().load(_source(path))
    assert info.value.path == name


def test_when_pdf_has_no_text_layer_then_it_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(DocumentLoadError, match="no text layer"):
        LoaderRegistry().load(_source(path))


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("The badge costs **£10**.", "The badge costs £10."),
        ("Read [the application form](https://x.gov.uk/apply) first.", "Read the application form first."),
        ("It is __free__ and `quick`.", "It is free and quick."),
        ("2 * 3 * 4 stays as it is", "2 * 3 * 4 stays as it is"),
        ("- **Lower rate:** £73.90 a week", "- Lower rate: £73.90 a week"),
    ],
)
def test_when_markdown_has_inline_markup_then_text_is_plain(markdown: str, plain: str) -> None:
    from knowledge_base.loaders.markdown_loader import plain_markdown

    assert plain_markdown(markdown) == plain


_COUNCIL_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Direct payments | Example Council</title></head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div class="cookie-banner"><h2>Cookies on our website</h2><p>We use cookies to make the site work.</p></div>
<div role="banner"><p>Example Council home</p></div>
<div class="page-wrapper">
 <div id="main-content">
  <ol class="breadcrumb"><li>Home</li><li>Adult social care</li></ol>
  <h1>Direct payments</h1>
  <div class="field--body">Direct payments let you buy your own support.
   <p>You can use them to employ a personal assistant.</p>
   <ul><li><p>Keep receipts for 6 years.</p></li><li>Open a separate bank account.</li></ul>
   <div class="shared-lives-note">Shared Lives carers can be paid with direct payments.</div>
   <h5>Small print</h5><div>Payments are made every four weeks.</div>
   <span class="visually-hidden">(opens in a new tab)</span>
  </div>
  <div class="page-feedback"><p>Was this page helpful?</p></div>
  <div class="related-links"><h2>Related pages</h2><ul><li>Blue Badge</li></ul></div>
 </div>
</div>
<div role="contentinfo"><p>Copyright Example Council</p></div>
</body></html>"""


@pytest.mark.parametrize(
    ("kept", "present"),
    [
        ("# Direct payments", True),
        ("Direct payments let you buy your own support.", True),  # text typed straight into a div
        ("You can use them to employ a personal assistant.", True),
        ("- Keep receipts for 6 years.", True),
        ("Keep receipts for 6 years.", True),  # once: the bullet, not the bullet and its paragraph again
        ("- Open a separate bank account.", True),
        ("Shared Lives carers can be paid with direct payments.", True),  # "shared" is not "share"
        ("#### Small print", True),
        ("Payments are made every four weeks.", True),
        ("Cookies on our website", False),
        ("Skip to main content", False),
        ("Example Council home", False),
        ("Adult social care", False),  # breadcrumb
        ("opens in a new tab", False),
        ("Was this page helpful", False),
        ("Related pages", False),
        ("Copyright", False),
    ],
)
def test_when_a_council_cms_page_loads_then_content_is_kept_once_and_furniture_dropped(
    tmp_path: Path, kept: str, present: bool
) -> None:
    path = tmp_path / "direct-payments.html"
    path.write_text(_COUNCIL_PAGE, encoding="utf-8")
    doc = LoaderRegistry().load(_source(path))
    assert doc.title == "Direct payments"
    assert (doc.text.count(kept) == 1) if present else (kept not in doc.text)
