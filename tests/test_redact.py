"Redaction: each kind of identifier replaced, pseudonyms stable across sessions, nothing else touched."
import pandas as pd
import pytest

from collab_nlp.schema import make_utterances
from collab_nlp.redact import redact_utterances, find_pii, replace_spans, speaker_pseudonyms, is_generic_speaker


@pytest.fixture(scope="module")
def nlp():
    from collab_nlp.pipeline import load_nlp
    return load_nlp(exclude=())


def _one(text, nlp, speaker="Therapist"):
    return redact_utterances(make_utterances([{"speaker": speaker, "text": text}], "s"), nlp=nlp)["text"].iloc[0]


@pytest.mark.parametrize("text,expected", [
    ("Email me at maya.lopez@example.com today.", "Email me at [EMAIL] today."),
    ("Or j_smith+care@mail.clinic.example.org.", "Or [EMAIL]."),
])
def test_emails(nlp, text, expected):
    assert _one(text, nlp) == expected


@pytest.mark.parametrize("text", ["Call 555-123-4567.", "Call (555) 123 4567.", "Call +44 20 7946 0958.",
                                  "Call 07700 900123.", "Call +1.555.123.4567.", "Call 0123456789."])
def test_phones(nlp, text):
    assert _one(text, nlp) == "Call [PHONE]."


@pytest.mark.parametrize("text", ["It was on 12/03/2024.", "It was on 2024-03-12.", "It was on 3 March.",
                                  "It was on March 3rd, 2024.", "It was on the 4th of July.", "It was on 12.3.24."])
def test_dates(nlp, text):
    assert _one(text, nlp) == "It was on [DATE]."


@pytest.mark.parametrize("text", ["I slept 10 hours on Monday.", "Last week was hard.", "I have 3 kids and 2 jobs.",
                                  "You may want to march on for 10 minutes.", "Ten years ago it was 50 50."])
def test_no_false_alarms(nlp, text):
    assert _one(text, nlp) == text


@pytest.mark.parametrize("text,gone", [("I told Sarah about it.", "Sarah"), ("Then John Smith called me.", "John Smith"),
                                       ("You mentioned your brother Michael.", "Michael")])
def test_person_names_by_ner(nlp, text, gone):
    out = _one(text, nlp)
    assert gone not in out and "[NAME]" in out


def test_speaker_names_in_text_and_pseudonyms(nlp):
    df = pd.concat([
        make_utterances([{"speaker": "Dr. Rivera", "text": "Good to see you, Zorbina."},
                         {"speaker": "Zorbina", "text": "Thanks, Dr. Rivera. Rivera is a nice name."}],
                        "a", roles={"Dr. Rivera": "clinician", "Zorbina": "client"}),
        make_utterances([{"speaker": "Dr. Rivera", "text": "Hello again."}, {"speaker": "P1", "text": "Hi."},
                         {"speaker": "Quillan", "text": "Hi, I am the second client."}],
                        "b", roles={"Dr. Rivera": "clinician", "Quillan": "client"})])
    red = redact_utterances(df, nlp=nlp)
    assert red["speaker"].tolist() == ["Clinician A", "Client A", "Clinician A", "P1", "Client B"]
    assert "Zorbina" not in " ".join(red["text"]) and "Rivera" not in " ".join(red["text"])
    assert red["text"].iloc[0] == "Good to see you, [NAME]."
    assert red[["session_id", "turn", "role"]].equals(df[["session_id", "turn", "role"]])
    assert df["speaker"].iloc[0] == "Dr. Rivera"          # input unchanged


def test_session_ids_and_mapping(nlp):
    df = make_utterances([{"speaker": "T", "text": "Hi."}], "maya_lopez_2024-03-12.txt")
    red, mapping = redact_utterances(df, nlp=nlp, session_ids=True, return_mapping=True)
    assert red["session_id"].tolist() == ["session-001"]
    assert mapping[("session_id", "maya_lopez_2024-03-12.txt")] == "session-001"
    assert redact_utterances(df, nlp=nlp)["session_id"].tolist() == ["maya_lopez_2024-03-12.txt"]


