"Tests for collab_nlp.readers: every transcript format, every bad input, ids, roles, summaries, the samples."
import codecs, importlib.util, json, logging, time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from collab_nlp.readers import read_transcripts, summarize_sessions, read_annomi, MAX_LINE_BYTES
from collab_nlp.schema import TranscriptError, UTTERANCE_COLUMNS


def write(tmp_path, name, content, encoding="utf-8"):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return p


def raises(path, *words, line=None, **kw):
    "read_transcripts(path) must raise a TranscriptError naming the file, the problem words and the line."
    with pytest.raises(TranscriptError) as ei:
        read_transcripts(path, **kw)
    msg = str(ei.value)
    assert Path(path).name in msg, msg
    for w in words: assert w.lower() in msg.lower(), (w, msg)
    if line is not None:
        assert ei.value.line == line and f"line {line}" in msg, msg
    assert " -- " in msg, f"no hint on what to do: {msg}"  # TranscriptError appends the fix after ' -- '
    return ei.value


def turns(df): return list(zip(df["speaker"], df["role"], df["text"]))


# ---------------------------------------------------------------------------------------------- formats
def test_plain_text_prefixes_multiline_timestamps(tmp_path):
    p = write(tmp_path, "s1.txt", """# Synthetic example
Session title before any speaker

[00:00:05] Therapist: What brings you in today?
Client: [00:01:02] Mostly sleep. I lie awake
until three or four.

T: That sounds exhausting.
Dr. Lee [01:30]: Can I ask a bit more?
Client 2: Sure.
""")
    df = read_transcripts(p)
    assert list(df.columns) == list(UTTERANCE_COLUMNS)
    assert df["speaker"].tolist() == ["Therapist", "Client", "T", "Dr. Lee", "Client 2"]
    assert df["role"].tolist() == ["clinician", "client", "clinician", "clinician", "client"]
    assert df.loc[1, "text"] == "Mostly sleep. I lie awake until three or four."
    assert df["start"].tolist()[:2] == [5.0, 62.0] and np.isnan(df.loc[2, "start"]) and df.loc[3, "start"] == 90.0
    assert df["end"].isna().all() and df["session_id"].unique().tolist() == ["s1"] and df["turn"].tolist() == list(range(5))
    assert df.attrs["formats"] == {"s1": "text"} and df.attrs["encodings"] == {"s1": "utf-8"}


def test_text_without_extension_and_named_speakers_get_complementary_roles(tmp_path):
    p = write(tmp_path, "intake", "# synthetic\nDr. Lee: How are you?\nMaya: Tired.\nDr. Lee: Tell me more.\n")
    df = read_transcripts(p)
    assert turns(df)[:2] == [("Dr. Lee", "clinician", "How are you?"), ("Maya", "client", "Tired.")]
    assert df.attrs["formats"]["intake"] == "text"


def test_csv_with_guessed_columns_and_role_column(tmp_path):
    p = write(tmp_path, "c.csv", '# synthetic\nName,Role,Utterance Text,Start Time,Stop\n'
                                 'Ana,therapist,"Would it be OK to talk about smoking, briefly?",00:00:02,4.5\n'
                                 'Bo,client,Sure.,5,6\nAna,therapist,,7,8\n')
    df = read_transcripts(p)
    assert turns(df) == [("Ana", "clinician", "Would it be OK to talk about smoking, briefly?"), ("Bo", "client", "Sure.")]
    assert df["start"].tolist() == [2.0, 5.0] and df["end"].tolist() == [4.5, 6.0]


def test_csv_named_columns_and_user_roles_win(tmp_path):
    p = write(tmp_path, "n.csv", "who,said,role\nAna,Hi.,client\nBo,Hello.,client\n")
    df = read_transcripts(p, speaker_col="who", text_col="SAID", roles={"ana": "clinician"})
    assert df["role"].tolist() == ["clinician", "client"]


def test_csv_with_several_sessions(tmp_path):
    p = write(tmp_path, "batch.csv", "transcript_id,interlocutor,utterance_text\n7,therapist,Hi.\n7,client,Hello.\n"
                                     "3,Dr. Lee,How are you?\n3,Maya,Tired.\n")
    df = read_transcripts(p)
    assert df["session_id"].unique().tolist() == ["batch/7", "batch/3"] and df["turn"].tolist() == [0, 1, 0, 1]
    assert df["role"].tolist() == ["clinician", "client", "clinician", "client"]
    assert set(df.attrs["sources"]) == {"batch/7", "batch/3"}
    one = read_transcripts(write(tmp_path, "one.csv", "session,speaker,text\ns1,T,Hi.\ns1,C,Yo.\n"))
    assert one["session_id"].unique().tolist() == ["one"]
    raises(write(tmp_path, "holes.csv", "session,speaker,text\ns1,T,Hi.\ns2,C,Yo.\n,T,Eh.\n"), "without a session id", line=4)


def test_tsv(tmp_path):
    p = write(tmp_path, "t.tsv", "interlocutor\tutterance\ttimestamp\ntherapist\tHow are you?\t00:01:00\nclient\tOk.\t00:01:04\n")
    df = read_transcripts(p)
    assert turns(df) == [("therapist", "clinician", "How are you?"), ("client", "client", "Ok.")] and df["start"].tolist() == [60.0, 64.0]


