"Session indicators (collab_nlp.mutuality): each value worked out by hand on tiny sessions."
import time
import numpy as np
import pandas as pd
import pytest
from collab_nlp.mutuality import (CATEGORIES, COLLABORATION_COMPONENTS, INDICATORS, SESSION_COLUMNS, band_pct_complex_reflections,
                                  band_reflection_to_question, band_table, collaboration_subscores, lsm_score, lsm_series,
                                  reply_pairs, session_indicators, tokenize, utterance_counts, _demo_session)


def session(roles, texts, behaviour=None, sid="s", **codes):
    "A hand-made coded session."
    n = len(texts)
    d = {"session_id": sid, "turn": range(n), "speaker": [r[:2].upper() for r in roles], "role": roles, "text": texts,
         "start": np.nan, "end": np.nan, "behaviour": behaviour or [None] * n}
    for c in ("question_type", "reflection_type", "input_type"): d[c] = codes.get(c, [None] * n)
    return pd.DataFrame(d)


def tags(rows, sid="s"):
    return pd.DataFrame([{"session_id": sid, "turn": t, "label": l, "span_text": x} for t, l, x in rows])


@pytest.fixture
def demo():
    return _demo_session()


def test_tokenizer_and_counts():
    assert tokenize("I\u2019m NOT sure, we'll see?") == ["i'm", "not", "sure", "we'll", "see"]
    c = utterance_counts(["I'm not sure, we'll see?", "The end"]).iloc[0]
    # i'm: personal pronoun + auxiliary; not: negation; we'll: personal pronoun, auxiliary, inclusive
    assert (c["n_words"], c["personal_pronouns"], c["auxiliary_verbs"], c["negations"], c["inclusive"]) == (5, 2, 2, 1, 1)
    assert c["has_question_mark"] and c["articles"] == 0


def test_talk():
    s = session(["clinician", "clinician", "client", "other"], ["one two three", "four", "a b c d e f", "ok"])
    r = session_indicators(s).iloc[0]
    assert (r["words_clinician"], r["words_client"], r["words_other"]) == (4, 6, 1)
    assert r["clinician_talk_share"] == pytest.approx(4 / 11) and r["clinician_turn_share"] == 0.5
    assert r["mean_turn_words_clinician"] == 2 and r["mean_turn_words_client"] == 6
    assert r["longest_monologue_words"] == 6 and r["longest_monologue_role"] == "client"
    assert r["turn_balance"] == pytest.approx(1 - 2 / 10)


def test_questions_and_miti(demo):
    s = session(["clinician", "client", "clinician", "client", "clinician", "clinician", "clinician"],
                ["How are you?", "Fine? I guess.", "You're fine.", "Yes", "Is it?", "Did you?", "So it's hard and scary."],
                ["question", None, "reflection", None, "question", "question", "reflection"],
                question_type=["open", None, None, None, "closed", "closed", None],
                reflection_type=[None, None, "simple", None, None, None, "complex"])
    r = session_indicators(s).iloc[0]
    assert (r["questions_by_clinician"], r["questions_by_client"]) == (3, 1)
    # 2 reflections and 3 questions are too few for a MITI band (MIN_BAND_RQ), however the ratio falls
    assert r["reflection_to_question"] == pytest.approx(2 / 3) and r["band_reflection_to_question"] == "too few to band"
    assert r["pct_open_questions"] == pytest.approx(100 / 3)
    assert r["pct_complex_reflections"] == 50 and r["band_pct_complex_reflections"] == "too few to band"
    assert r["pct_reflections"] == 40
    # no questions, two reflections: R:Q undefined, band good; no reflections at all: %CR undefined
    s2 = s.assign(behaviour=[None if b == "question" else b for b in s["behaviour"]], question_type=None)
    r2 = session_indicators(s2).iloc[0]
    assert np.isnan(r2["reflection_to_question"]) and r2["band_reflection_to_question"] == "too few to band"
    assert np.isnan(r2["pct_open_questions"])
    assert r2["questions_by_clinician"] == 3   # uncoded clinician rows: the '?' heuristic


def test_bands():
    assert band_reflection_to_question([0.99, 1.0, 2.0, np.nan]).tolist() == ["below fair", "fair", "good", "n/a"]
    assert band_pct_complex_reflections([0, 40, 49.9, 50, np.nan]).tolist() == ["below fair", "fair", "fair", "good", "n/a"]


