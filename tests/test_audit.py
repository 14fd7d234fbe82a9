"""`collab_nlp.auditing.audit` end to end on the bundled samples.

The twelve sample transcripts were written to a design (data/samples_design.csv): five collaborative,
three mixed, four directive, ranked 1 (most collaborative) to 12 (most directive). The assertions
below state that design (group order, no overlap between the extremes, a strong rank correlation);
they are not thresholds fitted to today's scores. Measured when written (precedence rule in place):
collaborative 62-85, mixed 25-43, directive 12-31, Spearman(design_rank, index) = -0.83.
"""
import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from collab_nlp.auditing import Audit, audit
from collab_nlp.behaviours import OUTPUT_COLUMNS
from collab_nlp.mutuality import SESSION_COLUMNS
from collab_nlp.readers import read_transcripts
from collab_nlp.schema import UTTERANCE_COLUMNS, empty_utterances, make_utterances
from collab_nlp.tagger import TAG_COLUMNS

GROUPS = ("collaborative", "mixed", "directive")


@pytest.fixture(scope="module")
def design(samples_dir) -> pd.DataFrame:
    return pd.read_csv(samples_dir.parent / "samples_design.csv")


@pytest.fixture(scope="module")
def frame(samples_dir) -> pd.DataFrame:
    return read_transcripts(samples_dir)


@pytest.fixture(scope="module")
def result(frame) -> Audit:
    return audit(frame)


@pytest.fixture(scope="module")
def scored(result, design) -> pd.DataFrame:
    s = result.sessions.merge(design[["session_id", "intended", "design_rank"]], on="session_id", how="left", validate="1:1")
    assert s["intended"].notna().all(), f"sessions not in the design file: {s.loc[s.intended.isna(), 'session_id'].tolist()}"
    return s


def test_every_designed_session_is_scored(result, design):
    assert sorted(result.sessions["session_id"]) == sorted(design["session_id"])
    assert result.failures.empty
    assert result.sessions["collaboration_index"].between(0, 100).all()


def test_collaborative_above_directive(scored):
    ci = scored.groupby("intended")["collaboration_index"]
    # no overlap at all between the two ends of the design
    assert ci.min()["collaborative"] > ci.max()["directive"], scored[["session_id", "intended", "collaboration_index"]]
    med = ci.median()
    assert med["collaborative"] > med["mixed"] > med["directive"], med


def test_index_follows_design_rank(scored):
    rho = spearmanr(scored["design_rank"], scored["collaboration_index"]).statistic
    assert rho <= -0.7, rho  # rank 1 = most collaborative, so a strong negative correlation


def test_directive_rate_orders_groups(scored):
    med = scored.groupby("intended")["directive_rate"].median()
    assert med["collaborative"] < med["mixed"] < med["directive"], med
    dr = scored.groupby("intended")["directive_rate"]
    assert dr.max()["collaborative"] < dr.min()["directive"]


def test_contract_columns(result):
    u, t, s = result.utterances, result.tags, result.sessions
    need_u = [*UTTERANCE_COLUMNS, *OUTPUT_COLUMNS, "directive", "collaborative", "labels"]
    assert not set(need_u) - set(u.columns), set(need_u) - set(u.columns)
    assert list(t.columns) == TAG_COLUMNS
    assert not set(SESSION_COLUMNS) - set(s.columns), set(SESSION_COLUMNS) - set(s.columns)
    assert list(result.lsm_series.columns[:3]) == ["session_id", "turn", "role"] and "lsm" in result.lsm_series
    # one row per session, in the order sessions were read
    assert s["session_id"].tolist() == list(pd.unique(u["session_id"]))
    assert (s.set_index("session_id")["n_utterances"] == u.groupby("session_id").size()).all()
    # codes only on clinician rows; a turn holds its main behaviour; subtypes exactly where the turn holds the behaviour
    clin = u["role"].eq("clinician")
    assert u.loc[clin, "behaviour"].isin(["reflection", "question", "therapist_input", "other"]).all()
    assert u.loc[~clin, "behaviour"].isna().all()
    for flag, main, sub in (("has_question", "question", "question_type"), ("has_reflection", "reflection", "reflection_type"),
                            ("has_input", "therapist_input", "input_type")):
        assert u.loc[clin, flag].isin([True, False]).all() and u.loc[~clin, flag].isna().all(), flag
        assert u.loc[u["behaviour"].eq(main), flag].eq(True).all(), flag
        assert (u[sub].notna() == u[flag].eq(True)).all(), sub
    # the samples have turns that reflect and then ask: MITI counts both, so questions outnumber main-code questions
    both = u["has_reflection"].eq(True) & u["has_question"].eq(True)
    assert both.sum() >= 5 and (s["n_questions"].sum() > u["behaviour"].eq("question").sum())
    for c in ("lsm", "clinician_talk_share", "clinician_turn_share", "turn_balance"):
        assert s[c].dropna().between(0, 1).all(), c
    assert s["band_reflection_to_question"].isin(["below fair", "fair", "good", "too few to band", "n/a"]).all()


