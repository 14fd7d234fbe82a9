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

def _copy_samples(samples_dir, dest):
    import shutil
    shutil.copytree(samples_dir, dest)
    return dest

def _count_reads(monkeypatch):
    "Count files read, whichever way the batch reads them."
    import collab_nlp.readers as r
    calls, real_read, real_iter = [], r.read_transcripts, r.iter_transcripts
    def read(paths, *a, **k): calls.append(paths); return real_read(paths, *a, **k)
    def iterate(paths, *a, **k): calls.append(paths); return real_iter(paths, *a, **k)
    monkeypatch.setattr(r, "read_transcripts", read); monkeypatch.setattr(r, "iter_transcripts", iterate)
    return calls

def test_second_run_reads_no_file_and_reuses_every_session(samples_dir, tmp_path, monkeypatch):
    src = _copy_samples(samples_dir, tmp_path / "in")
    first = b.run_audit([src], tmp_path / "o", progress=False)
    before = {n: (tmp_path / "o" / n).read_bytes() for n in ("sessions.parquet", "tags.csv", "index.html", "errors.csv")}
    calls = _count_reads(monkeypatch)
    audited = []
    monkeypatch.setattr(b, "audit_part", lambda g, **k: audited.append(g) or pytest.fail("audited again"))
    again = b.run_audit([src], tmp_path / "o", progress=False)
    assert calls == [] and again["cached"] == again["sessions"] == first["sessions"] == 12 and again["failed"] == 0
    assert {n: (tmp_path / "o" / n).read_bytes() for n in before} == before
    m1 = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert len(m1["inputs"]) == 12 and all(i["status"] == "audited" for i in m1["inputs"])
    # an output changed behind our back: the outputs are written again, still without reading any file
    (tmp_path / "o" / "index.html").write_text("edited")
    third = b.run_audit([src], tmp_path / "o", progress=False)
    assert calls == [] and third["cached"] == 12 and "reused_outputs" not in third
    assert (tmp_path / "o" / "index.html").read_text() != "edited"
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "o" / "sessions.parquet"), pd.read_parquet(first["audit"]._paths["sessions"]))
    m3 = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert m3["inputs"] == m1["inputs"] and m3["outputs"] == m1["outputs"]

def test_changing_one_file_reaudits_just_that_file(samples_dir, tmp_path, monkeypatch):
    src = _copy_samples(samples_dir, tmp_path / "in")
    b.run_audit([src], tmp_path / "o", progress=False)
    changed = src / "peer_support_trauma.txt"
    changed.write_text(changed.read_text() + "\nCounsellor: You should just stop thinking about it.\n")
    calls, real, audited = _count_reads(monkeypatch), b.audit_part, []
    monkeypatch.setattr(b, "audit_part", lambda g, **k: audited.extend(g["session_id"].unique()) or real(g, **k))
    res = b.run_audit([src], tmp_path / "o", progress=False)
    assert len(calls) == 1 and audited == ["peer_support_trauma"] and res["cached"] == 11 and res["sessions"] == 12
    monkeypatch.undo()
    fresh = b.run_audit([src], tmp_path / "fresh", progress=False)
    for name in ("sessions", "tags", "utterances"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "o" / f"{name}.parquet"), pd.read_parquet(tmp_path / "fresh" / f"{name}.parquet"))

def test_a_changed_json_file_rereads_the_batch(samples_dir, tmp_path, monkeypatch):
    "A JSON file may declare its id, which hangs on the other files: changing one reads everything, with the same result as a fresh run."
    src = _copy_samples(samples_dir, tmp_path / "in")
    b.run_audit([src], tmp_path / "o", progress=False)
    j = src / "medication_review.json"
    j.write_text(j.read_text().replace('"session_id"', '"session_id_old"', 1) if '"session_id"' in j.read_text() else j.read_text() + "\n")
    res = b.run_audit([src], tmp_path / "o", progress=False)
    fresh = b.run_audit([src], tmp_path / "fresh", progress=False)
    assert res["sessions"] == fresh["sessions"] and res["cached"] >= 11
    for name in ("sessions", "tags"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "o" / f"{name}.parquet"), pd.read_parquet(tmp_path / "fresh" / f"{name}.parquet"))

def test_reuse_keeps_listing_missing_inputs(samples_dir, tmp_path):
    src = _copy_samples(samples_dir, tmp_path / "in")
    b.run_audit([src, tmp_path / "nowhere"], tmp_path / "o", progress=False)
    again = b.run_audit([src, tmp_path / "nowhere"], tmp_path / "o", progress=False)
    assert again.get("reused_outputs") and again["failed"] == 1 and again["sessions"] == 12
    more = b.run_audit([src, tmp_path / "nowhere", tmp_path / "gone"], tmp_path / "o", progress=False)
    assert not more.get("reused_outputs") and more["failed"] == 2 and more["cached"] == 12
    assert len(pd.read_csv(tmp_path / "o" / "errors.csv")) == 2
    m = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert [i["status"] for i in m["inputs"]].count("failed") == 2