def test_jsonl_with_metadata_line(tmp_path):
    p = write(tmp_path, "j.jsonl", json.dumps({"note": "synthetic", "session_id": "sleep1"}) + "\n"
              + json.dumps({"speaker": "Counsellor", "text": "Hi.", "start": 1}) + "\n\n"
              + json.dumps({"speaker": "Client", "text": "Hello.", "start": "00:00:03"}) + "\n")
    df = read_transcripts(p)
    assert df["session_id"].unique().tolist() == ["sleep1"]  # the declared id, no collision
    assert turns(df) == [("Counsellor", "clinician", "Hi."), ("Client", "client", "Hello.")] and df["start"].tolist() == [1.0, 3.0]


@pytest.mark.parametrize("obj", [
    [{"speaker": "Ann", "text": "How are you?"}, {"speaker": "Bo", "text": "Fine."}],
    {"session_id": "med", "roles": {"Ann": "clinician"}, "note": "synthetic",
     "turns": [{"speaker": "Ann", "text": "How are you?"}, {"speaker": "Bo", "text": "Fine."}]}])
def test_json_list_or_object(tmp_path, obj):
    df = read_transcripts(write(tmp_path, "m.json", json.dumps(obj)))
    if isinstance(obj, dict):
        assert df["session_id"].iloc[0] == "med" and df["role"].tolist() == ["clinician", "client"]  # roles key + complement
    else:
        assert df["session_id"].iloc[0] == "m" and df["role"].tolist() == ["other", "other"]  # no clue to either role
    assert df["text"].tolist() == ["How are you?", "Fine."]


ZOOM = """WEBVTT

NOTE Synthetic: written for the tests

1
00:00:01.000 --> 00:00:04.500
Dr. Harris: How was the week?

2
00:00:05.000 --> 00:00:07.000
Kevin: Long. Work &amp; more work.

3
00:00:07.200 --> 00:00:09.000
Kevin: I barely slept.

4
00:01:10.000 --> 00:01:12.000
Dr. Harris: Okay.
"""

TEAMS = """WEBVTT

5b7f0c1e-1/1-0
00:00:01.000 --> 00:00:04.500
<v Dr. Lee>How have the <i>mornings</i> been?</v>

5b7f0c1e-2/2-0
00:00:04.600 --> 00:00:06.000
<v Maya>Better, mostly.</v>

5b7f0c1e-3/3-0
00:00:06.000 --> 00:00:09.000
<v Maya>Monday was hard.</v>
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Counsellor: What's been taking your energy?

2
00:00:03,000 --> 00:00:05,000
I mean at work.

3
00:00:05,500 --> 00:00:08,000
Client: Covering two jobs.
"""


def test_zoom_vtt(tmp_path):
    df = read_transcripts(write(tmp_path, "zoom.vtt", ZOOM))
    assert turns(df) == [("Dr. Harris", "clinician", "How was the week?"),
                         ("Kevin", "client", "Long. Work & more work. I barely slept."), ("Dr. Harris", "clinician", "Okay.")]
    assert df["start"].tolist() == [1.0, 5.0, 70.0] and df["end"].tolist() == [4.5, 9.0, 72.0]
    assert len(read_transcripts(write(tmp_path, "zoom2.vtt", ZOOM), merge_cues=False)) == 4


def test_teams_vtt_voice_tags(tmp_path):
    df = read_transcripts(write(tmp_path, "teams.vtt", TEAMS))
    assert turns(df) == [("Dr. Lee", "clinician", "How have the mornings been?"), ("Maya", "client", "Better, mostly. Monday was hard.")]
    assert df["end"].tolist() == [4.5, 9.0]


def test_srt_with_continuation_cues(tmp_path):
    df = read_transcripts(write(tmp_path, "w.srt", SRT))
    assert turns(df) == [("Counsellor", "clinician", "What's been taking your energy? I mean at work."), ("Client", "client", "Covering two jobs.")]
    assert df["start"].tolist() == [1.0, 5.5] and df["end"].tolist() == [5.0, 8.0]


