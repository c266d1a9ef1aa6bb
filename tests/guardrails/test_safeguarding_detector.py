"""The safeguarding detector: a truth table per category, routine look-alikes, splits, traps, failures."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from frontdoor.errors import GuardrailError
from guardrails.base import Category, DetectionLayer, SafeguardingDetector, Speaker, Tier
from guardrails.pattern_library import PatternLibrary
from guardrails.safeguarding_detector_provider import build_safeguarding_detector
from knowledge_base.base import Vectors

IMM, URG, INF = Tier.IMMEDIATE, Tier.URGENT, Tier.INFO
SELF, OTHER = Speaker.SELF, Speaker.OTHER

# (message, tier, category, speaker): one truth table covering every category, web and phone styles.
DISCLOSURES = [
    ("my son punches me when he's been drinking", URG, Category.PHYSICAL, SELF),
    ("the carer shoved my dad back into his chair really roughly", URG, Category.PHYSICAL, OTHER),
    ("she has finger shaped bruises on her arms again", URG, Category.PHYSICAL, OTHER),
    ("the man who visits her gropes her when nobody is looking", URG, Category.SEXUAL, OTHER),
    ("a support worker made me take my clothes off", URG, Category.SEXUAL, SELF),
    ("her son screams at her and calls her useless every day", URG, Category.PSYCHOLOGICAL, OTHER),
    ("my daughter threatens to put me in a home if I tell anyone", URG, Category.PSYCHOLOGICAL, SELF),
    ("my grandson has been taking money out of my account without asking", URG, Category.FINANCIAL, SELF),
    ("i think the cleaner is stealing from my mum", URG, Category.FINANCIAL, OTHER),
    ("my nan got scammed by a man on the phone and lost her savings", URG, Category.FINANCIAL, OTHER),
    ("the carers didnt turn up for 3 days and she had no food", URG, Category.NEGLECT, OTHER),
    ("dad is left in his own urine all day", URG, Category.NEGLECT, OTHER),
    ("my uncle stopped washing and eating, his flat is full of rubbish", URG, Category.SELF_NEGLECT, OTHER),
    ("i cant be bothered to eat or wash anymore", URG, Category.SELF_NEGLECT, SELF),
    ("the staff make racist comments to my father", URG, Category.DISCRIMINATORY, OTHER),
    ("they treat me differently because I am deaf", URG, Category.DISCRIMINATORY, SELF),
    ("at the nursing home they leave residents in wet pads for hours", URG, Category.ORGANISATIONAL, OTHER),
    ("my husband checks my phone and won't let me see my friends", URG, Category.DOMESTIC_ABUSE, SELF),
    ("my partner is violent and I'm scared to go home", URG, Category.DOMESTIC_ABUSE, SELF),
    ("the men at the car wash have had their passports taken", URG, Category.MODERN_SLAVERY, OTHER),
    ("drug dealers have taken over my brother's flat", URG, Category.MODERN_SLAVERY, OTHER),
    ("I've been cutting myself again", URG, Category.SELF_HARM, SELF),
    ("my daughter keeps hurting herself on purpose", URG, Category.SELF_HARM, OTHER),
    ("I want to kill myself", IMM, Category.SUICIDE, SELF),
    ("my dad says everyone would be better off without him", IMM, Category.SUICIDE, OTHER),
    ("he's outside with a knife", IMM, Category.IMMEDIATE_DANGER, OTHER),
    ("my husband has just taken an overdose", IMM, Category.IMMEDIATE_DANGER, OTHER),
    ("How do I report a concern about my neighbour?", INF, Category.REPORTING, OTHER),
    ("what is financial abuse", INF, Category.REPORTING, Speaker.UNKNOWN),
    # The question after the worry: info when nobody is named, urgent when somebody is.
    ("if i think someone is being financially exploited who should i tell", INF, Category.REPORTING, OTHER),
    ("when someone is being neglected by their family what number do i ring", INF, Category.REPORTING, OTHER),
    ("if my son hits me again who do i call", URG, Category.PHYSICAL, SELF),
    # "i'm worried" is the reporter's state of mind, not a person harmed; a neighbour or "i am being" is.
    ("who do i call at night if im worried an adult is being abused", INF, Category.REPORTING, OTHER),
    ("im worried the lady next door is being abused who do i call", URG, Category.PHYSICAL, OTHER),
    ("who do i report it to, im worried i am being abused by my carer", URG, Category.PHYSICAL, SELF),
    # A disclosure asked as a question still escalates.
    ("is it normal that my carer takes money out of my purse every week", URG, Category.FINANCIAL, SELF),
    ("why does my husband lock me in the bedroom when he goes out", URG, Category.DOMESTIC_ABUSE, SELF),
]

ROUTINE = [
    "How do I report a change in my care needs?",
    "My mum fell and needs a grab rail in the bathroom",
    "Can I get help with my bank account for direct payments?",
    "I need respite so I don't harm my back lifting my husband",
    "My husband hit his head on the cupboard, can we get the kitchen adapted?",
    "she slipped in the bathroom last week, can she have a pendant alarm",
    "how much will I pay for home care from my pension",
    "my carer was late this morning",
    "I want to kill two birds with one stone and ask about a blue badge too",
    # Questions the learned layer alone used to escalate (now it needs P >= 0.70 for a question).
    "how many times a day do the um reablement people come round",
    "what happens to my daughters dla when she turns 16",
]


# Wording first seen in the blind batch 8 (2026-11-26), rewritten here: danger now, a threat to kill,
# self-harm in progress, coercive control, and routine look-alikes (idioms, things not people).
NOW_AND_CONTROL = [
    ("pls help hes hitting her", IMM, Category.IMMEDIATE_DANGER),
    ("he says when he gets back from the club he is going to finish me off", IMM, Category.IMMEDIATE_DANGER),
    ("two men have just dragged my neighbour into a van", IMM, Category.IMMEDIATE_DANGER),
    ("he grabbed me by the throat a few minutes ago and hes still shouting", IMM, Category.IMMEDIATE_DANGER),
    ("my brother is burning himself with a lighter on his arm right now", IMM, Category.SELF_HARM),
    ("he gets really nasty when i talk to anyone about our business", URG, Category.DOMESTIC_ABUSE),
    ("can you ring my mobile, i cant have him knowing i have asked for help", URG, Category.DOMESTIC_ABUSE),
    ("some days it would be easier for everyone if i just did not wake up", IMM, Category.SUICIDE),
    ("havent opened my post in months and not showered in weeks, cba", URG, Category.SELF_NEGLECT),
    # 2026-12-07: a carer's threat to withdraw care; a person left for days at a time
    ("her carer threatened to stop coming if she tells the office", URG, Category.PSYCHOLOGICAL),
    ("my nan is being left for days at a time by my uncle", URG, Category.NEGLECT),
]
ROUTINE_IDIOMS = [
    "me dad has beaten cancer twice and wants to stay at home, what help is there",
    "The care home is abusing its parking, who do I complain to?",
    "Is the council responsible if the housing association neglects the repairs in my mum's flat?",
]


@pytest.mark.parametrize(("message", "tier", "category"), NOW_AND_CONTROL)
def test_when_danger_is_now_or_control_is_described_then_tier_and_category_match(
    detector: SafeguardingDetector, message: str, tier: Tier, category: Category
) -> None:
    result = detector.detect(message)
    assert (result.tier, result.category) == (tier, category), result.rules


@pytest.mark.parametrize("message", ROUTINE_IDIOMS)
def test_when_harm_word_is_an_idiom_or_about_a_thing_then_no_pattern_fires(
    detector: SafeguardingDetector, message: str
) -> None:
    result = detector.detect(message)
    assert not any(r.startswith("pattern:") for r in result.rules), result.rules


@pytest.mark.parametrize(
    ("message", "tier", "lowered"),
    [
        ("some nights i think about not being here anymore no i have not got a plan", URG, True),
        ("I want to die but I'm not going to do anything", URG, True),
        ("my dad keeps saying he wants to die, he hasn't said he'd do anything", URG, True),
        ("I want to die", IMM, False),
        ("everyone would be better off if i was not here but i would never act on it", URG, True),
        ("i keep thinking about suicide, i have not done anything about it", IMM, False),
        ("I want to die, I'm not going to do anything yet, the pills are in the drawer", IMM, False),
        ("I'm going to end it tonight and I won't do anything to stop it", IMM, False),
    ],
)
def test_when_a_wish_to_die_comes_with_intent_denied_then_urgent_unless_means_or_intent(
    detector: SafeguardingDetector, message: str, tier: Tier, lowered: bool
) -> None:
    result = detector.detect(message)
    assert (result.tier, result.category) == (tier, Category.SUICIDE), result.rules
    assert ("lowered:intent-denied" in result.rules) is lowered


def test_when_someone_says_they_do_not_want_to_die_then_the_wish_pattern_does_not_fire(
    detector: SafeguardingDetector,
) -> None:
    result = detector.detect("i've been scratching myself again, i don't want to die or anything")
    assert result.tier is URG and result.category is Category.SELF_HARM
    assert "pattern:suicide:want-to-die" not in result.rules


def test_when_a_routine_question_names_a_means_then_it_is_never_sent_to_999(
    detector: SafeguardingDetector,
) -> None:
    result = detector.detect("how many paracetamol can my dad take in a day, he's 80 and about nine stone")
    assert result.tier is not IMM, result.rules


@pytest.mark.parametrize(("message", "tier", "category", "speaker"), DISCLOSURES)
def test_when_message_discloses_then_tier_category_and_speaker_are_detected(
    detector: SafeguardingDetector, message: str, tier: Tier, category: Category, speaker: Speaker
) -> None:
    result = detector.detect(message)
    assert (result.tier, result.category, result.speaker) == (tier, category, speaker), result.rules
    assert result.rules, "every decision records the rule that fired"


@pytest.mark.parametrize("message", ROUTINE)
def test_when_routine_question_shares_words_then_nothing_is_detected(
    detector: SafeguardingDetector, message: str
) -> None:
    result = detector.detect(message)
    assert result.tier is None, result.rules


@pytest.mark.parametrize(
    "message",
    [
        "I'm not saying he hurts me but I'm scared to go home",
        "i'm not being abused or anything, he just screams at me and I'm frightened",
        "it's probably nothing but my daughter keeps taking money from my purse without asking",
    ],
)
def test_when_disclosure_is_negated_then_it_still_escalates(
    detector: SafeguardingDetector, message: str
) -> None:
    assert detector.detect(message).tier is Tier.URGENT


@pytest.mark.parametrize(
    ("message", "typo_rule"),
    [
        ("im feeling sucidal", "fuzzy:sucidal->suicidal"),
        ("my mum is being negelcted", "fuzzy:negelcted->neglected"),
    ],
)
def test_when_keyword_is_misspelt_then_fuzzy_layer_catches_and_records_it(
    pattern_detector: SafeguardingDetector, message: str, typo_rule: str
) -> None:
    result = pattern_detector.detect(message)
    assert result.tier is not None
    assert typo_rule in result.rules


@pytest.mark.parametrize(
    ("message", "tier"),
    [("hes coming back tonite and said hes gonna kill me", IMM), ("u dont get it he hits me evry nite", URG)],
)
def test_when_message_is_text_speak_or_transcript_then_detected(
    detector: SafeguardingDetector, message: str, tier: Tier
) -> None:
    assert detector.detect(message).tier is tier


def test_when_disclosure_is_split_over_two_messages_then_detected(detector: SafeguardingDetector) -> None:
    result = detector.detect("hitting me when he's drunk", history=["my dad keeps"])
    assert result.tier is Tier.URGENT and result.category is Category.PHYSICAL
    assert detector.detect("my dad keeps").tier is None


def test_when_disclosure_is_only_in_history_then_a_routine_follow_up_does_not_refire(
    pattern_detector: SafeguardingDetector,
) -> None:
    result = pattern_detector.detect("how do I apply for a blue badge", history=["my son hits me"])
    assert result.tier is None


def test_when_text_has_placeholders_then_they_count_as_people(detector: SafeguardingDetector) -> None:
    result = detector.detect("<PERSON_1> keeps hitting <PERSON_2> and she is terrified")
    assert result.tier is Tier.URGENT and result.speaker is Speaker.OTHER


def test_when_only_the_semantic_layer_matches_then_the_exemplar_is_recorded(
    detector: SafeguardingDetector, pattern_detector: SafeguardingDetector
) -> None:
    message = "everyone would be happier if I just vanished"
    assert pattern_detector.detect(message).tier is None
    result = detector.detect(message)
    assert (result.tier, result.category) == (Tier.URGENT, Category.SUICIDE)
    assert result.rules[0].startswith("exemplar:suicide:")
    assert "capped:immediate->urgent" in result.rules and result.capped
    assert 0.0 < result.score <= 1.0


def test_when_vector_is_passed_then_result_equals_embedding_it_here(
    detector: SafeguardingDetector, embedder
) -> None:
    message = "nobody would miss me if I was gone"
    vector: Vectors = embedder.embed([message])[0]
    assert detector.detect(message, vector=vector) == detector.detect(message)


def test_when_zero_width_characters_split_words_then_still_detected(
    pattern_detector: SafeguardingDetector,
) -> None:
    assert pattern_detector.detect("i want to k\u200bill my\u200bself").tier is Tier.IMMEDIATE


class _BrokenEmbedder:
    name = "broken"

    def __init__(self, fail_after: int) -> None:
        self.calls = 0
        self.fail_after = fail_after

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        if self.calls > self.fail_after:
            raise RuntimeError("model went away")
        return np.eye(len(texts), 8, dtype=np.float32)


def test_when_embedder_fails_at_detect_time_then_guardrail_error() -> None:
    detector = build_safeguarding_detector(_BrokenEmbedder(fail_after=1))
    with pytest.raises(GuardrailError):
        detector.detect("hello")


def test_when_embedder_fails_at_start_up_then_guardrail_error() -> None:
    with pytest.raises(GuardrailError):
        build_safeguarding_detector(_BrokenEmbedder(fail_after=0))


def test_when_pattern_file_is_invalid_then_guardrail_error_names_it(tmp_path) -> None:
    (tmp_path / "lexicon.yaml").write_text("macros: {}\n", encoding="utf-8")
    (tmp_path / "physical.yaml").write_text(
        "category: physical\ntier: urgent\npatterns:\n  - id: x\n    regex: '(['\n"
    )
    with pytest.raises(GuardrailError, match=r"physical\.yaml"):
        PatternLibrary.load(tmp_path)


_ROUTINE_PREAMBLE = (
    "hello i am ringing about the blue badge renewal and the bus pass because both run out in the spring and i "
    "also wanted to ask about the bins and the garden waste collection and"
)


@pytest.mark.parametrize(
    "disclosure",
    [
        "the home keeps my dad in bed all day because it's easier for them",
        "the carers just dump her meals on the table and leave even though she cant feed herself",
        "my daughter keeps moving my things and telling me I'm losing my mind",
    ],
)
@pytest.mark.parametrize("tail", ["", " and thats all really thank you"])
def test_when_a_disclosure_is_told_inside_a_long_message_then_a_window_of_it_escalates(
    detector: SafeguardingDetector, disclosure: str, tail: str
) -> None:
    assert detector.detect(disclosure).tier is Tier.URGENT  # on its own, the learned layer knows it
    result = detector.detect(f"{_ROUTINE_PREAMBLE} {disclosure}{tail}")
    assert result.tier is Tier.URGENT
    # Windows run only when the whole message gave nothing: the long story had diluted the disclosure.
    assert any(rule.startswith("window:") for rule in result.rules)
    assert result.layer is DetectionLayer.WINDOW


@pytest.mark.parametrize(
    "message",
    [
        _ROUTINE_PREAMBLE + " the recycling boxes too please, and when the library van comes round our way",
        "hi so my mum is 84 and she has the carers in the morning and at tea time and they are lovely, she wants "
        "to know if she can get a key safe fitted and how much the pendant alarm costs a month and who to ring",
    ],
)
def test_when_a_long_message_is_routine_then_no_window_escalates(detector: SafeguardingDetector, message: str) -> None:
    assert detector.detect(message).tier is None


@pytest.mark.parametrize(
    ("message", "tier"),
    [
        (
            "my nan's new lodger takes her to the cashpoint every friday and keeps the card, "
            "is this a safeguarding matter?",
            URG,
        ),
        (
            "the home keeps my dad in his room all day with the door shut and nobody talks to him, "
            "how do i report a concern",
            URG,
        ),
        ("what counts as neglect, is this a safeguarding referral?", Tier.INFO),
        ("how do i report a safeguarding concern about a care home", Tier.INFO),
    ],
)
def test_when_a_how_to_report_question_carries_a_disclosure_then_the_similarity_layers_still_escalate_it(
    detector: SafeguardingDetector, pattern_detector: SafeguardingDetector, message: str, tier: Tier
) -> None:
    assert pattern_detector.detect(message).tier is Tier.INFO
    result = detector.detect(message)
    assert result.tier is tier, result.rules
    assert (result.layer is not DetectionLayer.PATTERN) is (tier is URG)
