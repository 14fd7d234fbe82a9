"Agreement statistics: kappa against scikit-learn, ICC against Shrout & Fleiss (1979), reports, errors."
import matplotlib
matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support
from collab_nlp.validate import (paired, percent_agreement, cohens_kappa, weighted_kappa, confusion, plot_confusion,
                                 agreement_report, compare_codes, icc, icc_table, compare_scores, plot_scores,
                                 NO_CODE, ICC_KINDS, REPORT_COLUMNS)

SF = pd.DataFrame([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
BEHAVIOURS = ["question", "reflection", "therapist_input", "other"]

def coders(seed=0, n=400, agree=0.6, cats=BEHAVIOURS):
    rng = np.random.default_rng(seed)
    a = rng.choice(cats, n, p=None)
    b = np.where(rng.random(n) < agree, a, rng.choice(cats, n))
    return a, b

@pytest.mark.parametrize("seed", range(5))
def test_kappa_matches_sklearn(seed):
    a, b = coders(seed)
    assert cohens_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
    assert cohens_kappa(pd.Series(a, dtype="string"), list(b)) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)

@pytest.mark.parametrize("weights", ["linear", "quadratic"])
def test_weighted_kappa_matches_sklearn(weights):
    rng = np.random.default_rng(3)
    a = rng.integers(1, 6, 300); b = np.clip(a + rng.integers(-2, 3, 300), 1, 5)
    assert weighted_kappa(a, b, weights=weights) == pytest.approx(cohen_kappa_score(a, b, weights=weights), abs=1e-12)
    names = np.array(["", "very low", "low", "mid", "high", "very high"], dtype=object)
    order = ["very low", "low", "mid", "high", "very high"]
    assert weighted_kappa(names[a], names[b], labels=order, weights=weights) == pytest.approx(
        cohen_kappa_score(a, b, weights=weights), abs=1e-12)

def test_weighted_kappa_hand_example_and_order_matters():
    assert weighted_kappa([1, 2, 3, 3], [1, 3, 3, 1]) == pytest.approx(0.25)
    assert weighted_kappa(["a", "b", "c", "c"], ["a", "c", "c", "a"], labels=["a", "b", "c"]) == pytest.approx(0.25)
    assert weighted_kappa(["a", "b", "c", "c"], ["a", "c", "c", "a"], labels=["b", "a", "c"]) != pytest.approx(0.25)
    with pytest.raises(ValueError, match="order of the codes"): weighted_kappa(["a", "b"], ["b", "b"])

def test_kappa_hand_example_and_missing():
    a = ["R"] * 25 + ["Q"] * 25
    b = ["R"] * 20 + ["Q"] * 5 + ["R"] * 10 + ["Q"] * 15
    assert cohens_kappa(a, b) == pytest.approx(0.4) and percent_agreement(a, b) == 70.0
    assert cohens_kappa(a + [None, "R"], b + ["Q", np.nan]) == pytest.approx(0.4)
    assert np.isnan(cohens_kappa(["x"] * 3, ["x"] * 3))

def test_input_errors():
    with pytest.raises(ValueError, match="length mismatch"): cohens_kappa(["a", "b"], ["a"])
    with pytest.raises(ValueError, match="empty"): cohens_kappa([], [])
    with pytest.raises(ValueError, match="no complete pairs"): cohens_kappa([None], ["a"])
    with pytest.raises(ValueError, match="not in `labels`"): cohens_kappa(["a", "z"], ["a", "a"], labels=["a", "b"])
    with pytest.raises(ValueError, match="duplicates"): cohens_kappa(["a"], ["a"], labels=["a", "a"])
    with pytest.raises(TypeError): cohens_kappa("ab", "ab")
    with pytest.raises(TypeError): cohens_kappa(pd.DataFrame({"x": [1]}), [1])
    a, b, dropped = paired(pd.Series([1, None, 3]), np.array([1.0, 2.0, np.nan]))
    assert list(a) == [1] and list(b) == [1.0] and dropped == 2

def test_confusion_table():
    a, b = coders(1, n=200)
    cm = confusion(pd.Series(a, name="tool"), pd.Series(b, name="gold"), labels=BEHAVIOURS)
    assert list(cm.index) == BEHAVIOURS + ["Total"] and list(cm.columns) == BEHAVIOURS + ["Total"]
    assert cm.loc["Total", "Total"] == 200 and cm.index.name == "tool" and cm.columns.name == "gold"
    ref = pd.crosstab(pd.Series(a), pd.Series(b))
    assert (cm.loc[BEHAVIOURS, BEHAVIOURS].to_numpy() == ref.loc[BEHAVIOURS, BEHAVIOURS].to_numpy()).all()
    ax = plot_confusion(a, b, normalize="reference")
    assert ax.get_xlabel() == "b (reference)"
    with pytest.raises(ValueError, match="normalize"): plot_confusion(a, b, normalize="rows")

def test_agreement_report_matches_sklearn_and_is_deterministic():
    a, b = coders(2)
    rep = agreement_report(a, b, n_boot=500, seed=7)
    assert list(rep.columns) == REPORT_COLUMNS and rep.index[0] == "overall" and rep.index[-1] == "macro avg"
    o = rep.loc["overall"]
    assert o.n == 400 and o.kappa == pytest.approx(cohen_kappa_score(a, b)) and o.kappa_low < o.kappa < o.kappa_high
    labs = sorted(set(a) | set(b))
    p, r, f, s = precision_recall_fscore_support(b, a, labels=labs, zero_division=np.nan)
    assert np.allclose(rep.loc[labs, "precision"], p) and np.allclose(rep.loc[labs, "recall"], r)
    assert np.allclose(rep.loc[labs, "f1"], f) and (rep.loc[labs, "support"].to_numpy() == s).all()
    assert rep.equals(agreement_report(a, b, n_boot=500, seed=7))
    other = agreement_report(a, b, n_boot=500, seed=8).loc["overall"]
    assert (other.kappa_low, other.kappa_high) != (o.kappa_low, o.kappa_high)
    wide = agreement_report(a, b, n_boot=500, ci=0.99).loc["overall"]
    assert wide.kappa_low <= o.kappa_low and wide.kappa_high >= o.kappa_high

def test_agreement_report_weighted_groups_and_missing():
    rng = np.random.default_rng(4)
    a = rng.integers(1, 4, 120).astype(float); b = np.clip(a + rng.integers(-1, 2, 120), 1, 3)
    a[0] = np.nan
    groups = np.repeat(np.arange(12), 10)
    rep = agreement_report(a, b, weights="quadratic", groups=groups, n_boot=300)
    assert rep.attrs["n_dropped"] == 1 and rep.attrs["resampled"] == "groups" and rep.attrs["kappa"] == "quadratic weighted"
    assert rep.loc["overall", "kappa"] == pytest.approx(cohen_kappa_score(a[1:], b[1:], weights="quadratic"))
    with pytest.raises(ValueError, match="length mismatch"): agreement_report(a, b, groups=groups[:5])
    assert np.isnan(agreement_report(a[1:], b[1:], n_boot=0).loc["overall", "kappa_low"])

def test_compare_codes_drops_missing_gold_and_counts_missing_tool():
    f = pd.DataFrame({"session_id": ["s1"] * 4 + ["s2"] * 4,
                      "behaviour": ["question", None, "reflection", None, None, "other", "question", "question"],
                      "gold_behaviour": ["question", None, "reflection", None, "reflection", None, "question", "other"]})
    rep = compare_codes(f, "behaviour", "gold_behaviour", n_boot=100)
    assert rep.loc["overall", "n"] == 5 and rep.attrs["n_without_gold"] == 3 and rep.attrs["n_without_tool"] == 1
    assert rep.loc[NO_CODE, "predicted"] == 1 and rep.loc["overall", "pct_agreement"] == 60.0
    rep2 = compare_codes(f, "behaviour", "gold_behaviour", labels=["question", "reflection", "other"], groups=None, n_boot=100)
    assert NO_CODE in rep2.index and rep2.attrs["resampled"] == "units"
    with pytest.raises(KeyError): compare_codes(f, "behaviour", "nope")
    with pytest.raises(KeyError): compare_codes(f, "behaviour", "gold_behaviour", groups="clinician")

def test_icc_shrout_fleiss_table_4():
    t = icc_table(SF)
    expected = {"ICC(1,1)": .17, "ICC(2,1)": .29, "ICC(3,1)": .71, "ICC(1,k)": .44, "ICC(2,k)": .62, "ICC(3,k)": .91}
    for kind, val in expected.items(): assert round(t.loc[kind, "icc"], 2) == val
    assert list(t.index) == ICC_KINDS and ((t.ci_low < t.icc) & (t.icc < t.ci_high)).all()
    assert icc(SF, kind="ICC(2,1)") == t.loc["ICC(2,1)", "icc"] == icc(SF, kind="ICC(A,1)") == icc(SF)
    assert icc(SF, kind="ICC(C,k)") == icc(SF, kind="ICC(3,4)") == icc(SF.to_numpy(), kind="ICC3k")
    with pytest.raises(ValueError, match="mean of 2 raters"): icc(SF, kind="ICC(1,2)")
    with pytest.raises(ValueError, match="unknown ICC kind"): icc(SF, kind="kappa")

def test_icc_two_raters_hand_formula_and_missing():
    rng = np.random.default_rng(5)
    x = rng.normal(50, 10, 40); y = x + rng.normal(3, 4, 40)
    c = np.cov(x, y)
    assert icc(x, y, kind="ICC(3,1)") == pytest.approx(2 * c[0, 1] / (c[0, 0] + c[1, 1]))
    assert icc(x, y, kind="ICC(3,1)") == pytest.approx(icc(x, y + 100, kind="ICC(3,1)"))   # consistency forgives offsets
    assert icc(x, y + 100, kind="ICC(2,1)") < icc(x, y, kind="ICC(2,1)")                     # agreement does not
    t = icc_table(np.r_[x, np.nan], np.r_[y, 1.0])
    assert t.attrs["n_dropped"] == 1 and t.attrs["n_targets"] == 40
    with pytest.raises(ValueError, match="at least 2"): icc_table([[1.0, 2.0]])
    with pytest.raises(TypeError, match="numeric"): icc(["a", "b"], ["c", "d"])
    with pytest.raises(ValueError, match="length mismatch"): icc([1, 2, 3], [1, 2])

def test_compare_scores():
    rng = np.random.default_rng(6)
    human = rng.uniform(0, 100, 60); tool = human + 4 + rng.normal(0, 5, 60)
    df = pd.DataFrame({"tool": tool, "human": human}); df.loc[0, "tool"] = np.nan
    res = compare_scores(df, "tool", "human")
    d = (tool - human)[1:]
    assert res.loc["n", "estimate"] == 59 and res.attrs["n_dropped"] == 1
    assert res.loc["mean_difference", "estimate"] == pytest.approx(d.mean())
    assert res.loc["loa_lower", "estimate"] == pytest.approx(d.mean() - 1.96 * d.std(ddof=1))
    assert res.loc["pearson_r", "estimate"] == pytest.approx(np.corrcoef(tool[1:], human[1:])[0, 1])
    assert res.loc["ICC(A,1)", "estimate"] == pytest.approx(icc(tool[1:], human[1:], kind="ICC(2,1)"))
    est = res.estimate.drop(["n", "sd_difference"])
    assert ((res.ci_low.drop(["n", "sd_difference"]) <= est) & (est <= res.ci_high.drop(["n", "sd_difference"]))).all()
    assert res.loc["mean_difference", "ci_low"] > 0                                            # the 4-point bias is detected
    fig = plot_scores(df, "tool", "human"); assert len(fig.axes) == 2
    with pytest.raises(ValueError, match="at least 3"): compare_scores(df.iloc[:3], "tool", "human")
    with pytest.raises(TypeError, match="numeric"): compare_scores(df.assign(tool="x"), "tool", "human")

@pytest.mark.annomi
def test_annomi_double_coded_utterances(annomi_path):
    raw = pd.read_csv(annomi_path)
    th = raw[raw.interlocutor == "therapist"].sort_values(["transcript_id", "utterance_id", "annotator_id"])
    th = th[th.duplicated(["transcript_id", "utterance_id"], keep=False)]
    two = th.groupby(["transcript_id", "utterance_id"]).head(2).copy()
    two["coder"] = two.groupby(["transcript_id", "utterance_id"]).cumcount().map({0: "c1", 1: "c2"})
    wide = two.pivot(index=["transcript_id", "utterance_id"], columns="coder", values="main_therapist_behaviour").reset_index()
    wide["session_id"] = wide.transcript_id.astype(str)
    rep = compare_codes(wide, "c1", "c2", n_boot=300)
    ok = wide.c2.notna()
    assert rep.loc["overall", "kappa"] == pytest.approx(cohen_kappa_score(wide.c1[ok].fillna(NO_CODE), wide.c2[ok]))
    assert 0 < rep.loc["overall", "kappa"] <= 1