def test_bands_need_enough_behaviours():
    # R:Q: 10 reflections and questions together; %CR: 5 reflections; reflections with no question are 'good' once there are 10
    assert band_reflection_to_question([0.5, 0.5, np.nan, np.nan, np.nan], [3, 4, 9, 10, 0], [6, 8, 0, 0, 0]).tolist() == \
        ["too few to band", "below fair", "too few to band", "good", "n/a"]
    assert band_pct_complex_reflections([50, 50, np.nan], [4, 5, 0]).tolist() == ["too few to band", "good", "n/a"]
    assert band_reflection_to_question([0.5], [2], [4], min_count=0).tolist() == ["below fair"]


def test_span_indicators(demo):
    u, _ = demo
    t = tags([(0, "affirming", "x"), (2, "command", "Stop drinking"), (2, "obligation", "we need to"), (2, "warning", "or else"),
              (4, "confronting", "x"), (4, "self_disclosure", "I once"), (1, "minimizing", "x"), (3, "command", "x"),
              (1, "reported_directive", "x")], sid="demo")
    r = session_indicators(u, t).iloc[0]
    assert (r["mi_adherent"], r["mi_non_adherent"]) == (1, 3)      # affirming; command, warning, confronting (clinician only)
    assert r["directive_rate"] == pytest.approx(100 * 2 / 3)        # turns 2 and 4 of 3 clinician turns: a turn counts once
    assert r["collaborative_rate"] == pytest.approx(100 * 2 / 3)    # turns 0 (affirming) and 4 (self_disclosure)
    assert r["rate_command"] == pytest.approx(100 / 3) and r["rate_minimizing"] == 0
    assert r["minimizing_count"] == 1 and r["self_disclosure_count"] == 1
    assert r["you_commands"] == 1 and r["you_command_rate"] == pytest.approx(100 / 20)   # "we need to" is not you-directed
    assert r["inclusive_pronoun_rate"] == pytest.approx(100 / 20)
    none = session_indicators(u, None).iloc[0]
    assert np.isnan(none["directive_rate"]) and np.isnan(none["mi_adherent"])   # tagger not run: unknown, not zero


def test_lsm_pooled_and_series():
    s = session(["clinician", "client", "client"], ["I am so tired", "I am", "the end"])
    r = session_indicators(s).iloc[0]
    # clinician: i, am, so in 4 words; client: i, am, the in 4 words
    p1 = np.array([25, 0, 0, 25, 0, 25, 0, 0, 0.0]); p2 = np.array([25, 0, 25, 0, 0, 25, 0, 0, 0.0])
    assert list(CATEGORIES)[2:4] == ["articles", "conjunctions"]
    assert r["lsm"] == pytest.approx(np.mean(1 - np.abs(p1 - p2) / (p1 + p2 + 0.0001)))
    ls = lsm_series(s)
    assert ls["turn"].tolist() == [1, 2]               # both client turns vs clinician turn 0
    a = (2 * (1 - 25 / 75.0001) + (1 - 25 / 25.0001) + 6) / 9
    assert ls["lsm"].iloc[0] == pytest.approx(a)
    # "the end" vs "I am so tired": pronoun, auxiliary, conjunction, article each used by one side only
    assert ls["lsm"].iloc[1] == pytest.approx((3 * (1 - 25 / 25.0001) + (1 - 50 / 50.0001) + 5) / 9)
    assert np.isnan(lsm_score(np.zeros(9), 0, np.zeros(9), 4))


def test_coordination(demo):
    u, t = demo
    r = session_indicators(u, t, min_pairs=1, min_markers=1).iloc[0]
    assert r["coordination_clinician_to_client"] == pytest.approx(0.1)
    assert r["coordination_client_to_clinician"] == pytest.approx(1 / 6)
    d = session_indicators(u, t).iloc[0]
    assert np.isnan(d["coordination_clinician_to_client"]) and "2 reply pairs (<10)" in d["coordination_note"]
    # 10 identical exchanges: the client always echoes exactly what the clinician used -> P(b|a) = P(b) = 1, C = 0
    s = session(["clinician", "client"] * 10, ["I am here", "I am too"] * 10)
    r = session_indicators(s, min_markers=3).iloc[0]
    assert r["coordination_client_to_clinician"] == 0 and r["coordination_note"].startswith("clinician->client: 9 reply pairs")
    d = session_indicators(s).iloc[0]   # the clinician used only 3 of the 9 markers (< 5)
    assert np.isnan(d["coordination_client_to_clinician"]) and "only 3 of 9 markers" in d["coordination_note"]
    assert len(reply_pairs(s)) == 19


