"""Danger-now and suicidal-intent wording the phrase patterns must know, and the routine near-misses they must not
fire on; the immediacy-cue exception to the similarity cap.

Written fresh for these tables (2026-11-25) from how residents type and speak: British spellings, text-speak,
lowercase phone transcripts, first and third person. Not copied from any labelled set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from frontdoor.errors import GuardrailError
from guardrails.base import Category, SafeguardingDetector, Tier
from guardrails.exemplar_index import ExemplarIndex
from guardrails.immediacy_cues import ImmediacyCues
from guardrails.pattern_library import Exemplar, PatternLibrary, default_patterns_dir
from guardrails.safeguarding_detector import LayeredSafeguardingDetector

SUI, DANGER, SH = Category.SUICIDE, Category.IMMEDIATE_DANGER, Category.SELF_HARM

# (message, category): every one is `immediate` from the phrase patterns alone.
IMMEDIATE = [
    ("im going to kill my self tonight", SUI),
    ("ive got the tablets lined up and im going to take them all", SUI),
    ("i'm on the railway bridge and i'm going to jump", SUI),
    ("tonight's the night, I've had enough", SUI),
    ("I've made my mind up, I'm ending it this weekend", SUI),
    ("i'm going to drive into a wall on the motorway", SUI),
    ("i'm going to step in front of a train", SUI),
    ("i'm sat by the river and i want to go in", SUI),
    ("cant do this anymore, ive got the pills in front of me", SUI),
    ("this is goodbye, tell my mum i love her", SUI),
    ("im going to od on my insulin", SUI),
    ("by the time you read this i'll be gone", SUI),
    ("i wont be here in the morning", SUI),
    ("ill be dead by tomorrow", SUI),
    ("my son says he's going to end it tonight", SUI),
    ("my daughter has sent me a message saying goodbye and she's not answering", SUI),
    ("my mum says she's going to throw herself off the balcony", SUI),
    ("my brother is on the roof threatening to jump", SUI),
    ("my dad's been saying goodbye to everyone and giving his stuff away", SUI),
    ("she said she was going to kill herself and ran out the house", SUI),
    ("my partner has locked himself in the bathroom and says he's going to do it", SUI),
    ("my nan said she's going to stop taking her insulin so she can die", SUI),
    ("my uncle says he is going to drive his car off the cliff", SUI),
    ("um my dad rang me and said he's got the pills and he's going to take them", SUI),
    ("hes gone to the bridge he said hes going to jump", SUI),
    ("yeah hi its my son he's um he's saying he's going to kill himself he's in his room", SUI),
    ("I've just swallowed 30 paracetamol", DANGER),
    ("i've taken a load of my mums tablets", DANGER),
    ("my wife has taken too many of her sleeping tablets", DANGER),
    ("my mum she's she's taken all her tablets i don't know how many", DANGER),
    ("he's got a knife", DANGER),
    ("he's outside banging on the door", DANGER),
    ("she's collapsed and won't wake up", DANGER),
    ("i cant breathe", DANGER),
    ("i'm not safe here right now", DANGER),
    ("he's locked me in the flat and taken my phone", DANGER),
    ("my son has barricaded us in and wont let us out", DANGER),
    ("hes got me pinned against the wall", DANGER),
    ("he said he's coming round to kill me", DANGER),
    ("he's smashing the house up and the kids are here", DANGER),
    ("my husband has hit me and he's still in the house, i'm scared he'll do it again", DANGER),
    ("there's a man in my nans house and he won't leave, she's terrified", DANGER),
    ("im hiding in the wardrobe he doesnt know im here", DANGER),
    ("hes poured petrol through the letterbox", DANGER),
    ("he's just stabbed my brother", DANGER),
    ("my dad's fallen and hit his head and there's blood coming out of his ear", DANGER),
    ("my nan's been on the floor all night and she's freezing", DANGER),
    ("she's fitting and won't come round", DANGER),
    ("dad's gone really grey and he's clutching his chest", DANGER),
    ("my husband has gone out with his shotgun saying he's not coming back", DANGER),
    ("she is about to hurt herself", SH),
    ("im cutting myself right now", SH),
    # 2026-12-07, written fresh after reading blind batch 11 and training batch 12 (not copied from either):
    # a missing adult out in the cold or for hours, fire, bleeding that will not stop, something harmful
    # swallowed, an intruder who will not leave, violence in progress, a chosen day, means gathered, a last
    # message, self-harm happening now.
    ("my dad with dementia has wandered off and its getting dark, hes only in his pyjamas", DANGER),
    ("mum's been missing for about four hours now", DANGER),
    ("there's smoke pouring out of my grandad's bungalow", DANGER),
    ("my husband cut his hand on the saw and it won't stop bleeding", DANGER),
    ("my nan has just swallowed some washing pods, she has dementia", DANGER),
    ("there's a stranger in my mum's flat and he refuses to leave", DANGER),
    ("someone keeps kicking at my front door and shouting", DANGER),
    ("my sister is freezing and confused, she's been outside all night", DANGER),
    ("he's diabetic and he's not making any sense", DANGER),
    ("my dad's gone all floppy in his chair", DANGER),
    ("he's got his hands around her neck", DANGER),
    ("they're kicking him in outside the shop", DANGER),
    ("please send someone now he's going mad", DANGER),
    ("two lads are dragging my brother into a car", DANGER),
    ("my neighbour is being dragged out of her flat", DANGER),
    ("i can hear the old man upstairs shouting help", DANGER),
    ("dad has just had a fall in the kitchen and can't get up", DANGER),
    ("i've decided tomorrow is the day", SUI),
    ("I've got enough tablets saved to never wake up", SUI),
    ("my son's been stockpiling his tramadol", SUI),
    ("goodbye everyone, thank you for trying", SUI),
    ("this is my final message to you all", SUI),
    ("I'm taking all my tablets tonight", SUI),
    ("she's bought paracetamol from different shops all week", SUI),
    ("shes cutting her wrists in the bathroom", SH),
    ("my cuts are really deep this time", SH),
    ("he keeps banging his head on the floor and there's blood", SH),
    # 2026-12-07 (night): collapsed-now, trapped-now, deliberate-overdose, saving-means, farewell-after-tonight,
    # and the widened self-harm, intruder and missing-adult wording.
    ("my nan has just collapsed in the hallway", DANGER),
    ("he's on the floor and breathing really strangely", DANGER),
    ("i'm trapped in the back bedroom and can't get out", DANGER),
    ("they've nailed her front door shut from the outside", DANGER),
    ("i've done all my insulin pens", DANGER),
    ("she took a load of her tablets on purpose", DANGER),
    ("ive been saving my tablets up for weeks", SUI),
    ("please don't worry about me after tonight", SUI),
    ("the cuts are really deep tonight", SH),
    ("someone keeps pushing at my front door and won't go away", DANGER),
    ("my brother has gone missing again, he has dementia and only his slippers on. it is freezing out", DANGER),
    ("she keeps hitting her head on the radiator, the lady i look after, and i can't stop her. she split her lip", SH),
]

# Routine questions sharing words with the patterns above: the patterns must not fire, nothing says immediate.
ROUTINE_NEAR_MISSES = [
    "once the OT orders a toilet frame how long till it arrives",
    "i want to end it with this agency, they keep being late",
    "dad wants to end it with his current carers and find new ones",
    "my sister is going to end her caring role, who takes over",
    "he can't breathe well lying flat, can we get a profiling bed",
    "my dad has a knife and fork with big handles but needs a plate guard",
    "he's got a hammer toe, can the chiropodist visit",
    "my son has a knife crime conviction, can he still be a carer",
    "my mum is outside waiting for the day centre bus and it hasn't come",
    "the carer is not coming back tomorrow, who will cover",
    "i won't be here next week for the visit, i'm on holiday",
    "mum won't be here tomorrow, she is in respite, please cancel the carers",
    "my dad is going to the bridge club on tuesdays, can transport take him",
    "she sat on the edge of the bed and couldn't stand up, can she have a frame",
    "the care home said goodbye to her at the leaving party",
    "my son is going to jump at the chance of a supported living place",
    "can my nan jump the queue for a care home if her house is sold",
    "she needs help taking all her tablets in the morning",
    "my mum takes all her tablets from a dosette box, can the pharmacy do that",
    "she's had 2 paracetamol for her knee, can the carer give her more",
    "he takes 20 mg of morphine at night, can the district nurse visit",
    "how do i get a key safe fitted so the carers can let themselves in",
    "he's not safe on the stairs at the moment",
    "i'm dying to know when the assessment will be",
    "she's gone really grey and wants her hair done, is there a mobile hairdresser",
    # 2026-12-07: near-misses of the patterns added that day.
    "we had a fire alarm test at the care home, how often should they do it",
    "the smoke alarm keeps going off when mum cooks, can the council fit a heat alarm instead",
    "mum has pressure sore dressings every day, can the carers do them",
    "she has a pressure sore starting, can we get a special cushion",
    "he has bruises on his arms from the warfarin, is that normal for the carers to write down",
    "i'm killing myself trying to get a social worker to ring me back",
    "dad has been missing his day centre sessions, can we change the days",
    "they are coming back tomorrow to fix the ramp, will the council pay",
    "the twenty odd residents at the home need flu jabs",
    "he keeps pushing the door open with his walker, can we get a door closer",
    "my husband is diabetic and gets confused when his sugar is low, can we get a lunchtime call",
    "i think about walking into town but my legs won't let me",
    "the hoist has been left for weeks without a service",
    "is this my last form to fill in for the blue badge",
    "my carer has walked out after two hours and left the washing up, who do i complain to",
    "I'm gone for four hours at work, can someone sit with dad",
    "the people in mum's care home will not go out of their way to help her",
    "she is in the garden watching the birds most afternoons, can the day centre take her instead",
    "can you send someone quickly to fix the hoist, it has stopped working",
    "i will break my leg on these stairs one day, can we get a second rail",
    "his left arm has gone floppy since the stroke, can the OT help",
    "she has drunk a glass of water with her tablets, is that enough",
    "he is cutting and sticking at the day centre and loves it",
    "she is scratching her skin a lot with the eczema, can the carer put the cream on",
    "the funding cuts are so deep this year, will mum lose her day centre place",
    "we have decided monday is the day she moves into the care home",
    "i've been getting her prescriptions from different pharmacies, can one do it all",
    "she is going to take them all to the tip on saturday",
    "she took everything she had to the care home",
    "thanks, it is goodbye from me, you have been very helpful",
    "i cannot do this anymore, the agency is not answering my calls",
    "the kitchen was full of smoke when she burnt the toast, can we get a cooker guard",
    "mum's flat is freezing overnight, is there help with heating",
    "how do i keep mum from getting hypothermia in winter, are there grants",
    "he is diabetic and is not responding well to the new insulin, can the nurse visit",
    "this is my last message before i go into hospital on monday",
    "he split his head open last week when he fell, can we get a falls alarm",
    # 2026-12-07 (night): near-misses of that night's patterns and cues.
    "he collapsed last year and now wears a pendant alarm, does the council pay for it",
    "we feel trapped in a contract with the care agency, can we change",
    "dad is saving his pocket money up for a holiday, can his direct payment cover a carer",
    "she keeps her tablets in a dosette box, can the pharmacy fill it",
    "she likes hoarding the crossword books from the library, is there a reading group",
    "my friend is not suicidal but she is very lonely, is there a befriending service",
    "can the carers sign the MAR chart when they give mum her tablets",
    "he's been doing it for ten minutes, can the OT show him the exercises again",
    "my mum is not answering her phone, can the carers pop in and check on her",
    "i've got everything i need for the blue badge form, where do i send it",
]

# Despair without plan, means or time, and past or habitual harm: escalated, but not as `immediate`.
NOT_IMMEDIATE = [
    "I don't think I can face another day of this",
    "i feel so low and tired of everything",
    "she used to self harm when she was a teenager",
    "they lock her in her room at night at the care home",
    "my husband locks me in the house when he goes to work",
    "she is going to hurt herself if she carries on like this",
    "i keep thinking i want to die but i haven't done anything about it",
    "i think about driving into a tree sometimes, i wouldn't but i do think about it",
    # Not raised by step 4b: no in-progress or resolve cue, or a category it does not cover (neglect).
    "my stepdad hit my mum last week and she has a black eye",
    "the carers have not come and she has been sat in wet pads right now for hours",
    "i have been self harming again and i want to talk to someone",
]


@pytest.mark.parametrize(("message", "category"), IMMEDIATE)
def test_when_danger_now_or_suicidal_intent_is_written_then_patterns_say_immediate(
    pattern_detector: SafeguardingDetector, message: str, category: Category
) -> None:
    result = pattern_detector.detect(message)
    assert (result.tier, result.category) == (Tier.IMMEDIATE, category), result.rules
    assert result.rules[0].startswith("pattern:")


@pytest.mark.parametrize("message", ROUTINE_NEAR_MISSES)
def test_when_routine_question_shares_danger_words_then_no_pattern_fires_and_nothing_says_immediate(
    pattern_detector: SafeguardingDetector, detector: SafeguardingDetector, message: str
) -> None:
    assert pattern_detector.detect(message).tier is None, pattern_detector.detect(message).rules
    assert detector.detect(message).tier is not Tier.IMMEDIATE, detector.detect(message).rules


@pytest.mark.parametrize("message", NOT_IMMEDIATE)
def test_when_despair_or_past_harm_has_no_plan_means_or_time_then_not_immediate(
    detector: SafeguardingDetector, message: str
) -> None:
    assert detector.detect(message).tier is Tier.URGENT, detector.detect(message).rules


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("the pills are on the side", ("cue:means:pills",)),
        ("i will end it all tonight", ("cue:danger:end-it-all", "cue:now:tonight")),
        ("i have decided to die", ("cue:danger:die", "cue:intent:decided")),
        ("i will die", ()),  # "will" is in most routine questions: not an intent cue
        ("he is not safe on the stairs at the moment", ()),  # "safe" is routine care wording
        ("how long till the toilet frame arrives", ()),
    ],
)
def test_when_normalised_text_is_searched_then_the_immediacy_cue_is_named(text: str, cues: tuple[str, ...]) -> None:
    assert PatternLibrary.load().immediacy.find(text) == cues


# The learned layer's stricter cue (2026-11-26): a means word alone ("she can't use knives any more") is not
# danger now; with a now or intent word beside it, or a danger word with one, it is.
@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("she cannot use knives any more so she needs meals", ()),
        ("the pills are on the side", ()),
        ("the pills are on the side and i am taking them tonight", ("cue:means:pills", "cue:when:tonight")),
        ("i will end it all tonight", ("cue:danger:end-it-all", "cue:when:tonight")),
        ("how long till the toilet frame arrives", ()),
    ],
)
def test_when_the_learned_layer_guesses_immediate_then_a_means_word_needs_a_time_or_intent_word(
    text: str, cues: tuple[str, ...]
) -> None:
    assert PatternLibrary.load().immediacy.find_with_time(text) == cues


@pytest.mark.parametrize(
    ("message", "tier", "recorded"),
    [
        ("xyzzy the pills are here", Tier.IMMEDIATE, "cue:means:pills"),
        ("xyzzy plugh tonight", Tier.URGENT, "capped:immediate->urgent"),
    ],
)
def test_when_only_similarity_says_immediate_then_an_immediacy_cue_decides_whether_it_stands(
    embedder: Any, message: str, tier: Tier, recorded: str
) -> None:
    exemplar = Exemplar("exemplar:suicide:x", "I do not want to wake up tomorrow", Category.SUICIDE, Tier.IMMEDIATE)
    routine = Exemplar("exemplar:routine:x", "how do I book a blue badge appointment", None, None)
    vectors = np.asarray(embedder.embed([exemplar.text, routine.text]), dtype=np.float32)
    library = PatternLibrary.load()
    detector = LayeredSafeguardingDetector(library, exemplar_index=ExemplarIndex((exemplar, routine), vectors))
    result = detector.detect(message, vector=vectors[0])
    assert (result.tier, result.category) == (tier, Category.SUICIDE)
    assert result.rules[:2] == ("exemplar:suicide:x", recorded)


def test_when_lexicon_names_an_unknown_cue_kind_then_guardrail_error_names_it(tmp_path: Path) -> None:
    for source in default_patterns_dir().glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8").replace("\nimmediacy:\n", "\nimmediacy:\n  soon: [soon]\n")
    lexicon.write_text(text, encoding="utf-8")
    with pytest.raises(GuardrailError, match=r"lexicon\.yaml"):
        PatternLibrary.load(tmp_path)


def test_when_cue_lexicon_is_empty_then_nothing_is_a_cue() -> None:
    assert ImmediacyCues.from_lexicon({}).find("he has a knife and will kill me tonight") == ()


# Step 4b (2026-12-07): an urgent hit becomes immediate when the message says the harm is happening as it is
# written (physical, domestic, sexual, self-harm, danger) or that a decision to die is made (suicide,
# self-harm). Written fresh for this table, not copied from any labelled set.
RAISED = [
    ("my dad is shoving my mum about in the kitchen at this moment", "cue:in-progress:at-this-moment"),
    ("the man upstairs is beating his wife, i can hear it through the ceiling", "cue:in-progress:i-can-hear-it"),
    ("my son is kicking his dad, i can hear them", "cue:in-progress:i-can-hear-them"),
    ("my husband is slapping me and i can hear him coming back up the stairs", "cue:in-progress:i-can-hear-him"),
    ("my brother is forcing himself on my sister, he is in the room now", "cue:in-progress:is-in-the-room-now"),
    ("i've been self harming every night and i have decided this is the last time i bother", "cue:resolve:"),
    ("i have been cutting myself and i've made up my mind", "cue:resolve:made-up-my-mind"),
    ("i cannot cope, i keep cutting and i have made my mind up tonight", "cue:resolve:made-my-mind"),
    ("she's been burning herself with a lighter, it's been going on for twenty minutes", "cue:in-progress:"),
    ("i've been self harming again and i've bought what i need", "cue:resolve:bought-what-i-need"),
]


@pytest.mark.parametrize(("message", "cue"), RAISED)
def test_when_harm_is_happening_as_written_or_resolve_is_stated_then_urgent_becomes_immediate(
    detector: SafeguardingDetector, message: str, cue: str
) -> None:
    result = detector.detect(message)
    assert result.tier is Tier.IMMEDIATE, result.rules
    assert any(rule.startswith(cue) for rule in result.rules), result.rules


def test_when_intent_is_denied_then_a_resolve_cue_does_not_raise_the_wish_again(
    pattern_detector: SafeguardingDetector,
) -> None:
    message = "i want to die some days but i'm not going to do anything, i have decided to get help"
    result = pattern_detector.detect(message)
    assert result.tier is Tier.URGENT, result.rules
    assert "lowered:intent-denied" in result.rules


@pytest.mark.parametrize(
    ("text", "in_progress", "resolve"),
    [
        ("he is hitting her right now", ("cue:in-progress:right-now",), ()),
        ("i am not right now but i was", (), ()),
        ("i can hear him shouting", ("cue:in-progress:i-can-hear-him",), ()),
        ("i have written my letters", (), ("cue:resolve:written-my-letters",)),
        ("dont worry about me after tonight", (), ("cue:resolve:after-tonight",)),
        ("i have got everything i need", (), ("cue:resolve:got-everything-i-need",)),
        ("she is not picking up", (), ("cue:resolve:not-picking-up",)),
        ("her phone is switched off", (), ("cue:resolve:phone-is-switched-off",)),
        ("he took my mobile off me", (), ()),
        ("how long till the toilet frame arrives", (), ()),
    ],
)
def test_when_text_is_searched_then_in_progress_and_resolve_cues_are_named(
    text: str, in_progress: tuple[str, ...], resolve: tuple[str, ...]
) -> None:
    cues = PatternLibrary.load().immediacy
    assert (cues.happening_now(text), cues.resolved(text)) == (in_progress, resolve)


# Step 5 without a reporting pattern (2026-12-07): a question about a kind of harm that names nobody is info.
@pytest.mark.parametrize(
    ("message", "tier", "first_rule"),
    [
        ("is modern slavery something adult social care deals with?", Tier.INFO, "topic-question:"),
        ("does the council deal with cuckooing?", Tier.INFO, "topic-question:"),
        ("is my neighbour a victim of modern slavery? he works all hours and never gets paid", Tier.URGENT, "pattern:"),
    ],
)
def test_when_a_question_about_a_kind_of_harm_names_nobody_then_it_is_info(
    pattern_detector: SafeguardingDetector, message: str, tier: Tier, first_rule: str
) -> None:
    result = pattern_detector.detect(message)
    assert result.tier is tier, result.rules
    assert result.rules[0].startswith(first_rule), result.rules


# Patterns written 2026-12-07 for urgent disclosures: a slap to a part of the body, professionals' wording for
# a suspicious injury, hoarding with a sign of harm, a professional's referral naming "our client".
@pytest.mark.parametrize(
    ("message", "rule"),
    [
        ("she slaps my hand when i reach for the biscuits", "pattern:physical:slaps-body-part"),
        ("there are grip marks on her upper arms", "pattern:physical:injury-explanation"),
        ("our client's explanation for the bruising keeps changing", "pattern:physical:injury-explanation"),
        ("my nan hoards everything and the fire service say it is a fire risk", "pattern:self_neglect:hoarding"),
        ("my neighbour threatened to kill my dog if it barks again", "pattern:psychological:threatens"),
        ("the carers signed the chart as given but her tablets are still in the dosette box",
         "pattern:neglect:medication-signed-not-given"),
        ("his tablets were never given last week even though the record was marked as done",
         "pattern:neglect:medication-signed-not-given"),
    ],
)
def test_when_new_urgent_wording_is_written_then_the_named_pattern_fires_at_urgent(
    pattern_detector: SafeguardingDetector, message: str, rule: str
) -> None:
    result = pattern_detector.detect(message)
    assert result.tier is Tier.URGENT, result.rules
    assert rule in result.rules


def test_when_a_capped_guess_is_raised_by_an_in_progress_cue_then_it_is_no_longer_recorded_as_capped(
    detector: SafeguardingDetector,
) -> None:
    result = detector.detect("he's been cutting his arms in the bathroom, he's been at it for about an hour")
    assert result.tier is Tier.IMMEDIATE, result.rules
    assert "cue:in-progress:been-at-it-for-about-an-hour" in result.rules
    assert not result.capped
