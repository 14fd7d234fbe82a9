"Group comparisons: hand-worked effect sizes, AUC against scikit-learn, bootstrap intervals, determinism."
import matplotlib
matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.metrics import roc_auc_score
from collab_nlp.compare import (cohens_d, hedges_g, hedges_j, cliffs_delta, auc, compare_groups, plot_groups, COMPARE_COLUMNS)

@pytest.fixture
def sessions():
    rng = np.random.default_rng(11)
    return pd.DataFrame({"mi_quality": ["high"] * 25 + ["low"] * 15,
                         "clinician": np.tile(["ann", "bob", "cat", "dev"], 10),
                         "collaboration_index": np.r_[rng.normal(70, 10, 25), rng.normal(58, 10, 15)],
                         "directive_rate": np.r_[rng.gamma(2, 2, 25), rng.gamma(3, 3, 15)].round(1),
                         "flagged": np.r_[rng.random(25) < 0.2, rng.random(15) < 0.6],
                         "session_id": [f"s{i:02d}" for i in range(40)]})

def test_effect_sizes_by_hand():
    # A = 1,2,3; B = 3,4,5: means 2 and 4, SDs 1 and 1 -> pooled SD 1, d = -2
    assert cohens_d([1, 2, 3], [3, 4, 5]) == -2.0
    # x = 2,4,6,8 (SD 2.582), y = 1,3 (SD 1.414): pooled SD sqrt((3*6.667 + 1*2)/4) = sqrt(5.5); d = (5-2)/sqrt(5.5)
    assert cohens_d([2, 4, 6, 8], [1, 3]) == pytest.approx(3 / np.sqrt(5.5))
    assert hedges_j(4) == pytest.approx(0.7978845608) and abs(hedges_j(40) - (1 - 3 / (4 * 40 - 1))) < 1e-4
    assert hedges_g([1, 2, 3], [3, 4, 5]) == pytest.approx(-2 * 0.7978845608)
    assert cliffs_delta([1, 2, 3], [3, 4, 5]) == pytest.approx(-8 / 9) and auc([1, 2, 3], [3, 4, 5]) == pytest.approx(1 / 18)
    assert cliffs_delta([5, 6], [1, 2, np.nan]) == 1.0 and auc([5, 6], [1, 2]) == 1.0
    assert np.isnan(cohens_d([1], [1, 2])) and np.isnan(hedges_g([1, 1], [1, 1])) and np.isnan(hedges_j(1))

@pytest.mark.parametrize("seed", range(4))
def test_auc_and_delta_match_references(seed):
    rng = np.random.default_rng(seed)
    x, y = rng.integers(0, 6, 30).astype(float), rng.integers(0, 8, 45).astype(float)   # many ties
    assert auc(x, y) == pytest.approx(roc_auc_score(np.r_[np.ones(30), np.zeros(45)], np.r_[x, y]), abs=1e-12)
    assert cliffs_delta(x, y) == pytest.approx(np.mean(np.sign(x[:, None] - y[None, :])), abs=1e-12)

def test_compare_groups_two_groups(sessions):
    res = compare_groups(sessions, "mi_quality", n_boot=800)
    assert list(res.columns) == COMPARE_COLUMNS
    assert list(res.metric) == ["collaboration_index", "directive_rate", "flagged"]
    r = res.set_index("metric").loc["directive_rate"]
    hi = sessions.directive_rate[sessions.mi_quality == "high"]; lo = sessions.directive_rate[sessions.mi_quality == "low"]
    assert (r.group_a, r.group_b, r.n_a, r.n_b) == ("high", "low", 25, 15)
    assert r.d == pytest.approx(cohens_d(hi, lo)) and r.g == pytest.approx(hedges_g(hi, lo))
    assert r.auc == pytest.approx(roc_auc_score(sessions.mi_quality == "high", sessions.directive_rate))
    assert r.p_value == pytest.approx(stats.mannwhitneyu(hi, lo, alternative="two-sided").pvalue)
    assert r.mw_u == pytest.approx(stats.mannwhitneyu(hi, lo).statistic)
    for s in ("mean_diff", "d", "g", "cliffs_delta"):
        assert ((res[f"{s}_low"] <= res[s]) & (res[s] <= res[f"{s}_high"])).all(), s

def test_compare_groups_deterministic_and_independent_of_other_metrics(sessions):
    a = compare_groups(sessions, "mi_quality", n_boot=500, seed=3)
    assert a.equals(compare_groups(sessions, "mi_quality", n_boot=500, seed=3))
    b = compare_groups(sessions, "mi_quality", metrics=["directive_rate"], n_boot=500, seed=3)
    assert b.iloc[0].equals(a.iloc[1])
    c = compare_groups(sessions, "mi_quality", metrics=["directive_rate"], n_boot=500, seed=4)
    assert c.iloc[0].d_low != b.iloc[0].d_low

def test_compare_groups_many_groups(sessions):
    rest = compare_groups(sessions, "clinician", metrics=["collaboration_index"], n_boot=200)
    assert list(rest.group_a) == ["ann", "bob", "cat", "dev"] and (rest.group_b == "rest").all()
    assert ((rest.n_a == 10) & (rest.n_b == 30)).all() and (rest.p_holm >= rest.p_value).all()
    pw = compare_groups(sessions, "clinician", metrics="collaboration_index", vs="pairwise", n_boot=0)
    assert len(pw) == 6 and set(zip(pw.group_a, pw.group_b)) >= {("ann", "bob"), ("cat", "dev")}
    assert pw.d_low.isna().all()
    cat = sessions.assign(mi_quality=pd.Categorical(sessions.mi_quality, categories=["low", "high"]))
    r = compare_groups(cat, "mi_quality", metrics=["collaboration_index"], n_boot=0).iloc[0]
    assert (r.group_a, r.group_b) == ("low", "high")

def test_compare_groups_missing_values_and_errors(sessions):
    s = sessions.copy()
    s.loc[0, "mi_quality"] = None
    s.loc[[1, 2], "collaboration_index"] = np.nan
    s.loc[s.mi_quality == "low", "directive_rate"] = np.nan
    res = compare_groups(s, "mi_quality", n_boot=100).set_index("metric")
    assert res.attrs["n_dropped"] == 1 and res.loc["collaboration_index", "n_a"] == 22
    assert res.loc["directive_rate", "n_b"] == 0 and np.isnan(res.loc["directive_rate", "d"]) and np.isnan(res.loc["directive_rate", "p_value"])
    with pytest.raises(KeyError): compare_groups(s, "site")
    with pytest.raises(KeyError): compare_groups(s, "mi_quality", metrics=["nope"])
    with pytest.raises(TypeError): compare_groups(s, "mi_quality", metrics=["session_id"])
    with pytest.raises(ValueError, match="at least two groups"): compare_groups(s.assign(g="x"), "g")
    with pytest.raises(ValueError, match="ci must be"): compare_groups(s, "mi_quality", ci=95)
    with pytest.raises(TypeError): compare_groups([1, 2], "g")

def test_plot_groups(sessions):
    fig = plot_groups(sessions, "clinician", ["collaboration_index", "directive_rate"], n_boot=100)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 2 and visible[1].get_title() == "directive_rate"