def test_a_clinician_with_two_sessions_gets_a_page_in_date_order(tmp_path):
    import os, time
    src = tmp_path / "in"; src.mkdir()
    talk = "Counsellor Dana: {q}\nClient: I drink most nights.\nCounsellor Dana: You need to stop.\nClient: Maybe.\n"
    (src / "early.txt").write_text(talk.format(q="What brings you here?"))
    (src / "late.txt").write_text(talk.format(q="How has the week been?"))
    old = time.time() - 30 * 86400
    os.utime(src / "early.txt", (old, old))   # a month older: first on the clinician's page
    res = b.run_audit([src], tmp_path / "o", progress=False)
    assert res["sessions"] == 2
    pages = list((tmp_path / "o" / "clinicians").glob("*.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "Counsellor Dana" in page and page.index(">early</a>") < page.index(">late</a>") and 'href="../sessions/early.html"' in page
    index = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert f'href="clinicians/{pages[0].name}"' in index


def test_reading_decisions_reach_warnings_csv_and_survive_the_cache(tmp_path):
    "A lossy reading decision is listed in warnings.csv with file, line and what was done, on a cached second run too."
    from collab_nlp.batch import run_audit
    src = tmp_path / "in"; src.mkdir()
    (src / "a.txt").write_text("Intake notes\nTherapist: How was it?\nClient: Hard.\nmum: she rang.\nTherapist: Go on.\nClient: Okay.\n")
    (src / "b.csv").write_text("speaker;text\nNurse;How are you, really?\nPat;Tired, mostly.\n")
    for run in (1, 2):
        res = run_audit([src], tmp_path / "out", progress=False)
        w = pd.read_csv(tmp_path / "out" / "warnings.csv")
        assert res["sessions"] == 2 and res["cached"] == (0 if run == 1 else 2)
        assert sorted(w["kind"]) == ["not_a_speaker", "skipped"] and w["path"].str.endswith("a.txt").all()
        assert w["message"].str.match(r"line \d+: ").all() and w["fix"].notna().all()
    utts = pd.read_csv(tmp_path / "out" / "utterances.csv")
    assert utts.loc[utts.session_id == "b", "text"].tolist() == ["How are you, really?", "Tired, mostly."]   # ';' from the header


def test_sep_flag():
    from collab_nlp.cli import _sep
    assert _sep(None) is None and _sep(";") == ";" and _sep("tab") == "\t" and _sep("|") == "|"
    from collab_nlp.cli import UsageError
    with pytest.raises(UsageError, match="one character"): _sep(";;")


def test_csv_exports_are_formula_safe_and_parquet_keeps_the_text(tmp_path):
    from collab_nlp.batch import csv_safe, write_frame
    df = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "- a list item", "fine", None], "n": range(6)})
    safe = csv_safe(df)
    assert safe["text"].tolist()[:5] == ["'=HYPERLINK(\"http://x\")", "'+cmd|' /C calc'!A0", "'@SUM(A1)", "'- a list item", "fine"]
    assert df["text"].iloc[0].startswith("=") and safe["n"].tolist() == list(range(6))   # input untouched, numbers as they are
    write_frame(df, tmp_path / "t.csv"); write_frame(df, tmp_path / "t.parquet")
    assert pd.read_csv(tmp_path / "t.csv")["text"].iloc[0] == "'=HYPERLINK(\"http://x\")"
    assert pd.read_parquet(tmp_path / "t.parquet")["text"].iloc[0] == "=HYPERLINK(\"http://x\")"


def test_a_second_run_leaves_no_stale_pages_or_staging_folders(tmp_path):
    from collab_nlp.batch import run_audit
    src = tmp_path / "in"; src.mkdir()
    for name in ("a", "b"): (src / f"{name}.txt").write_text("Therapist: How was it?\nClient: Hard.\n")
    run_audit([src], tmp_path / "out", progress=False)
    (tmp_path / "out" / "sessions" / ".staging.99999.tmp").mkdir()           # left by a killed run
    (src / "b.txt").unlink()
    run_audit([src], tmp_path / "out", progress=False)
    assert sorted(p.name for p in (tmp_path / "out" / "sessions").iterdir()) == ["a.html"]


def test_a_batch_goes_on_past_a_file_name_that_is_not_utf8(tmp_path):
    import os
    from collab_nlp.batch import run_audit
    d = os.path.join(os.fsencode(tmp_path), b"in"); os.makedirs(d)
    with open(os.path.join(d, b"ok.txt"), "w") as f: f.write("Therapist: Hi.\nClient: Hello.\n")
    with open(os.path.join(d, b"bad\xff.csv"), "w") as f: f.write("x,y\n1,2\n")
    res = run_audit([os.fsdecode(d)], tmp_path / "out", progress=False)
    assert res["sessions"] == 1 and res["failed"] == 1
    assert pd.read_csv(tmp_path / "out" / "errors.csv")["path"].iloc[0].endswith("bad\ufffd.csv")


