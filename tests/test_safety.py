"Safety advice is never made optional, and every suggestion is a whole sentence a clinician could say."
import re
from pathlib import Path
import pandas as pd
import pytest
import collab_nlp as cn
from collab_nlp.pipeline import load_nlp
from collab_nlp.tagger import _sentences

ROOT = Path(__file__).resolve().parents[1]
SAFETY = ROOT / "data" / "gold" / "safety_utterances.csv"
# What hands a decision back to the listener: fine for most advice, never for safety advice.
OPTIONAL = re.compile(r"your call|up to you|would you be willing|if you want|if you'd like|you don't have to|optional|"
                      r"how would it be for you|you decide|take it or leave|what do you think about|is that something you want|"
                      r"your decision|whatever you (?:choose|decide)", re.I)

@pytest.fixture(scope="module")
def safety():
    s = pd.read_csv(SAFETY, dtype=str, keep_default_na=False)
    return s, cn.tag_utterances(s["text"].tolist())

def test_the_list_is_big_and_covers_every_kind(safety):
    s, _ = safety
    assert len(s) >= 60
    assert s.groupby("category").size().min() >= 12 and s["category"].nunique() == 7

def test_no_safety_utterance_gets_an_optional_rewrite(safety):
    s, tags = safety
    bad = []
    for r in tags[tags["suggestion"].notna()].itertuples():
        said = s["text"][r.turn].lower()
        added = [m.group(0) for m in OPTIONAL.finditer(r.suggestion) if m.group(0).lower() not in said]
        if added: bad.append((s["text"][r.turn], r.suggestion))
    assert not bad, bad

def test_advice_bearing_spans_on_the_list_are_all_marked_safety(safety):
    s, tags = safety
    advice = tags[tags["label"].isin(["command", "obligation", "warning", "unsolicited_advice"])]
    assert len(advice) >= 60
    assert advice["safety"].notna().all(), advice[advice["safety"].isna()][["turn", "span_text"]]

def test_safety_rewrites_keep_every_safety_word_of_their_sentence(safety):
    s, tags = safety
    nlp, lost = load_nlp(), []
    for r in tags[tags["safety"].notna() & tags["suggestion"].notna()].itertuples():
        doc = nlp.make_doc(s["text"][r.turn])
        sent = next(doc[a:b].text for a, b in _sentences(doc) if doc[a].idx <= r.start_char < doc[b - 1].idx + len(doc[b - 1]))
        for k in s["must_keep"][r.turn].split(";"):
            if k in sent and k not in r.suggestion and (k[0].upper() + k[1:]) not in r.suggestion: lost.append((k, r.suggestion))
    assert not lost, lost

def test_advice_against_emergency_help_is_flagged_for_review_not_rewritten():
    t = cn.tag_utterances(["Don't go to A and E with it, they won't do anything."])
    assert len(t) and t["safety"].notna().all() and t["suggestion"].isna().all()

def test_the_report_marks_safety_advice(tmp_path):
    from collab_nlp.schema import make_utterances
    u = make_utterances([{"speaker": "Nurse", "role": "clinician", "text": "If it gets worse, call 999 straight away."},
                         {"speaker": "Pat", "role": "client", "text": "Okay."}], session_id="s1")
    res = cn.audit(u)
    from collab_nlp.report import render_session
    html = render_session(res, "s1")
    assert "safety advice: keep the content" in html and "your call" not in html.lower()

# ---- every suggestion the samples and gold sets produce -------------------------------------------
def _all_suggestions(samples_dir):
    out = []
    df = cn.read_transcripts(samples_dir)
    t = cn.tag_utterances(df)
    texts = df["text"].tolist()
    out += [(texts[i], r) for i, r in zip(range(len(t)), [])]
    for (sid, turn), grp in t[t["suggestion"].notna()].groupby(["session_id", "turn"]):
        said = df[(df.session_id == sid) & (df.turn == turn)]["text"].iloc[0]
        out += [(said, r) for r in grp.itertuples()]
    for name in ("tags.csv", "tags_v2.csv", "safety_utterances.csv"):
        p = ROOT / "data" / "gold" / name
        if not p.exists(): continue
        g = pd.read_csv(p, dtype=str, keep_default_na=False)
        tg = cn.tag_utterances(g["text"].tolist())
        out += [(g["text"][r.turn], r) for r in tg[tg["suggestion"].notna()].itertuples()]
    return out

