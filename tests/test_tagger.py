"Tagger: labels, context rules, fast == slow, the spaCy factory, the tag frame, and the gold-set floor."
from pathlib import Path
import pandas as pd
import pytest
import spacy
from collab_nlp.pipeline import load_nlp
from collab_nlp.tagger import TAG_COLUMNS, get_tagger, show_tags, tag_utterances, tagged_docs, tags_from_docs

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "tags.csv"


def labels(text):
    return set(tag_utterances([text])["label"])


@pytest.mark.parametrize("text, expected", [
    ("Just suck it up.", {"minimizing"}),
    ("You sucked it up for years.", {"minimizing"}),
    ("quit sucking it up and talk to me", {"minimizing"}),
    ("JUST SUCK IT UP", {"minimizing"}),
    ("At least you still have your job.", {"minimizing"}),
    ("Sit down and be quiet.", {"command"}),
    ("Put your phone away.", {"command"}),
    ("Do as I say.", {"command"}),
    ("You need to stop drinking.", {"obligation"}),
    ("u gotta stop", {"obligation"}),
    ("If you keep drinking like this, you'll lose your kids.", {"warning"}),
    ("You're in denial.", {"confronting"}),
    ("I'd strongly recommend AA.", {"unsolicited_advice"}),
    ("Would it be okay if I shared some information?", {"asking_permission"}),
    ("It's up to you.", {"emphasizing_autonomy"}),
    ("Let's figure it out together.", {"seeking_collaboration"}),
    ("What do you want for yourself?", {"eliciting_voice"}),
    ("How is this working for you?", {"inviting_feedback"}),
    ("That makes sense.", {"validating"}),
    ("That took a lot of courage.", {"affirming"}),
    ("I've been there myself.", {"self_disclosure"}),
])
def test_every_label(text, expected):
    assert expected <= labels(text)


# context rules, each with its counter-case
def test_reported_speech_and_quotes():
    assert labels("My dad always told me to suck it up.") == {"reported_directive"}
    assert labels('She would just say "grin and bear it".') == {"reported_directive"}
    assert labels("\"Stop crying,\" she said.") == {"reported_directive"}
    assert "minimizing" in labels("Suck it up.")


def test_negation():
    assert labels("I'm not going to tell you to get over it.") == set()
    assert labels("I don't want you to just suck it up.") == set()
    assert "minimizing" in labels("You need to get over it.")
    assert "confronting" in labels("Why can't you just get over it?")  # a negative question is not a negation


def test_first_person_self_talk():
    assert labels("I need to stop drinking.") == set()
    assert labels("I have to leave early today.") == set()
    assert labels("You need to stop drinking.") == {"obligation"}


def test_invitational_imperatives():
    for t in ("Tell me more.", "Take your time.", "Stop me if this isn't helpful.", "Have a seat.", "Let me know if I'm wrong."):
        assert "command" not in labels(t), t
    assert "command" in labels("Stop drinking.")


def test_pseudo_collaborative_we():
    assert "obligation" in labels("We need you to stop.")
    assert labels("Let's figure it out together.") == {"seeking_collaboration"}


def test_questions():
    assert labels("Do you ever feel you have to suck it up?") == set()
    assert "confronting" in labels("What could be more important than your kids?")
    assert "obligation" in labels("You need to calm down, okay?")  # tag question


def test_options_handed_back():
    hedged = labels("Maybe you could try a meeting, or talk to your sister.")
    assert "emphasizing_autonomy" in hedged and "unsolicited_advice" not in hedged
    assert "unsolicited_advice" in labels("You could try a meeting.")


def test_informal_spelling():
    assert "obligation" in labels("U HAVE 2 STOP")
    assert "minimizing" in labels("bro stop cryin")
    assert "emphasizing_autonomy" in labels("its ur choice")


def test_tag_frame_keeps_who_speaks():
    from collab_nlp.schema import make_utterances
    u = make_utterances([{"speaker": "Client", "text": "My dad always told me to suck it up."},
                         {"speaker": "Therapist", "text": "You need to calm down."}], "s1")
    t = tag_utterances(u)
    assert list(t.columns) == TAG_COLUMNS
    assert set(t.loc[t.turn == 0, "role"]) == {"client"} and set(t.loc[t.turn == 0, "label"]) == {"reported_directive"}
    assert set(t.loc[t.turn == 1, "label"]) == {"obligation", "minimizing"} and set(t.session_id) == {"s1"}
    row = t[t.label == "minimizing"].iloc[0]
    assert u.text[1][row.start_char:row.end_char] == row.span_text == "calm down"
    assert row.suggestion and row.rule == "min_calm_down" and row.family == "directive"
    lst = tag_utterances(["Tell me more.", "", None])
    assert lst.session_id.isna().all() and lst.role.isna().all() and set(lst.turn) == {0}