def test_needs_ner(nlp):
    from collab_nlp.pipeline import load_nlp
    with pytest.raises(ValueError, match="ner"):
        redact_utterances(make_utterances([{"speaker": "T", "text": "Hi"}], "s"), nlp=load_nlp())


def test_priorities_and_helpers():
    t = "On 2024-03-12 write to a@b.org"
    assert [k for _, _, k in find_pii(t)] == ["DATE", "EMAIL"]
    assert replace_spans("abc def", [(4, 7, "NAME")]) == "abc [NAME]"
    assert is_generic_speaker("Counsellor 2") and not is_generic_speaker("Clinician A")
    u = pd.DataFrame({"role": ["other", "other"], "speaker": ["Mum", "Dad"]})
    assert list(speaker_pseudonyms(u).values()) == ["Speaker A", "Speaker B"]


PLANTED = ["Maya", "Smith", "Okafor", "943 476 5919", "maya.smith", "Harehills", "LS9 6AB", "07700", "mayasmith", "@maya_s",
           "nan is 93", "jake", "Jake", "9434765919", "Brown", "3rd of March"]


def test_a_redacted_batch_leaks_no_planted_identifier(tmp_path):
    "Identifiers planted in the text, the speaker labels, the file names and a broken file's header reach no output, cache included."
    from collab_nlp.batch import run_audit
    src = tmp_path / "in"; src.mkdir()
    (src / "Maya_Smith_2024-03-01.txt").write_text(
        "Therapist: Hi Maya, I'm Dr Okafor. Is your NHS number 943 476 5919?\n"
        "Maya: yes, and my email is maya.smith@example.com, I live at 14 Harehills Lane, Leeds LS9 6AB.\n"
        "Therapist: My mobile is 07700 900123. There's more at www.mayasmith.co.uk or @maya_s on insta.\n"
        "Maya: my nan is 93 and jake said ring him on the 3rd of March.\n")
    (src / "Jake_Brown.csv").write_text("Jake Brown NHS 9434765919,notes\nhello,there\n")
    res = run_audit([src], tmp_path / "out", redact=True, progress=False)
    assert res["sessions"] == 1 and res["failed"] == 1
    for f in (tmp_path / "out").rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert not [s for s in PLANTED if s.encode() in data], f   # parquet metadata and .cache too
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert errors["path"].tolist() == ["input-002.csv"] and "[…]" in errors["error"].iloc[0]
    kept = run_audit([src], tmp_path / "kept", redact=True, progress=False, keep_file_names=True)
    assert "Jake_Brown.csv" in pd.read_csv(tmp_path / "kept" / "errors.csv")["path"].iloc[0] and kept["failed"] == 1


def test_redacted_frames_carry_no_attrs(nlp):
    df = make_utterances([{"speaker": "T", "text": "Hi Maya."}], "maya.txt")
    df.attrs["sources"] = {"maya.txt": "/home/x/maya.txt"}
    assert redact_utterances(df, nlp=nlp).attrs == {}


@pytest.mark.parametrize("text, kinds", [
    ("I'm at 33 Grange Road, postcode LS6 2AB", ["ADDRESS", "POSTCODE"]),
    ("her ssn is 078-05-1120 and NI number QQ 12 34 56 C", ["ID", "ID"]),
    ("https://example.org/page and @sam_k_99", ["URL", "HANDLE"]),
    ("my grandad turned 101 last week", ["AGE"]),
])
def test_more_kinds(text, kinds):
    assert [k for _, _, k in find_pii(text)] == kinds


def test_places_by_option(nlp):
    df = make_utterances([{"speaker": "Client", "text": "I moved from Manchester to work at Tesco."}], "s")
    assert "Manchester" not in redact_utterances(df, nlp=nlp)["text"].iloc[0]
    assert "Manchester" in redact_utterances(df, nlp=nlp, places=False)["text"].iloc[0]