@pytest.fixture(scope="module")
def suggestions(samples_dir):
    return _all_suggestions(samples_dir)

def test_there_are_many_suggestions_to_check(suggestions):
    assert len(suggestions) >= 300

def test_no_suggestion_has_a_placeholder_or_a_gap(suggestions):
    bad = [(said, r.suggestion) for said, r in suggestions
           if re.search(r"\.\.\.|…|\{|\}|\bone option could be\s*[.?]?$|\s[?.!]", r.suggestion, re.I) and not re.search(r"\.\.\.|…", said)]
    assert not bad, bad[:10]

def test_every_suggestion_reads_as_a_sentence(suggestions):
    bad = [(said, r.suggestion) for said, r in suggestions
           if not r.suggestion[:1].isupper() or not re.search(r"[.?!]$", r.suggestion) or "  " in r.suggestion]
    assert not bad, bad[:10]

def test_no_suggestion_lower_cases_an_acronym(suggestions):
    bad = []
    for said, r in suggestions:
        if said.upper() == said: continue  # shouting in capitals: nothing to keep
        for w in set(re.findall(r"\b[A-Z]{2,}\b|\bA and E\b|\bA&E\b", said)):
            if re.search(r"\b" + re.escape(w.lower()) + r"\b", r.suggestion) and w not in r.suggestion: bad.append((w, r.suggestion))
    assert not bad, bad[:10]

@pytest.mark.parametrize("request_", ["Sit down.", "Have a seat.", "Take a seat, I'll be with you in a minute.",
                                      "Come on in.", "Sit wherever you like.", "Please take a look at this leaflet.",
                                      "Be well.", "Take care of yourself.", "Follow me, the room's this way."])
def test_practical_requests_and_courtesy_are_not_turned_into_autonomy_questions(request_):
    t = cn.tag_utterances([request_])
    assert not len(t[t["family"] == "directive"]), t[["label", "span_text", "suggestion"]]


def test_an_order_right_after_safety_advice_is_not_made_optional():
    # the hoist advice is in one turn, the order in the next: the order keeps its words and goes to review
    import collab_nlp as cn
    from collab_nlp.report import render_session
    from collab_nlp.safety import INHERITED
    from collab_nlp.schema import make_utterances
    u = make_utterances([{"speaker": "Nurse", "role": "clinician", "text": "Use the hoist every time, with two of you."},
                         {"speaker": "Sam", "role": "client", "text": "We're too short-staffed for that."},
                         {"speaker": "Nurse", "role": "clinician", "text": "Make time. It's your back."},
                         {"speaker": "Sam", "role": "client", "text": "Okay."},
                         {"speaker": "Nurse", "role": "clinician", "text": "Anyway."},
                         {"speaker": "Sam", "role": "client", "text": "Fine."},
                         {"speaker": "Nurse", "role": "clinician", "text": "Make time for lunch today."}], session_id="h")
    a = cn.audit(u)
    t = a.tags[(a.tags["turn"] == 2) & (a.tags["family"] == "directive")]
    assert len(t) and t["suggestion"].isna().all() and t["safety"].str.endswith(INHERITED).all()
    later = a.tags[(a.tags["turn"] == 6) & (a.tags["family"] == "directive")]
    assert later["safety"].isna().all()                     # six turns on, no longer "just before"
    page = render_session(a, "h")
    assert "said just before" in page and "It's your call" not in page.split('id="t-3"')[1].split('id="t-4"')[0]