def test_a_corrupt_cache_chunk_is_discarded_and_recomputed(tmp_path):
    from collab_nlp.batch import run_audit
    src = tmp_path / "in"; src.mkdir()
    (src / "a.txt").write_text("Therapist: How was it?\nClient: Hard.\n")
    first = run_audit([src], tmp_path / "out", progress=False)
    chunk = next((tmp_path / "out" / ".cache" / "chunks").glob("*/tags.parquet"))
    chunk.write_bytes(b"not parquet at all")
    (src / "b.txt").write_text("Therapist: Hello.\nClient: Hi.\n")   # so the run is not a pure reuse of the outputs
    again = run_audit([src], tmp_path / "out", progress=False)
    assert again["sessions"] == 2 and again["failed"] == 0
    w = pd.read_csv(tmp_path / "out" / "warnings.csv")
    assert "cache" in w["kind"].tolist()
    assert pd.read_csv(tmp_path / "out" / "utterances.csv")["session_id"].tolist().count("a") == 2


def test_every_entry_found_is_accounted_for(tmp_path, capsys):
    import os
    from collab_nlp.cli import main
    src = tmp_path / "in"; (src / "sub").mkdir(parents=True); (src / ".git").mkdir()
    (src / "a.txt").write_text("Therapist: Hi.\nClient: Hello.\n"); (src / "sub" / "b.txt").write_text("Therapist: Hi.\nClient: Hello.\n")
    (src / "README.md").write_text("x"); (src / "team_roles.csv").write_text("speaker,role\nA,client\n"); (src / "bad.csv").write_text("x,y\n1,2\n")
    os.mkfifo(src / "pipe"); os.symlink("/nonexistent", src / "broken.txt"); os.symlink(src, src / "loop")
    assert main(["audit", str(src), "--out", str(tmp_path / "out")]) == 1
    assert "9 found = 2 audited + 1 failed + 6 skipped" in capsys.readouterr().out
    m = json.loads((tmp_path / "out" / "manifest.json").read_text())
    reasons = {os.path.basename(s["path"]): s["reason"] for s in m["skipped"]}
    assert reasons["pipe"].startswith("not a regular file") and reasons["broken.txt"] == "broken link" and "not followed" in reasons["loop"]
    assert {"README.md", "team_roles.csv", ".git"} <= set(reasons) and m["found"] == 9


def test_a_kill_at_any_moment_leaves_the_old_outputs_or_the_new_ones(tmp_path):
    "Outputs are swapped in as a set: killed at many points of a run, the folder holds the old batch or the new one, never a mix."
    import re, shutil, signal, subprocess, sys, time
    from collab_nlp.batch import recover_outputs, run_audit
    src = tmp_path / "in"; src.mkdir()
    for name in ("a", "b"): (src / f"{name}.txt").write_text(f"Therapist: How was {name}?\nClient: Hard.\nTherapist: Go on.\nClient: Okay.\n")
    pristine = tmp_path / "pristine"
    run_audit([src], pristine, progress=False)                         # the old batch: 2 sessions
    (src / "c.txt").write_text("Therapist: And c?\nClient: Fine.\n")    # the new batch: 3
    def sizes(out):
        recover_outputs(out)                                            # what the next run does first
        m = json.loads((out / "manifest.json").read_text())
        counts = {"manifest": sum(i["status"] == "audited" for i in m["inputs"]),
                  "csv": pd.read_csv(out / "sessions.csv")["session_id"].nunique(),
                  "parquet": pd.read_parquet(out / "sessions.parquet")["session_id"].nunique(),
                  "pages": len(list((out / "sessions").glob("*.html"))),
                  "index": int(re.search(r'<p class="meta">(\d+) sessions', (out / "index.html").read_text()).group(1))}
        return set(counts.values()), counts
    code = "import sys; from collab_nlp.cli import main; sys.exit(main(sys.argv[1:]))"
    seen = set()
    for delay in (0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 7.0, 9.0, 12.0):
        out = tmp_path / f"out{delay}"
        shutil.copytree(pristine, out)
        p = subprocess.Popen([sys.executable, "-c", code, "audit", str(src), "--out", str(out), "-q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if p.poll() is None: p.send_signal(signal.SIGKILL)
        p.wait()
        values, counts = sizes(out)
        assert len(values) == 1 and values <= {2, 3}, (delay, counts)   # one batch, whole
        seen |= values
    assert seen == {2, 3}   # the kills fell both before and after the swap
