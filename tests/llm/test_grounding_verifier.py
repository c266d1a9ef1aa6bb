"""Every generated sentence must be supported by a passage it cites (real embedding model, real pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.llm.grounding_verifier import GroundingVerifier, split_answer
from bot.llm.passage_pack import PassagePack
from knowledge_base.base import RetrievalResult


@pytest.fixture(scope="module")
def blue_badge(retrieval_for: Callable[..., RetrievalResult]) -> PassagePack:
    """[1] what it costs, [2] how to apply online, [3] how to apply by phone."""
    retrieval = retrieval_for(
        ("blue-badge", "How much it costs"),
        ("blue-badge", "quickest way is online"),
        ("blue-badge", "paper form"),
    )
    return PassagePack.from_retrieval(retrieval, max_passages=5)


@pytest.fixture(scope="module")
def verifier(embedder: Any) -> GroundingVerifier:
    return GroundingVerifier(embedder)


@pytest.mark.parametrize(
    "sentence",
    [
        "A Blue Badge costs £10 and you only pay after your application is approved [1].",
        "Replacing a lost or stolen badge also costs £10 [1].",
        "The badge can last up to 3 years, or less if your evidence ends sooner [1].",
        "You can apply online through GOV.UK by searching for apply for a Blue Badge [2].",
        "You will need a recent digital photo and proof of identity [2].",
        "If you cannot apply online, phone the Blue Badge team on 01632 960100 to ask for a paper form [3].",
        "The council aims to decide within 12 weeks of getting a complete application [3].",
        "It costs £10 [1] and you can apply online through GOV.UK [2].",
    ],
)
def test_when_sentence_restates_its_passage_then_kept(
    verifier: GroundingVerifier, blue_badge: PassagePack, sentence: str
) -> None:
    verdict = verifier.verify(sentence, [], blue_badge).verdicts[0]
    assert verdict.supported, verdict


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("A Blue Badge costs £25 [1].", "unsupported_fact"),
        ("The badge lasts for up to 5 years [1].", "unsupported_fact"),
        ("Call the Blue Badge team on 01632 960111 for a paper form [3].", "unsupported_fact"),
        ("We decide within 12 weeks, usually by 1 March [3].", "unsupported_fact"),
        ("A Blue Badge costs £10 [3].", "unsupported_fact"),
        ("Council tax bills are sent out in the spring [1].", "low_similarity"),
        ("Carers can get a one-off grant to pay for a holiday [1].", "low_similarity"),
        ("Home care is usually provided by agencies the council works with [2].", "low_similarity"),
        ("I hope this helps and wish you well with your application [2].", "low_similarity"),
        ("The badge costs £10 [7].", "no_citation"),
        ("Thanks [1].", "too_short"),
    ],
)
def test_when_sentence_is_not_supported_then_removed(
    verifier: GroundingVerifier, blue_badge: PassagePack, sentence: str, reason: str
) -> None:
    verdict = verifier.verify(sentence, [], blue_badge).verdicts[0]
    assert not verdict.supported
    assert verdict.reason.startswith(reason), verdict


def test_when_sentence_has_no_marker_then_the_drafts_passage_list_is_used(
    verifier: GroundingVerifier, blue_badge: PassagePack
) -> None:
    assert verifier.verify("A Blue Badge costs £10.", [1], blue_badge).verdicts[0].supported
    assert not verifier.verify("A Blue Badge costs £10.", [3], blue_badge).verdicts[0].supported


def test_when_sentence_carries_an_invented_url_then_the_url_is_cut(
    verifier: GroundingVerifier, blue_badge: PassagePack
) -> None:
    answer = (
        "You can apply online through GOV.UK at https://bluebadge-fast.example.com/apply [2]. "
        "Details are at www.fake-council.org.uk and bluebadge.co.uk [1]."
    )
    result = verifier.verify(answer, [], blue_badge)
    text = " ".join(v.text for v in result.verdicts)
    for invented in ("bluebadge-fast", "fake-council", "bluebadge.co.uk", "http", "www."):
        assert invented not in text
    assert "GOV.UK" in result.verdicts[0].text  # a name the passage uses is not an address


def test_when_link_token_was_issued_then_kept_and_unknown_tokens_dropped(
    verifier: GroundingVerifier, blue_badge: PassagePack
) -> None:
    page = blue_badge.passages[0].page_token
    result = verifier.verify(
        f"The badge costs £10 and you pay once approved, see {page} or [LINK_42] [1].", [], blue_badge
    )
    assert result.verdicts[0].supported
    assert page in result.verdicts[0].text and "[LINK_42]" not in result.verdicts[0].text


def test_when_half_the_sentences_are_grounded_then_rate_is_half(
    verifier: GroundingVerifier, blue_badge: PassagePack
) -> None:
    answer = (
        "A Blue Badge costs £10 [1]. It lasts up to 3 years [1]. "
        "It costs £30 to renew [1]. Hot meals can be delivered to your home at lunchtime [2]."
    )
    result = verifier.verify(answer, [], blue_badge)
    assert [v.supported for v in result.verdicts] == [True, True, False, False]
    assert result.grounded_rate == 0.5


@pytest.mark.parametrize(
    ("answer", "sentences"),
    [
        (
            "One sentence here [1]. Two sentences here. [2] Three!",
            ["One sentence here [1].", "Two sentences here. [2]", "Three!"],
        ),
        ("- first item [1]\n- second item [2]", ["first item [1]", "second item [2]"]),
        ("It costs £10. £5 is for post [1].", ["It costs £10.", "£5 is for post [1]."]),
        ("Is it free? [1]. Yes, it is free [2].", ["Is it free? [1].", "Yes, it is free [2]."]),
        ("", []),
    ],
)
def test_when_answer_is_split_then_markers_stay_with_their_sentence(
    answer: str, sentences: list[str]
) -> None:
    assert split_answer(answer) == sentences
