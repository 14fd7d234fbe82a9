"run_audit streams in chunks: a bad session fails alone, resume gives every session once, CSV-only still works."
import json
import pandas as pd
import pytest
import collab_nlp.batch as b

def test_one_bad_session_does_not_sink_its_chunk(samples_dir, tmp_path, monkeypatch):
    real = b.audit_part
    def fail_on_grief(g, **k):
        if (g["session_id"] == "grief_counselling").any(): raise RuntimeError("boom")
        return real(g, **k)
    monkeypatch.setattr(b, "audit_part", fail_on_grief)
    res = b.run_audit([samples_dir], tmp_path / "o", progress=False, sessions_per_chunk=4)
    assert res["sessions"] == 11 and res["failed"] == 1
    errors = pd.read_csv(tmp_path / "o" / "errors.csv")
    assert errors["error"].str.contains("grief_counselling.*boom").all()
    s = pd.read_csv(tmp_path / "o" / "sessions.csv")
    assert len(s) == 11 and "grief_counselling" not in set(s["session_id"])
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert [i["status"] for i in manifest["inputs"]].count("audited") == 11
    monkeypatch.setattr(b, "audit_part", real)
    again = b.run_audit([samples_dir], tmp_path / "o", progress=False)
    assert again["cached"] == 11 and again["sessions"] == 12 and again["failed"] == 0

def test_resume_in_chunks_gives_each_session_once(samples_dir, tmp_path, monkeypatch):
    whole = b.run_audit([samples_dir], tmp_path / "whole", progress=False)
    real, calls = b.audit_part, []
    def crash_on_second(*a, **k):
        calls.append(1)
        if len(calls) == 2: raise KeyboardInterrupt
        return real(*a, **k)
    monkeypatch.setattr(b, "audit_part", crash_on_second)
    with pytest.raises(KeyboardInterrupt): b.run_audit([samples_dir], tmp_path / "r", progress=False, sessions_per_chunk=5)
    assert not (tmp_path / "r" / "sessions.csv").exists() and not list((tmp_path / "r").rglob("*.tmp"))
    monkeypatch.setattr(b, "audit_part", real)
    res = b.run_audit([samples_dir], tmp_path / "r", progress=False, sessions_per_chunk=5)
    assert res["cached"] == 5 and res["sessions"] == 12
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "r" / "sessions.parquet"), pd.read_parquet(tmp_path / "whole" / "sessions.parquet"))
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "r" / "tags.parquet"), pd.read_parquet(tmp_path / "whole" / "tags.parquet"))

def test_csv_only_and_stored_audit(samples_dir, tmp_path):
    res = b.run_audit([samples_dir], tmp_path / "c", progress=False, formats=("csv",))
    assert not list((tmp_path / "c").glob("*.parquet"))
    a = res["audit"]
    assert len(a.sessions) == 12 and len(a.utterances) == len(pd.read_csv(tmp_path / "c" / "utterances.csv"))
    assert set(a.lsm_series["session_id"]) <= set(a.sessions["session_id"]) and len(a.tags) > 0
