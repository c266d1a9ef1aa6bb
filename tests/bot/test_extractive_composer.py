"""The extractive composer quotes the council's sentences verbatim, chosen by meaning and by shared words."""

from __future__ import annotations

import pytest

from bot.base import Composition
from bot.extractive_composer import ExtractiveComposer
from bot.reply_templates import ReplyTemplates
from councils import Council, CouncilRegistry
from frontdoor.settings import default_councils_file
from knowledge_base.base import Chunk, RetrievalResult, RetrievedChunk
from knowledge_base.chunker import split_sentences

LONG = (
    "Reablement is short-term support at home after an illness, a fall or a stay in hospital. "
    "A small team works with you on the everyday tasks you want to manage again, such as washing and cooking. "
    "Most people find they need less help by the end of it, and many need none at all. "
    "It is free for up to six weeks, whatever your savings or income. "
    "The team will agree goals with you at the first visit and review them every week with you and your family."
)
NEXT = "After reablement ends, a social worker checks whether you still need care and arranges it with you."
OTHER = "Home care is help at home from paid carers, arranged by the council or by you with a direct payment."


def _chunk(doc_id: str, position: int, text: str, section: str = "Reablement") -> Chunk:
    return Chunk(f"av:{doc_id}:{position}", doc_id, "ashby-vale", doc_id.title(), "https://x", section, text,
                 position, "h")


def _rc(chunk: Chunk, score: float, dense: float = 0.6) -> RetrievedChunk:
    return RetrievedChunk(chunk=chunk, score=score, dense_similarity=dense)


@pytest.fixture(scope="module")
def council() -> Council:
    return CouncilRegistry.from_yaml(default_councils_file()).get("ashby-vale")


def _compose(
    council: Council, question: str, chunks: tuple[RetrievedChunk, ...], similarity: dict[str, float]
) -> Composition | None:
    retrieval = RetrievalResult(query=question, chunks=chunks, confidence=0.9, sentence_similarity=similarity)
    return ExtractiveComposer(ReplyTemplates(), max_sentences=1).compose(question, retrieval, council)


@pytest.mark.parametrize(
    ("similar_sentence", "expected"),
    [
        (3, "It is free for up to six weeks, whatever your savings or income."),
        (2, "Most people find they need less help by the end of it, and many need none at all."),
    ],
)
def test_when_a_sentence_matches_by_meaning_then_it_is_quoted_verbatim(
    council: Council, similar_sentence: int, expected: str
) -> None:
    chunk = _chunk("reablement", 0, LONG)
    # "will i get better" shares no content word with either sentence and asks for no kind of fact (an
    # amount, a number, a time): only meaning can choose.
    similarity = {f"{chunk.chunk_id}#{similar_sentence}": 0.7}
    composition = _compose(council, "will i get better", (_rc(chunk, 0.05),), similarity)
    assert composition is not None
    assert composition.citations[0].quote == expected
    assert expected in split_sentences(LONG)


def test_when_no_sentence_similarity_is_known_then_shared_words_choose(council: Council) -> None:
    chunk = _chunk("reablement", 0, LONG)
    composition = _compose(council, "what goals does the team agree at the first visit", (_rc(chunk, 0.05),), {})
    assert composition is not None
    assert composition.citations[0].quote.startswith("The team will agree goals")


@pytest.mark.parametrize(("second_score", "quoted_twice"), [(0.049, True), (0.03, False)])
def test_when_top_page_has_a_close_second_passage_then_both_are_quoted(
    council: Council, second_score: float, quoted_twice: bool
) -> None:
    first = _chunk("reablement", 0, LONG)
    second = _chunk("reablement", 1, NEXT, section="Reablement > Afterwards")
    other = _chunk("home-care", 0, OTHER, section="Home care")
    similarity = {f"{first.chunk_id}#3": 0.6, f"{second.chunk_id}#0": 0.65}
    chunks = (_rc(first, 0.05), _rc(second, second_score), _rc(other, 0.01))
    composition = _compose(council, "what happens when it finishes", chunks, similarity)
    assert composition is not None
    assert [c.doc_id for c in composition.citations] == ["reablement"]
    quote = composition.citations[0].quote
    assert (NEXT in quote) is quoted_twice
    assert quote.startswith("It is free")  # the page's reading order is kept
    assert ("Reablement > Afterwards" in composition.citations[0].section) is quoted_twice


