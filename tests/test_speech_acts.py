"Speech-act and word-class rules, and who-said-it rules, as the tagger applies them."
import pandas as pd
import pytest
import collab_nlp as cn
from collab_nlp.speech_acts import evaluation, opinion_lexicon, speech_act_matches

def said(text, role="clinician", model=False):
    u = pd.DataFrame({"session_id": "s", "turn": [0], "role": [role], "text": [text]})
    return set(cn.tag_utterances(u, model=model)["label"])

def test_the_opinion_lexicon_is_vaders_and_feelings_are_not_evaluations():
    assert len(opinion_lexicon()) > 7000
    assert evaluation("courageous") == 1 and evaluation("irresponsible") == -1
    assert evaluation("lonely") == 0 and evaluation("overwhelmed") == 0

@pytest.mark.parametrize("text, label", [
    ("You have been incredibly generous with your time.", "affirming"),
    ("You were so thoughtful about how you told her.", "affirming"),
    ("That was a wise decision.", "affirming"),
    ("You're being pathetic.", "confronting"),
    ("That's a pretty selfish thing to do.", "confronting"),
    ("You must have been terrified.", "validating"),
    ("You should be really proud of yourself.", "affirming"),
    ("You will take the tablets every morning.", "command"),
    ("It is essential that you rest the ankle.", "obligation"),
    ("What I would do is ring them first thing.", "unsolicited_advice"),
    ("Most folk your age would have sorted it by now.", "confronting"),
    ("It could have been a lot worse, honestly.", "minimizing"),
    ("What matters most to you about going back?", "eliciting_voice"),
])
def test_kinds_of_language_beyond_the_lexicon(text, label):
    assert label in said(text)

@pytest.mark.parametrize("text", ["You're feeling really low.", "You must be Sam's mum?", "You'll find the lift on the left.",
                                  "I'll send you the leaflet.", "How many units a week would you say?", "I think you're going to pass."])
def test_look_alikes_get_no_directive_or_praise(text):
    assert not said(text) & {"affirming", "confronting", "obligation", "command", "eliciting_voice"}

def test_epistemic_must_and_praise_with_should_are_not_obligations():
    assert "obligation" not in said("You must be exhausted.") and "obligation" not in said("You should be proud of that.")

def test_an_open_question_gives_way_to_a_challenge():
    assert said("What were you thinking?") == {"confronting"}

def test_a_client_voicing_the_rule_of_powerlessness_is_internalised_not_directive():
    for text in ("I just have to suck it up.", "I shouldn't complain, other people have it worse than me."):
        got = said(text, role="client")
        assert "internalised_minimizing" in got and not got & {"minimizing", "confronting"}, (text, got)
    assert "minimizing" in said("You just have to suck it up.", role="clinician")

def test_self_disclosure_is_the_helpers_not_the_clients():
    assert "self_disclosure" in said("I went through the same thing with my dad.", role="clinician")
    assert "self_disclosure" not in said("I went through the same thing with my dad.", role="client")
    assert "self_disclosure" not in said("I went through the same thing with my dad.", role="client", model=True)
    assert "self_disclosure" not in said("I'm going to write that down and send it to your GP.", role="clinician")

def test_internalised_minimizing_never_counts_as_the_clinicians_directive():
    from collab_nlp.schema import make_utterances
    u = make_utterances([{"speaker": "Nurse", "role": "clinician", "text": "How has the week been?"},
                         {"speaker": "Pat", "role": "client", "text": "I just have to suck it up, there's no point complaining."}], session_id="s")
    res = cn.audit(u)
    assert res.sessions["directive_rate"].iloc[0] == 0
    assert set(res.tags[res.tags.turn == 1]["family"]) == {"reported"}

def test_matches_carry_offsets_into_the_text():
    text = "Honestly, that was a brave thing to do."
    (a, b, label, rid), = speech_act_matches(text)
    assert text[a:b].startswith("that was a brave") and label == "affirming" and rid == "sa_eval_act"


def test_lower_case_patterns_match_like_the_case_blind_ones():
    # speech_act_matches runs each rule without re.IGNORECASE on the lower-cased text (the fast path):
    # on every gold utterance it must find exactly the spans the case-blind pattern finds
    from pathlib import Path
    import pandas as pd
    from collab_nlp.speech_acts import SPEECH_ACT_RULES, _LOWER_RX
    gold = Path(__file__).resolve().parents[1] / "data" / "gold"
    texts = pd.concat([pd.read_csv(gold / f, dtype=str, keep_default_na=False)["text"] for f in ("tags_v2.csv", "tags.csv")]).tolist()
    texts += ["YOU'RE SO BRAVE.", "You Were Really Thoughtful With Her."]
    for rule in SPEECH_ACT_RULES:
        for t in texts:
            assert [m.span() for m in rule["rx"].finditer(t)] == [m.span() for m in _LOWER_RX[rule["id"]].finditer(t.lower())], (rule["id"], t)


def test_text_that_changes_length_when_lower_cased_keeps_its_offsets():
    text = "İstanbul was hard. You're so brave."   # 'İ' lower-cases to two characters
    (a, b, label, rid), = speech_act_matches(text)
    assert text[a:b] == "You're so brave" and label == "affirming"
