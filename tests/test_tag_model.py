"The learned layer: training, saving and loading, version checks, spans it adds, the train-tagger command."
import json
from pathlib import Path
import pandas as pd
import pytest
import collab_nlp as cn
from collab_nlp.tag_model import (TagModelError, load_tag_model, read_annotated, save_tag_model, train_tag_model,
                                  default_tag_model_dir)

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture(scope="module")
def small_model():
    g = read_annotated(ROOT / "data" / "gold" / "tags_v2.csv")
    return train_tag_model([g[g.group.isin(["A", "B"])]], folds=2)

def test_the_shipped_model_loads_and_covers_every_label():
    m = load_tag_model()
    assert set(m.heads) == set(m.thresholds) and len(m.heads) == 16
    assert m.manifest["format"] == "collab_nlp.tag_model/1" and "test" not in json.dumps(m.manifest["training_data"]["source"]).lower().replace("train part", "")

def test_training_leaves_the_test_part_out():
    g = read_annotated(ROOT / "data" / "gold" / "tags_v2.csv")
    raw = pd.read_csv(ROOT / "data" / "gold" / "tags_v2.csv", dtype=str, keep_default_na=False)
    assert len(g) == (raw["split"] == "train").sum() and not set(g["text"]) & set(raw.loc[raw.split == "test", "text"])

def test_save_load_round_trip(small_model, tmp_path):
    save_tag_model(small_model, tmp_path / "m")
    m = load_tag_model(tmp_path / "m")
    texts = ["you should honestly just ditch him", "thanks for coming in today"]
    pd.testing.assert_frame_equal(m.proba(texts), small_model.proba(texts))

def test_a_model_from_other_library_versions_is_refused_with_the_retrain_command(small_model, tmp_path):
    d = save_tag_model(small_model, tmp_path / "old")
    mf = json.loads((d / "manifest.json").read_text()); mf["versions"]["scikit-learn"] = "0.24.2"
    (d / "manifest.json").write_text(json.dumps(mf))
    with pytest.raises(TagModelError, match="train-tagger"): load_tag_model(d)
    with pytest.raises(TagModelError, match="no tag model"): load_tag_model(tmp_path / "nothing")

def test_model_spans_are_marked_and_can_be_switched_off():
    texts = ["Honestly you need to sort your sleep out, it's the obvious first step and the rest follows."] * 1 + \
            ["grab a coffee and just ring them tomorrow, sorted"]
    with_model, rules = cn.tag_utterances(texts), cn.tag_utterances(texts, model=False)
    assert "model" not in set(rules["rule"])
    assert len(with_model) >= len(rules)
    m = with_model[with_model.rule == "model"]
    # the learned layer flags for review; it never offers a generic rewrite (only safety advice, kept verbatim)
    d = m[m.family == "directive"]
    assert (d["suggestion"].isna() | d["safety"].notna()).all()

def test_bad_training_data_is_a_clear_error(tmp_path):
    p = tmp_path / "bad.csv"
    pd.DataFrame({"text": ["hi"], "labels": ["nonsense_label"]}).to_csv(p, index=False)
    with pytest.raises(TagModelError, match="unknown labels"): read_annotated(p)
    pd.DataFrame({"words": ["hi"]}).to_csv(p, index=False)
    with pytest.raises(TagModelError, match="needs columns"): read_annotated(p)

def test_train_tagger_command(tmp_path, capsys):
    from collab_nlp.cli import main
    g = pd.read_csv(ROOT / "data" / "gold" / "tags_v2.csv", dtype=str, keep_default_na=False)
    small = tmp_path / "mine.csv"; g[g.author.isin(["A", "C"]) & (g.split == "train")].to_csv(small, index=False)
    assert main(["train-tagger", "--gold", str(small), "--out", str(tmp_path / "tm")]) == 0
    assert "tag-model" in capsys.readouterr().out
    assert main(["tag", "--tag-model", str(tmp_path / "tm"), "You're going to start walking every morning."]) == 0
    assert main(["train-tagger", "--gold", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "x")]) == 2

def test_the_audit_cache_key_follows_the_tag_model(tmp_path, samples_dir, small_model):
    from collab_nlp.batch import run_audit
    first = run_audit([samples_dir / "anxiety_suck_it_up.txt"], tmp_path / "out", progress=False)
    again = run_audit([samples_dir / "anxiety_suck_it_up.txt"], tmp_path / "out", progress=False)
    assert again["cached"] == 1
    save_tag_model(small_model, tmp_path / "tm")
    other = run_audit([samples_dir / "anxiety_suck_it_up.txt"], tmp_path / "out", progress=False, tag_model_path=tmp_path / "tm")
    assert other["cached"] == 0


def test_word_by_word_char_ngrams_give_the_vectorisers_own_matrix():
    # transform_texts counts char_wb n-grams once per distinct word; on the gold utterances (their
    # sentences as the model sees them) it must equal the shipped vectoriser's own transform exactly
    from pathlib import Path
    import pandas as pd
    from collab_nlp.tag_model import load_tag_model, model_text, transform_texts
    gold = Path(__file__).resolve().parents[1] / "data" / "gold" / "tags_v2.csv"
    texts = [model_text(t, ["minimizing"], "client") for t in pd.read_csv(gold, dtype=str, keep_default_na=False)["text"]]
    vec = load_tag_model().vectorizer
    assert abs(transform_texts(vec, texts) - vec.transform(texts)).max() == 0