def test_flags_match_tags(result):
    u, t = result.utterances, result.tags
    key = list(zip(u["session_id"].astype(str), u["turn"]))
    fam = t.groupby([t["session_id"].astype(str), "turn"])["family"].agg(set).to_dict()
    lab = t.groupby([t["session_id"].astype(str), "turn"])["label"].agg(lambda l: ";".join(sorted(set(l)))).to_dict()
    assert u["directive"].tolist() == ["directive" in fam.get(k, set()) for k in key]
    assert u["collaborative"].tolist() == ["collaborative" in fam.get(k, set()) for k in key]
    assert u["labels"].tolist() == [lab.get(k, "") for k in key]
    # every tag points at an existing utterance of the same role, and its text is what the span covers
    rows = u.set_index([u["session_id"].astype(str), "turn"])
    for r in t.itertuples():
        src = rows.loc[(str(r.session_id), r.turn)]
        assert src["role"] == r.role
        assert src["text"][r.start_char:r.end_char] == r.span_text
    # the directive-precedence rule: no clinician reflection carries a directive span it applies to
    from collab_nlp.behaviours import PRECEDENCE_LABELS
    has_prec = u["labels"].str.split(";").map(lambda ls: any(l in PRECEDENCE_LABELS for l in ls))
    assert not (has_prec & u["behaviour"].eq("reflection")).any()


def test_paths_equal_frame(result, samples_dir):
    by_path = audit(samples_dir)
    pd.testing.assert_frame_equal(by_path.sessions, result.sessions)
    pd.testing.assert_frame_equal(by_path.tags, result.tags)
    files = sorted(p for p in samples_dir.iterdir() if p.is_file())
    by_list = audit(files)
    pd.testing.assert_frame_equal(by_list.sessions.sort_values("session_id").reset_index(drop=True),
                                  result.sessions.sort_values("session_id").reset_index(drop=True))


def test_empty_frame():
    a = audit(empty_utterances())
    assert len(a.sessions) == 0 and len(a.tags) == 0 and len(a.utterances) == 0
    assert "collaboration_index" in a.sessions and "directive" in a.utterances
    a.summary()  # must not raise on nothing


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    a = audit(tmp_path)
    assert len(a.sessions) == 0 and len(a.failures) == 1


def test_one_utterance_session():
    one = make_utterances([{"speaker": "Therapist", "role": "clinician", "text": "You need to stop drinking."}], "one")
    s = audit(one).sessions.iloc[0]
    assert s["n_utterances"] == 1 and s["n_clinician_utterances"] == 1
    # nothing to compare or pair with: these are undefined, not zero
    for c in ("lsm", "coordination_clinician_to_client", "coordination_client_to_clinician", "reflection_to_question",
              "pct_open_questions", "pct_complex_reflections", "mean_turn_words_client"):
        assert np.isnan(s[c]), c
    assert "reply pairs" in s["coordination_note"]
    assert s["band_reflection_to_question"] == "n/a"
    assert 0 <= s["collaboration_index"] <= 100 and s["collaboration_confidence"] == "low"
    assert np.isnan(s["mutuality_index"])   # a conversation of one side is not two-way or one-way: no number
    assert s["directive_rate"] == 100  # one clinician utterance, one obligation span


def test_client_only_session_has_no_clinician_rates():
    one = make_utterances([{"speaker": "Client", "role": "client", "text": "I don't know why I'm here."}], "client_only")
    s = audit(one).sessions.iloc[0]
    for c in ("directive_rate", "collaborative_rate", "pct_reflections", "pct_advice", "mean_turn_words_clinician"):
        assert np.isnan(s[c]), c


def test_client_only_session_index_is_undefined():
    one = make_utterances([{"speaker": "Client", "role": "client", "text": "I don't know why I'm here."}], "client_only")
    assert np.isnan(audit(one).sessions.iloc[0]["collaboration_index"])


def test_public_names_survive_submodule_imports():
    "Importing every submodule must not replace a public function on the package (a submodule named like it would)."
    import importlib, pkgutil, collab_nlp
    for m in pkgutil.iter_modules(collab_nlp.__path__):
        if m.name != "__main__": importlib.import_module(f"collab_nlp.{m.name}")
    for name, module in collab_nlp._PUBLIC.items():
        assert getattr(collab_nlp, name) is getattr(importlib.import_module(f"collab_nlp.{module}"), name), name
    assert callable(collab_nlp.audit)
