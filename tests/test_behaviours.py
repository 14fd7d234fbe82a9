"MI behaviour coder: shipped model works out of the box; retraining, saving and the version check."
import json
import numpy as np
import pandas as pd
import pytest
from collab_nlp.behaviours import (BEHAVIOURS, OUTPUT_COLUMNS, PRESENCE, TASKS, MANIFEST_FILE, MODEL_FILE, SKOPS_FILE, BehaviourModel, BehaviourModelError,
                                   bench_behaviours, code_behaviours, default_model_dir, load_behaviour_model,
                                   train_behaviour_model, train_from_csv)

def _sample() -> pd.DataFrame:
    "A small hand-made session, no gold columns, with an index that is not 0..n-1."
    turns = [("client", "My doctor says I have to stop smoking, but I don't think I can."),
             ("clinician", "What makes you think you can't?"),
             ("client", "I've tried three times and I always go back after a week."),
             ("clinician", "You've tried hard, and it's been discouraging when it didn't last."),
             ("client", "Yeah, exactly."),
             ("clinician", "Would it be okay if I shared some information about what helps people quit?"),
             ("client", "Sure."),
             ("clinician", "Nicotine patches and counselling together double the chance of quitting."),
             ("client", "I didn't know that."),
             ("clinician", "Do you smoke in the morning?"),
             ("client", "Yes."),
             ("clinician", "Okay.")]
    df = pd.DataFrame({"session_id": "s1", "turn": range(len(turns)), "speaker": [r for r, _ in turns],
                       "role": [r for r, _ in turns], "text": [t for _, t in turns], "start": np.nan, "end": np.nan})
    df.index = df.index * 10 + 5
    return df

def test_shipped_model_codes_without_training():
    assert (default_model_dir() / MODEL_FILE).is_file(), "the shipped model is missing from collab_nlp/resources/behaviour_model"
    df = _sample()
    out = code_behaviours(df)
    assert list(out.index) == list(df.index) and list(out.columns) == list(df.columns) + OUTPUT_COLUMNS
    assert out[df.columns].equals(df)
    clin = out.role.eq("clinician")
    assert out.loc[clin, "behaviour"].isin(BEHAVIOURS).all()
    assert out.loc[clin, "behaviour_p"].between(0, 1).all()
    assert out.loc[~clin, OUTPUT_COLUMNS].isna().all().all()
    flag_of = {parent: flag for flag, (_, parent) in PRESENCE.items()}
    for task, (_, parent, classes) in TASKS.items():
        if parent is None: continue
        has = out[task].notna()  # a subtype for every behaviour the turn holds; the main one is always held
        assert (has == out[flag_of[parent]].eq(True)).all() and out.loc[out["behaviour"] == parent, flag_of[parent]].all()
        assert out.loc[has, task].isin(classes).all() and out.loc[has, f"{task}_p"].between(0, 1).all()
    # obvious cases a coder would not miss
    assert out.loc[15, "behaviour"] == "question" and out.loc[15, "question_type"] == "open"
    assert out.loc[95, "behaviour"] == "question" and out.loc[95, "question_type"] == "closed"

def test_shipped_manifest_and_sessions():
    m = load_behaviour_model()
    assert isinstance(m, BehaviourModel) and set(m.heads) == set(TASKS) | set(PRESENCE)
    assert m.manifest["training_data"]["n_sessions"] == 83
    # several sessions, shuffled rows: coding is per session and keeps the given order
    a, b = _sample(), _sample().assign(session_id="s2")
    both = pd.concat([a, b], ignore_index=True).sample(frac=1, random_state=1)
    out = code_behaviours(both, m)
    assert list(out.index) == list(both.index)
    one = code_behaviours(a.reset_index(drop=True), m)
    again = out[out.session_id == "s1"].sort_values("turn")
    assert list(again["behaviour"]) == list(one["behaviour"])
    assert code_behaviours(both.iloc[:0], m).shape[0] == 0
    assert bench_behaviours(both, m, repeat=1) > 0