ALLOWANCE = (
    "Carer's Allowance is the main benefit for carers. "
    "Carer's Allowance can affect the other benefits of both you and the person you care for. "
    "In 2025/26 it is £83.30 per week. "
    "Ring the Carers Centre on 01632 960500 for help to claim. "
    "You may be able to get it if you spend at least thirty five hours a week caring for someone, and if the "
    "person you care for gets a qualifying disability benefit, and you are not in full-time education."
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("carers allowance how much", "In 2025/26 it is £83.30 per week."),
        ("carers allowance what number do i ring", "Ring the Carers Centre on 01632 960500 for help to claim."),
        # No kind of fact asked for: meaning decides (the first sentence is the nearest here).
        ("tell me about carers allowance", "Carer's Allowance is the main benefit for carers."),
    ],
)
def test_when_question_asks_for_a_kind_of_fact_then_the_sentence_stating_one_is_quoted(
    council: Council, question: str, expected: str
) -> None:
    # Every sentence shares the heading's words; the first two are also nearest by meaning.
    chunk = _chunk("benefits", 0, ALLOWANCE, section="Benefits advice > Carer's Allowance")
    similarity = {f"{chunk.chunk_id}#0": 0.6, f"{chunk.chunk_id}#1": 0.55, f"{chunk.chunk_id}#2": 0.3,
                  f"{chunk.chunk_id}#3": 0.2}
    composition = _compose(council, question, (_rc(chunk, 0.05),), similarity)
    assert composition is not None
    assert composition.citations[0].quote == expected


MEALS = "Frozen meals are delivered once a week to store in your freezer. Hot meals come at lunchtime."
ORDER = "To order meals, ring the meals team on 01632 960600."


@pytest.mark.parametrize(
    ("question", "order_score", "added"),
    [
        # A phone number asked for and not in the best passage: the page's other passage that states one joins.
        ("can i get frozen meals delivered whats the number", 0.01, True),
        # Even when that passage is far below the best: it is the same page, and it states what was asked.
        ("can i get frozen meals delivered whats the number", 0.001, True),
        # No kind of fact asked for: nothing joins.
        ("can i get frozen meals delivered", 0.01, False),
    ],
)
def test_when_the_fact_asked_for_is_in_another_passage_of_the_page_then_its_sentence_joins(
    council: Council, question: str, order_score: float, added: bool
) -> None:
    best = _chunk("meals", 0, MEALS, section="Meals > Frozen meals")
    order = _chunk("meals", 3, ORDER, section="Meals > How to order")
    other = _chunk("contact-us", 0, "Call us on 01632 960100.", section="Contact us")
    similarity = {f"{best.chunk_id}#0": 0.7}
    chunks = (_rc(best, 0.05), _rc(other, 0.02, dense=0.3), _rc(order, order_score, dense=0.3))
    composition = _compose(council, question, chunks, similarity)
    assert composition is not None
    assert [c.doc_id for c in composition.citations] == ["meals"]
    quote = composition.citations[0].quote
    assert quote.startswith("Frozen meals are delivered")
    assert (ORDER in quote) is added
    assert "01632 960100" not in quote  # another page's number never joins


PRICES = "Meals cost the same every day.\n| Item | Price |\n|---|---|\n| Hot lunch | £6.20 |\n| Frozen meal | £4.60 |"


def test_when_a_passage_holds_a_table_then_rows_are_quoted_without_pipes_rules_or_headers(council: Council) -> None:
    chunk = _chunk("meals", 0, PRICES, section="Meals > Prices")
    composition = _compose(council, "how much is a hot lunch", (_rc(chunk, 0.05),), {})
    assert composition is not None
    quote = composition.citations[0].quote
    assert "Hot lunch: £6.20." in quote
    assert "|" not in quote and "---" not in quote and "Item" not in quote