def test_docx_paragraphs_and_table(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Session notes", level=1)
    d.add_paragraph("# Synthetic example")
    d.add_paragraph("Counsellor: How has this week been?")
    d.add_paragraph("Client: Quiet.")
    d.add_paragraph("The house feels empty.")
    t = d.add_table(rows=1, cols=3)
    for c, v in zip(t.rows[0].cells, ["Speaker", "Time", "Text"]): c.text = v
    for row in [("Counsellor", "00:01:00", "Tell me about the quiet."), ("Client", "", "It's the evenings.")]:
        for c, v in zip(t.add_row().cells, row): c.text = v
    p = tmp_path / "grief.docx"
    d.save(p)
    df = read_transcripts(p)
    assert turns(df) == [("Counsellor", "clinician", "How has this week been?"), ("Client", "client", "Quiet. The house feels empty."),
                         ("Counsellor", "clinician", "Tell me about the quiet."), ("Client", "client", "It's the evenings.")]
    assert df.loc[2, "start"] == 60.0 and df.attrs["formats"] == {"grief": "docx"}


def test_content_sniffing_beats_unknown_extension(tmp_path):
    assert read_transcripts(write(tmp_path, "export.dat", TEAMS)).attrs["formats"] == {"export": "vtt"}
    assert read_transcripts(write(tmp_path, "captions.txt", SRT)).attrs["formats"] == {"captions": "srt"}
    assert read_transcripts(write(tmp_path, "log.data", "speaker,text\nT,hi\nC,yo\n")).attrs["formats"] == {"log": "csv"}


# ---------------------------------------------------------------------------------------------- encodings
@pytest.mark.parametrize("data,enc", [
    (codecs.BOM_UTF8 + "T: Café?\nC: Yes.".encode("utf-8"), "utf-8-sig"),
    ("T: Café?\nC: Yes.".encode("utf-16"), "utf-16"),
    ("T: Café?\nC: Yes.".encode("utf-8"), "utf-8"),
    ("T: Café – now?\nC: Yes.".encode("cp1252"), "cp1252")])
def test_encodings_detected_and_recorded(tmp_path, data, enc, caplog):
    with caplog.at_level(logging.WARNING, logger="collab_nlp.readers"):
        df = read_transcripts(write(tmp_path, "e.txt", data))
    assert df.loc[0, "text"].startswith("Café") and df.attrs["encodings"] == {"e": enc}
    assert ("cp1252" in caplog.text) == (enc == "cp1252")


def test_forced_encoding(tmp_path):
    p = write(tmp_path, "f.txt", "T: hi\nC: Sürely.".encode("latin-1"))
    assert read_transcripts(p, encoding="latin-1").loc[1, "text"] == "Sürely."
    raises(p, "cannot decode as utf-8", line=2, encoding="utf-8")


# ---------------------------------------------------------------------------------------------- bad input
def test_empty_file(tmp_path):
    raises(write(tmp_path, "empty.txt", b""), "empty file")
    raises(write(tmp_path, "blank.txt", "\n  \n# only a comment\n"), "empty file")


def test_binary_file(tmp_path):
    raises(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file", line=3)
    raises(write(tmp_path, "archive.txt", b"PK\x03\x04" + bytes(40)), "binary file")


def test_unknown_extension_unrecognisable(tmp_path):
    raises(write(tmp_path, "notes.xyz", "Shopping list\neggs\nmilk\n"), "unrecognised format", line=1)
    raises(write(tmp_path, "scan.pdf", b"%PDF-1.7\n"), "not supported")


def test_bytes_neither_utf8_nor_cp1252_are_read_with_a_detected_encoding_and_a_warning(tmp_path):
    # 0x81 and 0x8d are neither UTF-8 here nor defined in Windows-1252: charset-normalizer guesses, and the guess is noted
    from collab_nlp.readers import read_warnings
    df = read_transcripts(write(tmp_path, "odd.txt", b"T: hello\nC: \x81\x8d\x90\n"))
    assert df["text"].iloc[0] == "hello" and read_warnings(df)["kind"].tolist() == ["encoding"]


def test_csv_without_text_column(tmp_path):
    raises(write(tmp_path, "notext.csv", "speaker,words,start\nT,hi,0\n"), "no text column", line=1)
    raises(write(tmp_path, "named.csv", "speaker,words\nT,hi\n"), "no column 'utterance'", text_col="utterance")
    raises(write(tmp_path, "ragged.csv", "speaker,text\nT,hi\nC,well, no\n"), "3 fields", line=3)


def test_vtt_broken_cue_times(tmp_path):
    raises(write(tmp_path, "broken.vtt", ZOOM.replace("00:00:05.000 --> 00:00:07.000", "00:00:05.000 --> 00:0x:07")),
           "broken cue time", line=10)
    # a cue that ends before it starts keeps its words: the end is taken as the start, and the file says so
    back = read_transcripts(write(tmp_path, "backwards.vtt", ZOOM.replace("00:00:05.000 --> 00:00:07.000", "00:00:08.000 --> 00:00:07.000")))
    assert read_warnings(back)[["line", "kind"]].values.tolist() == [[10, "cue_time"]] and len(back) >= 2
    raises(write(tmp_path, "noheader.vtt", ZOOM.replace("WEBVTT", "WEBVT")), "does not start with 'WEBVTT'", line=1)
    raises(write(tmp_path, "nospeaker.srt", "1\n00:00:01,000 --> 00:00:02,000\nhello\n"), "no speaker names")


def test_a_five_mb_single_line_is_refused_fast(tmp_path):
    p = tmp_path / "huge.txt"   # under the file limit, over the line limit
    with open(p, "wb") as f:
        f.write(b"Therapist: ")
        for _ in range(5): f.write(b"x" * 1_000_000)
    t0 = time.perf_counter()
    err = raises(p, "longer than", line=1)
    assert time.perf_counter() - t0 < 2.0 and f"{MAX_LINE_BYTES:,}" in str(err)


def test_a_file_over_the_size_limit_is_refused_by_name(tmp_path):
    from collab_nlp.readers import MAX_FILE_BYTES
    p = tmp_path / "big.txt"
    p.write_bytes(b"Therapist: hello there.\n" * (MAX_FILE_BYTES // 24 + 10))
    err = raises(p, "MB limit")
    assert "split it" in str(err)


def test_text_without_speaker_prefixes(tmp_path):
    raises(write(tmp_path, "prose.txt", "# note\nWe talked about her week and the sleep problems.\nShe seemed tired.\n"),
           "no speaker prefixes", line=2)


def test_bad_json_and_jsonl(tmp_path):
    raises(write(tmp_path, "bad.jsonl", '{"speaker": "T", "text": "hi"}\n{"speaker": "C", "text": \n'), "not valid json", line=2)
    raises(write(tmp_path, "bad.json", '{"turns": [{"speaker": "T", "words": "hi"}]}'), "no text key")


def test_corrupt_docx(tmp_path):
    raises(write(tmp_path, "fake.docx", b"this is not a zip"), "not a readable word")


# ---------------------------------------------------------------------------------------------- folders, ids, errors
def test_folder_recursive_sorted_skips_and_ids(tmp_path):
    write(tmp_path, "b/x.txt", "T: b\nC: b\n")
    write(tmp_path, "a/x.txt", "T: a\nC: a\n")
    write(tmp_path, "c/y.txt", "T: y\nC: y\n")
    write(tmp_path, "c/y.csv", "speaker,text\nT,y\nC,y\n")
    write(tmp_path, "z.srt", SRT)
    for junk in [".hidden.txt", ".git/HEAD.txt", "README.md", "readme.txt", "roles.csv", "team_roles.yaml", "~$lock.docx"]:
        write(tmp_path, junk, "not a transcript")
    df = read_transcripts(tmp_path)
    assert df["session_id"].unique().tolist() == ["a/x", "b/x", "y.csv", "y.txt", "z"]
    assert df.attrs["sources"]["y.csv"].endswith("y.csv")
    # the same ids, stable, when the files come as a list in another order
    lst = read_transcripts([tmp_path / "z.srt", tmp_path / "c/y.txt", tmp_path / "a/x.txt", tmp_path / "b/x.txt", tmp_path / "c/y.csv"])
    assert lst["session_id"].unique().tolist() == ["z", "y.txt", "a/x", "b/x", "y.csv"]


def test_errors_raise_vs_collect(tmp_path):
    write(tmp_path, "good.txt", "T: hi\nC: hello\n")
    write(tmp_path, "bad.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:0X.000\nA: hi\n")
    write(tmp_path, "empty.txt", b"")
    with pytest.raises(TranscriptError, match="bad.vtt"):
        read_transcripts(tmp_path)  # default: stop at the first bad file, folder or not
    df, failures = read_transcripts(tmp_path, errors="collect")
    assert df["session_id"].unique().tolist() == ["good"]
    assert list(failures.columns) == ["path", "error", "line"] and len(failures) == 2
    assert [Path(p).name for p in failures["path"]] == ["bad.vtt", "empty.txt"]
    assert failures["line"].tolist()[0] == 4 and pd.isna(failures["line"].tolist()[1])
    assert failures["error"].str.contains("broken cue time").tolist() == [True, False]
    df, failures = read_transcripts(tmp_path / "missing", errors="collect")
    assert len(df) == 0 and list(df.columns) == list(UTTERANCE_COLUMNS) and "no such file" in failures["error"][0]
    with pytest.raises(ValueError): read_transcripts(tmp_path, errors="ignore")
    with pytest.raises(TypeError): read_transcripts(tmp_path, merge_kues=False)


def test_roles_file_and_user_mapping(tmp_path):
    p = write(tmp_path, "s.txt", "Ana: Hi.\nBo: Hello.\nAna: How are you?\n")
    assert read_transcripts(p)["role"].tolist() == ["other"] * 3
    rf = write(tmp_path, "maps/roles.csv", "speaker,role\nAna,clinician\nBo,client\n")
    assert read_transcripts(p, roles=rf)["role"].tolist() == ["clinician", "client", "clinician"]
    # one side known is enough: the other is complemented ...
    assert read_transcripts(p, roles={"ana": "clinician"})["role"].tolist() == ["clinician", "client", "clinician"]
    # ... but never against the user's own word
    assert read_transcripts(p, roles={"ana": "clinician", "bo": "other"})["role"].tolist() == ["clinician", "other", "clinician"]
    with pytest.raises(ValueError, match="roles must be one of"): read_transcripts(p, roles={"ana": "therapist"})


def test_summarize_sessions(tmp_path):
    write(tmp_path, "a.txt", "[00:00:10] Dr. Lee: What brings you here?\nMaya: [00:00:20] Sleep, mostly.\n")
    write(tmp_path, "b.vtt", TEAMS)
    write(tmp_path, "c.txt", "T: one two\nC: three\n")
    s = summarize_sessions(read_transcripts(tmp_path))
    assert s.columns.tolist() == ["session_id", "utterances", "speakers", "words", "duration_s"]
    assert s["session_id"].tolist() == ["a", "b", "c"] and s["utterances"].tolist() == [2, 2, 2]
    assert s["speakers"].tolist() == ["Dr. Lee (clinician); Maya (client)", "Dr. Lee (clinician); Maya (client)", "T (clinician); C (client)"]
    assert s["words"].tolist() == [6, 10, 3]
    assert s["duration_s"].tolist()[:2] == [10.0, 8.0] and np.isnan(s["duration_s"].iloc[2])


# ---------------------------------------------------------------------------------------------- samples
def _design(samples_dir):
    return pd.read_csv(samples_dir.parent / "samples_design.csv")


def test_samples_read_with_designed_roles(samples_dir):
    design = _design(samples_dir)
    df, failures = read_transcripts(samples_dir, errors="collect")
    assert failures.empty, failures
    assert len(design) >= 10 and sorted(design["design_rank"]) == list(range(1, len(design) + 1))
    assert set(design["intended"]) == {"collaborative", "mixed", "directive"}
    assert set(design["format"]) == {"text", "csv", "tsv", "jsonl", "json", "vtt", "srt", "docx"}
    for _, d in design.iterrows():
        s = df[df["session_id"] == d["session_id"]]
        want = dict(kv.split("=") for kv in d["roles"].split(";"))
        assert s.groupby("speaker")["role"].agg(lambda r: ";".join(sorted(set(r)))).to_dict() == want, d["file"]
        assert 25 <= len(s) <= 45, d["file"]
        assert df.attrs["formats"][d["session_id"]] == d["format"]


def test_samples_match_their_source_dialogue(samples_dir):
    "Every file reads back to exactly the turns written in make_samples.py (so no reader drops or merges text)."
    spec = importlib.util.spec_from_file_location("make_samples", samples_dir.parent / "make_samples.py")
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    df = read_transcripts(samples_dir)
    for s in mod.SESSIONS:
        got = df[df["session_id"] == Path(s["file"]).stem]
        assert list(zip(got["speaker"], got["text"])) == s["turns"], s["file"]


def test_samples_say_they_are_synthetic(samples_dir):
    readme = (samples_dir.parent / "README.md").read_text(encoding="utf-8")
    for f in _design(samples_dir)["file"]:
        assert f"`{f}`" in readme, f
        if not f.endswith((".docx", ".srt")):
            assert "synthetic" in (samples_dir / f).read_text(encoding="utf-8").lower(), f


@pytest.mark.annomi
@pytest.mark.slow
def test_read_annomi_unchanged(annomi_path):
    ann = read_annomi(annomi_path)
    assert ann["session_id"].nunique() == 83 and set(ann["role"]) <= {"clinician", "client"}


# ---- real-world files: nothing misread without a word (issue 13) ------------------------------------------------
from collab_nlp.readers import read_warnings


def test_zoom_names_with_brackets_digits_dots_and_hyphens_are_speakers(tmp_path):
    cues, names = [], ["Ana Ruiz (SL)", "Dr. K. O'Neil", "Jean-Luc 2"]
    for i in range(12):
        cues.append(f"{i + 1}\n00:00:{i * 4:02d}.000 --> 00:00:{i * 4 + 3:02d}.000\n{names[i % 3]}: turn number {i}.\n")
    df = read_transcripts(write(tmp_path, "meeting.vtt", "WEBVTT\n\n" + "\n".join(cues)))
    assert len(df) == 12 and df["speaker"].tolist()[:3] == names and df["text"].iloc[0] == "turn number 0."


def test_a_colon_in_dialogue_makes_no_speaker(tmp_path):
    body = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nI told him everything.\n\n00:00:03.000 --> 00:00:05.000\nThen: nothing.\n\n" \
           "00:00:05.000 --> 00:00:07.000\nHe said: no.\n\n00:00:07.000 --> 00:00:09.000\nAnd that was it.\n"
    raises(write(tmp_path, "nospk.vtt", body), "no speaker names")


def test_srt_tags_run_on_cues_and_entities(tmp_path):
    srt = ("1\n00:00:01,000 --> 00:00:03,000\n{\\an8}Maya: I scored it &lt;5 out of 10\n"
           "2\n00:00:03,500 --> 00:00:05,000\nNurse: and now <i>more</i> than 3 &amp; rising?\n\n"
           "3\n00:00:05,500 --> 00:00:07,000\nMaya: <5 out of 10, >3 on good days\n")
    df = read_transcripts(write(tmp_path, "s.srt", srt), merge_cues=False)
    assert turns(df) == [("Maya", "client", "I scored it <5 out of 10"), ("Nurse", "clinician", "and now more than 3 & rising?"),
                         ("Maya", "client", "<5 out of 10, >3 on good days")]
    assert df["start"].tolist() == [1.0, 3.5, 5.5] and not df["text"].str.contains("-->").any()
    w = read_warnings(df)
    assert w["kind"].tolist() == ["cue_split"] and w["line"].tolist() == [4] and w["path"].iloc[0].endswith("s.srt")


@pytest.mark.parametrize("sep", [";", "|"])
def test_csv_semicolon_and_pipe_headers(tmp_path, sep):
    df = read_transcripts(write(tmp_path, "t.csv", f"speaker{sep}text\nNurse{sep}How are you, really?\nPat{sep}Tired, mostly.\n"))
    assert df["text"].tolist() == ["How are you, really?", "Tired, mostly."]


def test_sep_option_for_a_header_the_reader_cannot_tell(tmp_path):
    p = write(tmp_path, "t.csv", "who;said\nNurse;How are you?\nPat;Tired.\n")
    df = read_transcripts(p, sep=";", speaker_col="who", text_col="said")
    assert df["speaker"].tolist() == ["Nurse", "Pat"]


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_wide_encodings_without_a_byte_order_mark(tmp_path, enc):
    p = tmp_path / "w.txt"; p.write_bytes("Therapist: Olá, how are you?\nClient: Cansada. Tired.\n".encode(enc))
    df = read_transcripts(p)
    assert df["text"].tolist() == ["Olá, how are you?", "Cansada. Tired."] and df.attrs["encodings"]["w"] == enc.replace("-", "_")
    assert read_warnings(df)["kind"].tolist() == ["encoding"]


def test_otter_text_export(tmp_path):
    otter = "Maya Lopez  0:01\nI haven't been sleeping.\nNot at all really.\n\nDr. Lee  0:09\nWhat keeps you up?\n\nMaya Lopez  0:15\nWork.\n"
    df = read_transcripts(write(tmp_path, "otter.txt", otter))
    assert [(s, t) for s, _, t in turns(df)] == [("Maya Lopez", "I haven't been sleeping. Not at all really."),
                                                 ("Dr. Lee", "What keeps you up?"), ("Maya Lopez", "Work.")]
    assert df["start"].tolist() == [1.0, 9.0, 15.0]


def test_youtube_auto_captions_rolling_duplicates(tmp_path):
    vtt = ("WEBVTT\nKind: captions\nLanguage: en\n\n"
           "00:00:01.000 --> 00:00:03.000 align:start position:0%\nCounsellor: so how has the week\n \n\n"
           "00:00:03.000 --> 00:00:05.000 align:start position:0%\nCounsellor: so how has the week\nbeen for you\n \n\n"
           "00:00:05.000 --> 00:00:07.000 align:start position:0%\nbeen for you\nClient: honestly pretty rough\n")
    df = read_transcripts(write(tmp_path, "yt.vtt", vtt))
    assert turns(df) == [("Counsellor", "clinician", "so how has the week been for you"), ("Client", "client", "honestly pretty rough")]
    assert "duplicate" in read_warnings(df)["kind"].tolist()


def test_sbv(tmp_path):
    sbv = "0:00:01.000,0:00:04.000\nCoach: What would a good week look like?\n\n0:00:04.500,0:00:06.000\nClient: Fewer late nights.\n"
    df = read_transcripts(write(tmp_path, "c.sbv", sbv))
    assert turns(df) == [("Coach", "clinician", "What would a good week look like?"), ("Client", "client", "Fewer late nights.")]
    assert df["end"].tolist() == [4.0, 6.0] and df.attrs["formats"]["c"] == "sbv"


def test_text_lines_left_out_or_doubted_are_warned(tmp_path):
    txt = ("Session 4 notes\n# written by the project\nTherapist: How was it?\nClient: Hard.\nmum: she rang.\n"
           "Therapist: Go on.\nClient: My #1 worry is money.\n#2 is the kids.\n")
    df = read_transcripts(write(tmp_path, "t.txt", txt))
    w = read_warnings(df)
    assert sorted(w["kind"]) == ["not_a_speaker", "skipped"] and (w["fix"] != "").all()   # the header comment is no loss
    assert w.loc[w["kind"] == "not_a_speaker", "line"].tolist() == [5]
    assert df["text"].iloc[-1] == "My #1 worry is money. #2 is the kids."                  # a '#' line in the talk is talk


# ---- other libraries as oracles: webvtt-py and srt, on their own fixtures (tests/fixtures, MIT licences beside them)
FIXTURES = Path(__file__).parent / "fixtures"


def _ours(path: Path, kind: str) -> list:
    "(start, end, text) per cue as collab-nlp reads it: the lines of a cue joined by a newline."
    from collab_nlp.readers import cue_lines, _decode
    text, _ = _decode(path, path.read_bytes())
    cues = {}
    for s in cue_lines(text, path, kind): cues.setdefault(s["cue"], [s["start"], s["end"], []])[2].append(s["raw"])
    return [(round(a, 3), round(b, 3), "\n".join(t)) for a, b, t in cues.values()]


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "webvtt-py").glob("*") if p.suffix in (".vtt", ".srt", ".sbv")))
def test_cues_agree_with_webvtt_py(name):
    webvtt = pytest.importorskip("webvtt")
    path = FIXTURES / "webvtt-py" / name
    read = {".vtt": webvtt.read, ".srt": webvtt.from_srt, ".sbv": webvtt.from_sbv}[path.suffix]
    # a cue that ends before it starts is kept with its end taken as its start (and a warning): the one known difference
    theirs = [(round(_secs(c.start), 3), round(max(_secs(c.start), _secs(c.end)), 3),
               "\n".join(l.strip() for l in c.text.splitlines() if l.strip())) for c in read(str(path))]
    assert _ours(path, path.suffix[1:]) == [(a, b, html_unescape(t)) for a, b, t in theirs]


def _secs(ts: str) -> float:
    h, m, s = ts.replace(",", ".").split(":") if ts.count(":") == 2 else ("0", *ts.replace(",", ".").split(":"))
    return int(h) * 3600 + int(m) * 60 + float(s)


def html_unescape(t): import html; return html.unescape(t)


@pytest.mark.parametrize("name", ["ascii.srt", "gb2312.srt"])
def test_cues_agree_with_srt(name):
    srt = pytest.importorskip("srt")
    import re
    path = FIXTURES / "srt" / name
    from collab_nlp.readers import _decode
    text, enc = _decode(path, path.read_bytes())
    theirs = [(round(s.start.total_seconds(), 3), round(s.end.total_seconds(), 3),
               "\n".join(l.strip() for l in html_unescape(re.sub(r"</?[a-zA-Z][^>]*>", "", s.content)).splitlines() if l.strip()))
              for s in srt.parse(text)]
    assert _ours(path, "srt") == theirs
    if name == "gb2312.srt":  # Chinese in GB2312, not Windows-1252 mojibake
        assert enc.replace("-", "_").lower().startswith("gb") and any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.mark.parametrize("name", ["anger_work_zoom.vtt", "anxiety_lee_maya.vtt", "work_stress_coaching.srt"])
def test_the_samples_cues_agree_with_webvtt_py(name):
    "The project's own caption samples, read by webvtt-py and by collab-nlp: same cue times, same words (speaker prefix included)."
    webvtt = pytest.importorskip("webvtt")
    path = Path(__file__).parents[1] / "data" / "samples" / name
    read = webvtt.read if path.suffix == ".vtt" else webvtt.from_srt
    theirs = [(round(_secs(c.start), 3), round(_secs(c.end), 3), "\n".join(l.strip() for l in c.text.splitlines() if l.strip()))
              for c in read(str(path))]
    ours = [(a, b, t) for a, b, t in _ours(path, path.suffix[1:])]
    # a voice tag (<v Name>) is the speaker, not part of the text: webvtt-py drops the tag too
    assert ours == [(a, b, html_unescape(t)) for a, b, t in theirs]


def test_invisible_characters_are_removed_with_a_warning(tmp_path):
    df = read_transcripts(write(tmp_path, "z.txt", "Nurse: just suck\u200b it\u200d up\u00ad.\nPat: Okay.\n"))
    assert df["text"].iloc[0] == "just suck it up." and read_warnings(df)["kind"].tolist() == ["invisible"]
    from collab_nlp.tagger import tag_utterances
    assert "minimizing" in set(tag_utterances(df, model=False)["label"])


def test_one_bad_file_of_any_kind_is_that_files_failure(tmp_path):
    "A JSON nested 10,000 deep, a file of speaker prefixes only: each named in the failures, the others read."
    d = tmp_path / "in"; d.mkdir()
    (d / "deep.json").write_text("[" * 10000 + "]" * 10000)
    (d / "only.txt").write_text("Therapist:\nClient:\nTherapist:\n")
    (d / "dup.csv").write_text("speaker,text,text\nNurse,How are you?,\nPat,Tired.,\n")
    (d / "ok.txt").write_text("Therapist: Hi.\nClient: Hello.\n")
    df, failures = read_transcripts(d, errors="collect")
    assert sorted(df["session_id"].unique()) == ["dup", "ok"] and df.loc[df.session_id == "dup", "text"].tolist() == ["How are you?", "Tired."]
    why = dict(zip([Path(p).name for p in failures["path"]], failures["error"]))
    assert "RecursionError" in why["deep.json"] and "none has any text" in why["only.txt"]
    assert read_warnings(df)["kind"].tolist() == ["duplicate_column"]


def test_a_file_name_that_is_not_utf8(tmp_path):
    import os
    d = os.path.join(os.fsencode(tmp_path), b"in"); os.makedirs(d)
    with open(os.path.join(d, b"caf\xe9.txt"), "w") as f: f.write("Therapist: Hi.\nClient: Hello.\n")
    df = read_transcripts(os.fsdecode(d))
    assert df["session_id"].tolist() == ["caf\ufffd", "caf\ufffd"]
    df.to_csv(tmp_path / "x.csv")   # writable


def test_an_annomi_format_file_given_as_a_transcript_is_read_once_per_utterance(tmp_path):
    rows = []
    for annotator in (1, 2):   # the same two utterances coded by two annotators: two rows each
        rows += [{"mi_quality": "high", "transcript_id": 7, "video_title": "t", "video_url": "", "topic": "x", "utterance_id": 0,
                  "interlocutor": "therapist", "timestamp": "00:00:01", "utterance_text": "What brings you here?", "annotator_id": annotator,
                  "main_therapist_behaviour": "question", "client_talk_type": None},
                 {"mi_quality": "high", "transcript_id": 7, "video_title": "t", "video_url": "", "topic": "x", "utterance_id": 1,
                  "interlocutor": "client", "timestamp": "00:00:04", "utterance_text": "My drinking.", "annotator_id": annotator,
                  "main_therapist_behaviour": None, "client_talk_type": "neutral"}]
    pd.DataFrame(rows).to_csv(tmp_path / "AnnoMI-mine.csv", index=False)
    df = read_transcripts(tmp_path / "AnnoMI-mine.csv")
    assert turns(df) == [("therapist", "clinician", "What brings you here?"), ("client", "client", "My drinking.")]
    assert df["session_id"].tolist() == ["AnnoMI-mine"] * 2 and read_warnings(df)["kind"].tolist() == ["annomi"]   # one transcript: one session


def test_rows_and_lines_that_lost_their_text_are_warned(tmp_path):
    jl = '{"speaker": "Nurse", "text": "How are you?"}\n{"speaker": "Pat", "txet": "Tired."}\n{"speaker": "Nurse", "text": "Go on."}\n'
    df = read_transcripts(write(tmp_path, "j.jsonl", jl))
    assert len(df) == 2 and read_warnings(df)[["line", "kind"]].values.tolist() == [[2, "skipped"]]
    cs = "speaker,text,start\nNurse,How are you?,1\nPat\nNurse,Go on.,3\n"
    df = read_transcripts(write(tmp_path, "c.csv", cs))
    assert len(df) == 2 and read_warnings(df)[["line", "kind"]].values.tolist() == [[3, "skipped"]]


def test_a_stray_quote_in_a_tsv_swallows_no_rows(tmp_path):
    tsv = 'speaker\ttext\nNurse\t"Honestly it\'s fine\nPat\tI said no.\nNurse\tOkay.\nPat\tFine.\n'
    df = read_transcripts(write(tmp_path, "q.tsv", tsv))
    assert df["text"].tolist() == ['"Honestly it\'s fine', "I said no.", "Okay.", "Fine."] and "quotes" in read_warnings(df)["kind"].tolist()


def test_a_word_table_of_who_and_said(tmp_path):
    import docx
    d = docx.Document(); t = d.add_table(rows=3, cols=2)
    for row, (who, said) in zip(t.rows, [("Who", "Said"), ("Counsellor", "How has the week been?"), ("Client", "Long.")]):
        row.cells[0].text, row.cells[1].text = who, said
    d.save(tmp_path / "w.docx")
    assert turns(read_transcripts(tmp_path / "w.docx")) == [("Counsellor", "clinician", "How has the week been?"), ("Client", "client", "Long.")]


def test_size_limits_are_named_errors(tmp_path, monkeypatch):
    import collab_nlp.readers as r
    import docx
    d = docx.Document(); d.add_paragraph("Therapist: " + "word " * 5000); d.add_paragraph("Client: Yes.")
    d.save(tmp_path / "big.docx")
    monkeypatch.setattr(r, "MAX_DOCX_TEXT_BYTES", 10_000)   # a zip bomb unpacks far past the limit; a small limit shows the rule
    raises(tmp_path / "big.docx", "unpacks to", "limit")
    monkeypatch.setattr(r, "MAX_TURNS", 3)
    raises(write(tmp_path, "many.txt", "T: a\nC: b\nT: c\nC: d\n"), "4 turns, more than the 3 limit")


def test_no_break_spaces_are_spaces(tmp_path):
    df = read_transcripts(write(tmp_path, "nb.txt", "Nurse: just\u00a0suck it\u202fup.\nPat: Okay.\n"))
    assert df["text"].iloc[0] == "just suck it up."


def test_utf8_with_one_broken_sequence_is_not_read_as_cp1252(tmp_path):
    data = "Therapist: Olá, Zoë, café?\nClient: Sí, é fácil.\n".encode("utf-8") + b"Therapist: cut \xc3\n"
    df = read_transcripts(write(tmp_path, "cut.txt", data))
    assert df["text"].tolist()[:2] == ["Olá, Zoë, café?", "Sí, é fácil."] and df.attrs["encodings"]["cut"] == "utf-8"
    w = read_warnings(df)
    assert w["kind"].tolist() == ["encoding"] and w["line"].tolist() == [3]


def test_an_unclosed_voice_tag_keeps_speaker_and_text_apart(tmp_path):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Maya hello there\n\n00:00:02.000 --> 00:00:03.000\n<v Nurse>Hi Maya.</v>\n"
    df = read_transcripts(write(tmp_path, "v.vtt", vtt))
    assert [(s, t) for s, _, t in turns(df)] == [("Maya", "hello there"), ("Nurse", "Hi Maya.")]
    assert read_warnings(df)["kind"].tolist() == ["voice_tag"]


CANARY_FILES = {   # every line of talk carries a canary token (Knnn) that must reach the frame, or a warning at or before its line
    "title.txt": "Session notes K001\n# comment\nTherapist: hello K002\nClient: fine K003\nmum: she rang K004\n#2 thing K005\nTherapist: ok K006\nClient: yes K007\n",
    "runon.srt": "1\n00:00:01,000 --> 00:00:02,000\nNurse: one K010\n2\n00:00:02,000 --> 00:00:03,000\nPat: two K011\n\n3\n00:00:03,000 --> 00:00:04,000\nthree K012\n",
    "orphan.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNurse: first K020\n\nsecond part K021\n\n00:00:02.000 --> 00:00:03.000\nPat: third K022\n",
    "short.csv": "speaker,text\nNurse,hi K030\nPat\nNurse,\"bye, K031\"\nPat,ok K032\n",
    "keys.jsonl": '{"speaker": "Nurse", "text": "hi K040"}\n{"speaker": "Pat", "txt": "lost K041"}\n{"speaker": "Nurse", "text": "ok K042"}\n',
    "quote.tsv": 'speaker\ttext\nNurse\t"oh K050\nPat\tno K051\nNurse\tgo K052\nPat\tfine K053\n',
    "otter.txt": "Maya Lopez  0:01\nline one K060\nline two K061\n\nDr. Lee  0:09\nline three K062\n",
}


@pytest.mark.parametrize("name", sorted(CANARY_FILES))
def test_every_canary_reaches_the_frame_or_a_warning(tmp_path, name):
    import re
    body = CANARY_FILES[name]
    df = read_transcripts(write(tmp_path, name, body))
    said = " ".join(df["text"]) + " " + " ".join(df["speaker"])
    w = read_warnings(df)
    for no, line in enumerate(body.splitlines(), 1):
        for token in re.findall(r"K\d{3}", line):
            warned = w["line"].dropna().astype(int).le(no).any() and w["kind"].isin(["skipped", "not_a_speaker"]).any()
            assert token in said or warned, (name, no, token, w.to_dict("records"))


def test_a_blank_session_id_is_that_files_failure(tmp_path):
    d = tmp_path / "in"; d.mkdir()
    (d / "multi.csv").write_text("session_id,speaker,text\ns1,Nurse,Hi.\ns2,Pat,Hello.\n,Nurse,Lost?\n")
    (d / "ok.txt").write_text("Therapist: Hi.\nClient: Hello.\n")
    df, failures = read_transcripts(d, errors="collect")
    assert df["session_id"].unique().tolist() == ["ok"] and "without a session id" in failures["error"].iloc[0]