def test_bad_frame_and_missing_model(tmp_path):
    with pytest.raises(ValueError, match="lacks column"): code_behaviours(pd.DataFrame({"text": ["hi"]}))
    with pytest.raises(BehaviourModelError, match="no behaviour model"): load_behaviour_model(tmp_path)

@pytest.fixture(scope="module")
def small_model(annomi_path, tmp_path_factory):
    from collab_nlp.readers import read_annomi
    ann = read_annomi(annomi_path)
    sub = ann[ann.session_id.isin(sorted(ann.session_id.unique())[:12])]
    out = tmp_path_factory.mktemp("model")
    model = train_behaviour_model(sub, out_dir=out, char=False)
    return ann, sub, model, out

def test_retrain_subset_save_load(small_model):
    ann, sub, model, out = small_model
    assert (out / SKOPS_FILE).is_file() and not (out / MODEL_FILE).exists() and (out / MANIFEST_FILE).is_file()   # a user's model: skops
    mf = json.loads((out / MANIFEST_FILE).read_text())
    assert mf["training_data"]["n_sessions"] == 12 and "scikit-learn" in mf["versions"]
    test = ann[~ann.session_id.isin(sub.session_id.unique())].drop(columns=[c for c in ann if c.startswith("gold_")])
    coded = code_behaviours(test, out)  # a user-trained model directory
    clin = coded.role.eq("clinician")
    gold = ann.loc[coded.index[clin], "gold_behaviour"]
    assert (coded.loc[clin, "behaviour"] == gold).mean() > 0.55  # well above the majority class (about 0.34)

def test_mismatched_sklearn_version_refused(small_model, tmp_path):
    *_, out = small_model
    import shutil
    d = tmp_path / "old"
    shutil.copytree(out, d)
    mf = json.loads((d / MANIFEST_FILE).read_text())
    mf["versions"]["scikit-learn"] = "1.2.2"
    (d / MANIFEST_FILE).write_text(json.dumps(mf))
    with pytest.raises(BehaviourModelError, match=r"scikit-learn 1\.2\.2.*installed.*retrain"):
        load_behaviour_model(d)
    with pytest.raises(BehaviourModelError):
        code_behaviours(_sample(), d)

def test_train_from_simple_csv(annomi_path, tmp_path):
    "The simple CSV has main behaviours only: the subtype heads are skipped, coding still works."
    import warnings
    simple = annomi_path.with_name("AnnoMI-simple.csv")
    if not simple.is_file(): pytest.skip("AnnoMI-simple.csv not present")
    small = tmp_path / "simple.csv"
    raw = pd.read_csv(simple)
    raw[raw.transcript_id.isin(sorted(raw.transcript_id.unique())[:6])].to_csv(small, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = train_from_csv(small, tmp_path / "m", char=False)
    assert set(m.heads) == {"behaviour"}
    out = code_behaviours(_sample(), tmp_path / "m")
    assert out.loc[out.role.eq("clinician"), "behaviour"].isin(BEHAVIOURS).all()
    assert out["question_type"].isna().all()


def test_a_users_model_folder_is_loaded_without_running_code(small_model, tmp_path):
    "A pickle outside the package is refused; a skops file holding a type collab-nlp does not know is refused before loading."
    import joblib, shutil, skops.io as sio
    *_, model, out = small_model
    d = tmp_path / "pickled"; d.mkdir(); shutil.copy(out / MANIFEST_FILE, d)
    joblib.dump(model, d / MODEL_FILE)
    with pytest.raises(BehaviourModelError, match="pickled model.*run code.*retrain"): load_behaviour_model(d)
    e = tmp_path / "foreign"; shutil.copytree(out, e)
    import collections
    sio.dump(collections.OrderedDict(a=model), e / SKOPS_FILE)   # a container of a trusted model is fine ...
    class Evil: pass
    sio.dump({"m": Evil()}, e / SKOPS_FILE)                       # ... an unknown class is not
    with pytest.raises(BehaviourModelError, match="does not load"): load_behaviour_model(e)