def test_span_extensions():
    doc = next(tagged_docs(["You need to calm down."]))
    got = {(s.label_, s._.family, s._.rule) for s in doc.spans["collab"]}
    assert got == {("obligation", "directive", "obl_you_need_to"), ("minimizing", "directive", "min_calm_down")}


VARIED = ["Stop drinking.", "Tell me more.", "You need to suck it up!", "Honestly, just stop it now.", "If it hurts, stop.",
          "Don't you dare.", "You are, frankly, still in denial.", "Try to relax.", "I think you're really overreacting.",
          "", "Okay. So, take the pills every morning and call me.", "\"Stop crying,\" she said.", "Never do that again.",
          "It makes sense you're upset, but stop shouting at me.", "Close your eyes and breathe.", "Go home."]


def _sample_texts():
    try:
        from collab_nlp.readers import read_transcripts
        return read_transcripts(ROOT / "data" / "samples")["text"].tolist()
    except Exception:
        return []


def test_fast_and_slow_paths_identical():
    texts = VARIED + _sample_texts()
    fast, slow = tag_utterances(texts, fast=True), tag_utterances(texts, fast=False)
    pd.testing.assert_frame_equal(fast, slow)
    assert len(fast) > 0


def test_factory_in_a_pipeline_matches():
    nlp = spacy.load(str(load_nlp().path), exclude=["ner"])
    nlp.add_pipe("collab_tagger")
    assert "collab_tagger" in nlp.pipe_names
    pd.testing.assert_frame_equal(tags_from_docs(list(nlp.pipe(VARIED))), tag_utterances(VARIED, fast=False))


def test_syntax_share_is_small_on_annomi(annomi_path):
    from collab_nlp.readers import read_annomi
    texts = read_annomi(annomi_path)["text"].tolist()
    nlp = load_nlp()
    tagger = get_tagger(nlp)
    share = sum(tagger.needs_syntax(d) for d in nlp.tokenizer.pipe(texts)) / len(texts)
    assert share < 0.2, share


def test_show_tags_returns_html():
    html = show_tags(["Just suck it up.", "Let's work on it together."], jupyter=False)
    assert "suck" in html and "minimizing" in html and "seeking_collaboration" in html and "<div" in html


@pytest.mark.skipif(not GOLD.is_file(), reason="gold set data/gold/tags.csv not present")
def test_gold_family_f1_floor():
    from collab_nlp.tagger_eval import evaluate_gold
    fam = evaluate_gold(GOLD, use_roles=False)["families"]  # written before the role rules: a client's minimizing is minimizing there
    # floors a little under the values measured when these tests were written (see 03b_tagger_eval)
    assert fam.loc["(micro)", "f1"] >= 0.92
    assert fam.loc["directive", "f1"] >= 0.94
    assert fam.loc["collaborative", "f1"] >= 0.90
    assert fam.loc["reported", "f1"] >= 0.82


GOLD_V2 = Path(__file__).resolve().parents[1] / "data" / "gold" / "tags_v2.csv"

def test_held_out_test_part_floor():
    "The tags_v2 test part (unseen author and setting): floors a little under the final measurement in 03b_tagger_eval."
    from collab_nlp.tagger_eval import evaluate_gold
    fam = evaluate_gold(GOLD_V2, split="test")["families"]
    assert fam.loc["directive", "precision"] >= 0.90 and fam.loc["directive", "recall"] >= 0.72
    assert fam.loc["collaborative", "recall"] >= 0.87 and fam.loc["reported", "f1"] >= 0.84


def test_a_trailing_off_ellipsis_keeps_the_negation_in_the_sentence():
    # "..." before a lower-case word is a pause: the "not" before it still negates what follows
    import collab_nlp as cn
    u = pd.DataFrame({"session_id": "s", "turn": [0, 1], "role": "clinician",
                      "text": ["I'm not going to tell you to... suck it up.", "Well... That's life. Suck it up."]})
    t = cn.tag_utterances(u)
    assert set(t.loc[t.turn == 0, "family"]) <= {"collaborative"} and "minimizing" in set(t.loc[t.turn == 1, "label"])


def test_tagging_a_run_on_utterance_is_linear():
    "A transcript line with no sentence ends (a pasted chat, a broken export): ten times the text takes about ten times as long."
    import time
    from collab_nlp.tagger import tag_utterances
    unit = "you need to just suck it up and my dad told me to get over it and you should try to calm down, "
    tag_utterances(["warm up"])
    def secs(n):
        t0 = time.perf_counter(); tags = tag_utterances([unit * n]); return time.perf_counter() - t0, len(tags)
    (small, n_small), (big, n_big) = secs(110), secs(1100)    # about 10 KB and 100 KB
    assert n_big == 10 * n_small
    assert big / small < 30, f"{small:.2f} s -> {big:.2f} s for 10x the text: worse than linear"   # quadratic would be ~100x