def test_coordination_alternating_echo():
    "The client uses an article exactly when the clinician just did: C(article) = 1 - 1/2 for that marker."
    roles = ["clinician", "client"] * 10
    texts = [w for k in range(10) for w in (["I saw the dog", "I saw a cat"] if k % 2 == 0 else ["I saw dogs", "I saw cats"])]
    r = session_indicators(session(roles, texts), min_markers=1).iloc[0]
    # markers used by the clinician: personal pronouns (always echoed: 1 - 1 = 0) and articles (1 - 5/10 = 0.5)
    assert r["coordination_client_to_clinician"] == pytest.approx(0.25)


def test_indices(demo):
    u, t = demo
    r = session_indicators(u, t).iloc[0]
    # listening 0.5 (1 R, 1 Q), depth 1 (1 complex), partnership 2/3 (advice permitted by the client's question), voice 1
    assert r["collaboration_index"] == pytest.approx(100 * (0.5 + 1 + 2 / 3 + 1) / 4)
    assert r["mutuality_index"] == pytest.approx(100 * (0 + 1 + (1 - 7 / 47) + r["lsm_turn_mean"] + 0.5) / 5)
    assert r["collaboration_confidence"] == "low" and "fewer than 10 reflections and questions" in r["collaboration_note"]
    sub = collaboration_subscores(session_indicators(u, t))
    assert tuple(sub.columns) == COLLABORATION_COMPONENTS and ((sub.fillna(0) >= 0) & (sub.fillna(0) <= 1)).all().all()
    # no behaviour codes, no questions, no tags: still a number (from the talk shares), never an error
    bare = session_indicators(u[["session_id", "turn", "role", "text"]]).iloc[0]
    assert 0 <= bare["collaboration_index"] <= 100


def test_order_independence_and_contract(demo):
    u, t = demo
    two = pd.concat([u.assign(session_id="b"), u.assign(session_id="a")], ignore_index=True).sample(frac=1, random_state=0)
    res = session_indicators(two, pd.concat([t.assign(session_id="b"), t.assign(session_id="a")]))
    assert res["session_id"].tolist() == list(pd.unique(two["session_id"]))
    assert set(SESSION_COLUMNS) <= set(res.columns)
    one = session_indicators(u, t)
    num = one.select_dtypes("number").columns
    for i in range(2):
        assert np.allclose(res.loc[i, num].astype(float), one.loc[0, num].astype(float), equal_nan=True)


def test_indicator_table():
    bt = band_table()
    assert len(bt) == len(INDICATORS) and bt["name"].is_unique
    assert bt[["formula", "range", "direction", "reference", "meaning"]].map(bool).all().all()
    assert band_table(["lsm"])["name"].tolist() == ["lsm"]


def test_linear_and_fast(demo):
    u, t = demo
    big = pd.concat([u.assign(session_id=f"s{i}") for i in range(1000)], ignore_index=True)
    bt = pd.concat([t.assign(session_id=f"s{i}") for i in range(1000)], ignore_index=True)
    t0 = time.perf_counter(); res = session_indicators(big, bt); dt = time.perf_counter() - t0
    assert len(res) == 1000 and dt < 10, dt


def test_annomi_gold_auc(annomi_path):
    "Gold behaviour codes, tagger not run: the index points the pre-registered way (high- above low-quality MI, AUC > 0.5)."
    from sklearn.metrics import roc_auc_score
    from collab_nlp.readers import read_annomi
    from collab_nlp.mutuality import annomi_gold_coded
    ann = read_annomi(annomi_path)
    res = session_indicators(annomi_gold_coded(ann), None)
    y = ann.groupby("session_id", sort=False)["mi_quality"].first().eq("high").to_numpy()
    assert res["collaboration_index"].notna().all()
    assert roc_auc_score(y, res["collaboration_index"]) > 0.5


def test_overlapping_spans_are_counted_once(demo):
    "Three directive spans (two of them commands) in one clinician turn: one turn, so every rate stays at most 100."
    u, _ = demo
    t = tags([(2, "command", "Stop drinking"), (2, "command", "Stop"), (2, "obligation", "you need to"), (0, "command", "Sit")], sid="demo")
    r = session_indicators(u, t).iloc[0]
    assert r["rate_command"] == pytest.approx(100 * 2 / 3) and r["directive_rate"] == pytest.approx(100 * 2 / 3)
    t_many = tags([(k, lab, "x") for k in (0, 2, 4) for lab in ("command", "command", "obligation", "warning")], sid="demo")
    r = session_indicators(u, t_many).iloc[0]
    assert r["directive_rate"] == pytest.approx(100) and all(r[f"rate_{l}"] <= 100 for l in ("command", "obligation", "warning"))
