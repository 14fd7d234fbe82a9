"The `collab-nlp` command as a user runs it: read, audit (bad files, resume, no network), tag."
import json, os, re, subprocess, sys, textwrap
from pathlib import Path
import pandas as pd
import pytest
from collab_nlp.cli import main

def test_read_summarises_samples(samples_dir, capsys, tmp_path):
    out = tmp_path / "utts.parquet"
    assert main(["read", str(samples_dir), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "sessions read, 0 failed" in text and "(clinician)" in text and "(client)" in text
    df = pd.read_parquet(out)
    assert df["session_id"].nunique() == len(pd.read_csv(samples_dir.parent / "samples_design.csv"))

def test_read_lists_bad_files_and_exits_1(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Therapist: How are you?\nClient: Fine.\n")
    (tmp_path / "empty.txt").write_text("")
    assert main(["read", str(tmp_path)]) == 1
    cap = capsys.readouterr()
    assert "1 sessions read, 1 failed" in cap.out and "empty.txt" in cap.err

def test_roles_options(tmp_path, capsys):
    f = tmp_path / "s.txt"; f.write_text("Sam: What brings you here?\nAlex: My sleep.\nSam: Tell me more.\n")
    out = tmp_path / "u.csv"
    assert main(["read", str(f), "--clinician", "Sam", "--client", "Alex", "--out", str(out)]) == 0
    assert pd.read_csv(out)["role"].tolist() == ["clinician", "client", "clinician"]
    roles = tmp_path / "roles.csv"; roles.write_text("speaker,role\nSam,boss\n")
    assert main(["read", str(f), "--roles", str(roles)]) == 2
    assert re.search("roles.csv.*boss", capsys.readouterr().err)

@pytest.fixture(scope="module")
def batch(tmp_path_factory, samples_dir):
    "The sample folder plus two bad files, audited once."
    d = tmp_path_factory.mktemp("batch")
    for p in sorted(samples_dir.iterdir())[:4]: (d / p.name).write_bytes(p.read_bytes())
    (d / "broken.vtt").write_text("WEBVTT\n\n1\nnot a time --> either\nDr. X: hello\n")
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    return d

def test_audit_writes_everything_and_lists_failures(batch, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["audit", str(batch), "--out", str(out)]) == 1   # two inputs failed
    printed = capsys.readouterr()
    assert "4 sessions audited" in printed.out and "2 inputs failed" in printed.out and "failures listed in" in printed.err
    for name in ["index.html", "errors.csv", "manifest.json", "utterances.csv", "utterances.parquet", "tags.parquet", "sessions.csv"]:
        assert (out / name).is_file(), name
    errors = pd.read_csv(out / "errors.csv")
    assert sorted(Path(p).name for p in errors["path"]) == ["broken.vtt", "photo.txt"]
    manifest = json.loads((out / "manifest.json").read_text())
    status = {Path(i["path"]).name: i["status"] for i in manifest["inputs"]}
    assert len(status) == 6 and list(status.values()).count("audited") == 4
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"] if i["status"] == "audited")
    assert len(list((out / "sessions").glob("*.html"))) == 4
    assert not list(out.rglob("*.tmp"))

def test_audit_resumes_after_a_crash(batch, tmp_path, monkeypatch):
    import collab_nlp.batch as b
    out, real, calls = tmp_path / "r", b.audit_part, []
    def crash_on_third(*a, **k):
        calls.append(1)
        if len(calls) == 3: raise KeyboardInterrupt   # the run is killed midway
        return real(*a, **k)
    monkeypatch.setattr(b, "audit_part", crash_on_third)
    with pytest.raises(KeyboardInterrupt): b.run_audit([batch], out, progress=False)
    assert not (out / "sessions.csv").exists()          # nothing half-written
    monkeypatch.setattr(b, "audit_part", real)
    res = b.run_audit([batch], out, progress=False)
    assert res["cached"] == 2 and res["sessions"] == 4
    s = pd.read_csv(out / "sessions.csv")
    assert s["session_id"].is_unique and len(s) == 4
    again = b.run_audit([batch], out, progress=False)   # unchanged: everything reused
    assert again["cached"] == 4
    assert pd.read_csv(out / "sessions.csv").equals(s)
    forced = b.run_audit([batch], out, progress=False, force=True)
    assert forced["cached"] == 0

def test_audit_opens_no_network_connection(batch, tmp_path):
    "Run the real console script with every internet socket connection refused and recorded."
    guard = tmp_path / "guard"; guard.mkdir()
    log = tmp_path / "connections.log"
    (guard / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import socket
        _orig = socket.socket.connect
        def _refuse(self, address):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                with open({str(log)!r}, "a") as f: f.write(repr(address) + "\\n")
                raise OSError("network blocked by test")
            return _orig(self, address)
        socket.socket.connect = _refuse
        socket.socket.connect_ex = lambda self, address: _refuse(self, address)
    """))
    env = {**os.environ, "PYTHONPATH": str(guard) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = tmp_path / "net"
    p = subprocess.run([sys.executable, "-c", "import sys; from collab_nlp.cli import main; sys.exit(main(sys.argv[1:]))", "audit", str(batch), "--out", str(out), "--jobs", "2", "-q"],
                       env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 1, p.stderr          # 1: the two bad inputs, not a crash
    assert (out / "index.html").is_file()
    assert not log.exists() or log.read_text() == ""

def test_tag_command(capsys):
    assert main(["tag", "Just suck it up.", "What would you like to talk about today?"]) == 0
    text = capsys.readouterr().out
    assert "minimizing" in text and "eliciting_voice" in text

def test_help_is_fast_and_light():
    "collab-nlp --help must not import spaCy, pandas or scikit-learn."
    p = subprocess.run([sys.executable, "-c", "import sys; from collab_nlp.cli import main\n"
                        "try: main(['--help'])\nexcept SystemExit: pass\n"
                        "print(sorted(m for m in ('spacy','pandas','sklearn') if m in sys.modules))"],
                       capture_output=True, text=True, timeout=60)
    assert p.stdout.strip().endswith("[]"), p.stdout


def test_sessions_without_roles_are_warnings_not_failures(tmp_path, capsys):
    # no speaker name says who helps: the session is audited, listed in warnings.csv with the speakers and the fix,
    # its page says so at the top, role-based scores read "no clinician found", and the exit status stays 0
    src = tmp_path / "in"; src.mkdir()
    (src / "unknown.txt").write_text("Alex: How are things this week?\nSam: Not great, I just have to suck it up.\n"
                                     "Alex: You need to stop moaning about it.\nSam: Okay.\n")
    out = tmp_path / "out"
    assert main(["audit", str(src), "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr()
    assert "warnings.csv" in printed.err and "--clinician NAME" in printed.err and printed.out == ""   # -q: no summary
    w = pd.read_csv(out / "warnings.csv")
    assert set(w["kind"]) == {"no_clinician", "no_client"} and w["message"].str.contains("Alex \\(other\\), Sam \\(other\\)").all()
    assert "warnings.csv" in json.loads((out / "manifest.json").read_text())["outputs"]
    page = (out / "sessions" / "unknown.html").read_text(encoding="utf-8")
    assert 'class="banner roles"' in page and "no clinician found" in page and "--roles FILE" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "no clinician found" in index and "name the roles" in index
    # with the roles named, the warning goes
    assert main(["audit", str(src), "--out", str(tmp_path / "out2"), "-q", "--clinician", "Alex", "--client", "Sam"]) == 0
    assert pd.read_csv(tmp_path / "out2" / "warnings.csv").empty
    capsys.readouterr()
    with pytest.raises(SystemExit): main(["audit", "--help"])
    assert "warnings keep exit status 0" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("argv, words", [
    (["audit", "no/such/folder", "--out", "OUT"], "no such file or folder"),
    (["audit", "IN", "--out", "FILE"], "is a file"),
    (["audit", "IN", "--out", "OUT", "--jobs", "0"], "--jobs must be 1 or more"),
    (["audit", "IN", "--out", "OUT", "--model", "IN"], "--model"),
    (["audit", "IN", "--out", "OUT", "--lexicon", "EVIL"], "--lexicon"),
    (["audit", "IN", "--out", "OUT", "--roles", "no_roles.csv"], "roles file"),
    (["audit", "IN", "--out", "OUT", "--format", "xlsx"], "--format"),
    (["read", "no/such/file.txt"], "no such file or folder"),
])
def test_usage_errors_are_one_line_and_exit_2(argv, words, tmp_path, capsys):
    (tmp_path / "IN").mkdir(); (tmp_path / "IN" / "a.txt").write_text("Therapist: Hi.\nClient: Hello.\n")
    (tmp_path / "FILE").write_text("x")
    # a lexicon that would run code if loaded unsafely: the safe loader refuses it
    (tmp_path / "EVIL").write_text("- !!python/object/apply:os.system ['echo pwned > PWNED']\n")
    argv = [str(tmp_path / a) if a in ("IN", "OUT", "FILE", "EVIL", "no_roles.csv") else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("collab-nlp: ") and words in err and "Traceback" not in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_unexpected_errors_are_one_line_unless_debug(tmp_path, capsys, monkeypatch):
    import collab_nlp.batch
    def boom(*a, **k): raise PermissionError("out folder not writable")
    monkeypatch.setattr(collab_nlp.batch, "run_audit", boom)
    (tmp_path / "in").mkdir(); (tmp_path / "in" / "a.txt").write_text("Therapist: Hi.\nClient: Hello.\n")
    assert main(["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 2
    assert "PermissionError: out folder not writable" in capsys.readouterr().err
    with pytest.raises(PermissionError): main(["--debug", "audit", str(tmp_path / "in"), "--out", str(tmp_path / "out")])


def test_json_summaries_and_quiet(samples_dir, tmp_path, capsys):
    assert main(["read", str(samples_dir), "--json"]) == 0
    out = capsys.readouterr()
    got = json.loads(out.out)
    assert len(got["sessions"]) == 12 and got["failed"] == [] and "sessions read" in out.err
    assert main(["tag", "You need to calm down.", "Thanks for coming.", "The bus was late.", "--json", "-q"]) == 0
    out = capsys.readouterr()
    tags = json.loads(out.out)["tags"]
    assert {t["label"] for t in tags} >= {"obligation"} and out.err == ""
    assert main(["read", str(samples_dir), "-q"]) == 0 and capsys.readouterr().out == ""


def test_tag_echoes_each_sentence_and_says_no_tags(capsys):
    assert main(["tag", "You need to calm down.", "The bus was late."]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "You need to calm down." and out[1].startswith("  directive: ")
    assert "The bus was late." in out and out[out.index("The bus was late.") + 1] == "  no tags"


def test_a_full_disk_stops_the_batch_with_one_line_and_keeps_the_old_report(tmp_path, capsys):
    "The disk filling up while outputs are written is a failure of the batch: exit 2, one plain line, the previous outputs whole."
    import errno
    from unittest import mock
    import collab_nlp.batch as batch
    src, out = tmp_path / "in", tmp_path / "out"; src.mkdir()
    (src / "a.txt").write_text("Therapist: How are you?\nClient: Fine.\n")
    assert main(["audit", str(src), "--out", str(out), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (src / "b.txt").write_text("Therapist: Hello?\nClient: Hi.\n")
    def full(*a, **k): raise OSError(errno.ENOSPC, "No space left on device")
    capsys.readouterr()
    with mock.patch.object(batch, "write_frame", full):
        assert main(["audit", str(src), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "disk is full" in err[0] and "Traceback" not in err[0]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before      # the old batch, byte for byte
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]                   # no staging folder left behind
