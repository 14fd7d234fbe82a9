"""A corpus of hostile inputs, audited in one batch as a user would (`collab-nlp audit IN --out OUT` in a fresh process).

Every kind below is written here (nothing downloaded). The batch must finish with exit status 1 (some inputs failed, none
stopped it), print no traceback, account for every entry it found (audited, failed or skipped, in `manifest.json`), and
every canary token (Qnnn) on a line of talk must reach the utterance frame, or its file must carry a warning or a failure
that names it: nothing is lost without a word.
"""
import json, os, re, subprocess, sys, zipfile
from pathlib import Path
import pandas as pd
import pytest

_counter = iter(range(1, 10_000))
def q() -> str:
    "A fresh canary token."
    return f"Q{next(_counter):04d}"


def _docx(path: Path, rows: list[tuple[str, str]], table: bool = False):
    "A .docx of 'Speaker: text' paragraphs, or of a Who/Said table."
    import docx
    doc = docx.Document()
    if table:
        t = doc.add_table(rows=0, cols=2)
        for who, said in [("Who", "Said"), *rows]:
            cells = t.add_row().cells; cells[0].text, cells[1].text = who, said
    else:
        for who, said in rows: doc.add_paragraph(f"{who}: {said}")
    doc.save(path)


def _bomb(path: Path, unpacked: int = 60_000_000):
    "A small zip whose word/document.xml unpacks past the readers' 50 MB limit."
    unit = "<w:p><w:r><w:t>Nurse: a</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", '<w:document><w:body>' + unit * (unpacked // len(unit)) + "</w:body></w:document>")


def build_corpus(d: Path) -> dict:
    "Write every hostile kind into `d`; returns {entry name: kind}."
    kinds = {}
    def put(name, content, kind, mode="w", encoding="utf-8"):
        p = d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if mode == "wb": p.write_bytes(content)
        else: p.write_text(content, encoding=encoding)
        kinds[name] = kind
    t = lambda: f"Therapist: How are you {q()}?\nClient: Not great {q()}.\n"
    put("plain.txt", t() + t(), "an ordinary transcript")
    put("empty.txt", "", "an empty file")
    put("blank.txt", "   \n\n\t\n", "whitespace only")
    put("binary.txt", bytes(range(256)) * 40, "binary bytes named .txt", "wb")
    put("deep.json", "[" * 10_000 + "]" * 10_000, "JSON nested 10,000 deep")
    put("broken.json", '[{"speaker": "Nurse", "text": "half', "invalid JSON")
    put("keys.jsonl", f'{{"speaker": "Nurse", "text": "hi {q()}"}}\n{{"speaker": "Pat", "txt": "lost {q()}"}}\n', "a JSONL line with a misspelt key")
    put("blank_id.csv", f"session_id,speaker,text\ns1,Nurse,Hi {q()}\ns2,Pat,Hello {q()}\n,Nurse,Lost {q()}\n", "a blank session id")
    put("dup_text.csv", f"speaker,text,text\nNurse,one {q()},two {q()}\nPat,three {q()},four {q()}\n", "a repeated text column")
    put("short_row.csv", f"speaker,text\nNurse,hi {q()}\nPat\nNurse,bye {q()}\n", "a one-field row")
    put("stray_quote.tsv", f'speaker\ttext\nNurse\t"oh {q()}\nPat\tno {q()}\nNurse\tgo {q()}\n', "a stray quote in a TSV")
    put("formulas.csv", f'speaker,text\nNurse,"=HYPERLINK(""http://x"",""{q()}"")"\nPat,+cmd|calc {q()}\nNurse,@SUM(1) {q()}\n', "spreadsheet formulas")
    put("semicolon.csv", f"speaker;text\nNurse;hello {q()}\nPat;fine {q()}\n", "a ; delimiter")
    put("unclosed_v.vtt", f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Maya hello {q()}\n\n00:00:02.000 --> 00:00:03.000\n<v Nurse>Hi {q()}</v>\n", "an unclosed <v tag")
    put("nospeaker.vtt", f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHe said: no {q()}\n\n00:00:02.000 --> 00:00:03.000\nfine {q()}\n", "cues with no speakers, a colon in the talk")
    put("zoom.vtt", f"WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAna Ruiz (SL): hi {q()}\n\n2\n00:00:02.000 --> 00:00:03.000\nDr. K. O'Neil: hello {q()}\n", "bracketed and dotted names")
    put("runon.srt", f"1\n00:00:01,000 --> 00:00:02,000\nNurse: one {q()}\n2\n00:00:02,000 --> 00:00:03,000\nPat: two {q()}\n", "cues with no blank line between")
    put("tags.srt", f"1\n00:00:01,000 --> 00:00:02,000\n{{\\an8}}Nurse: top {q()} &amp; more\n\n2\n00:00:02,000 --> 00:00:03,000\n<i>Pat: fine {q()}</i>\n", "SRT position tags and entities")
    put("prefixes.txt", "Therapist:\nClient:\nTherapist:\n", "speaker prefixes only")
    put("preamble.txt", f"Session notes {q()}\nTherapist: hello {q()}\nClient: hi {q()}\n", "free text before the first speaker")
    put("hash.txt", f"Therapist: first {q()}\n# aside {q()}\nClient: ok {q()}\n", "a continuation line starting with #")
    put("once.txt", f"Therapist: hi {q()}\nmum: she rang {q()}\nClient: yes {q()}\n", "a speaker who speaks once")
    put("zwsp.txt", f"Therapist: just su\u200bck it u\u00adp {q()}\nClient: ok {q()}\n", "zero-width characters inside a phrase")
    put("angles.txt", f"Therapist: rate it <5 out of 10, >3 {q()}\nClient: about 4 {q()}\n", "text between < and >")
    put("utf16.txt", f"Therapist: hello {q()}\nClient: hi {q()}\n".encode("utf-16-le"), "BOM-less UTF-16", "wb")
    put("truncated.txt", f"Therapist: caf\u00e9 {q()}\nClient: ok {q()}\n".encode("utf-8") + b"\xc3", "UTF-8 cut in the middle of a letter", "wb")
    put("cp1252.txt", f"Therapist: caf\u00e9 \u2019quote\u2019 {q()}\nClient: ok {q()}\n".encode("cp1252"), "cp1252", "wb")
    put("bom.txt", f"\ufeffTherapist: hello {q()}\nClient: hi {q()}\n", "a UTF-8 BOM")
    put("crlf.txt", f"Therapist: hello {q()}\r\nClient: hi {q()}\r\n", "Windows line ends")
    put("otter.txt", f"Maya Lopez  0:01\nline one {q()}\n\nDr. Lee  0:09\nline two {q()}\n", "an Otter.ai export")
    put("youtube.vtt", f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there {q()}\n \n\n00:00:02.000 --> 00:00:03.000\nhello there {q()}\n", "auto-captions with a rolling repeat")
    put("captions.sbv", f"0:00:01.000,0:00:02.000\nNurse: hi {q()}\n\n0:00:02.000,0:00:03.000\nPat: hello {q()}\n", "a .sbv file")
    put("annomi_like.csv", "transcript_id,mi_quality,video_title,video_url,topic,utterance_id,interlocutor,timestamp,utterance_text,annotator_id,"
        "main_therapist_behaviour,client_talk_type\n" + "".join(f"9,high,t,u,x,{i},{'therapist' if i % 2 == 0 else 'client'},00:00:0{i},say {q()},1,question,\n"
                                                               for i in range(4)), "an AnnoMI-format file")
    put("long_line.txt", "Therapist: " + "a" * 1_100_000 + "\n", "a line over 1 MB")
    put("run_on.txt", "Therapist: " + f"you need to just calm down and {q()} and " * 5000 + "\nClient: ok\n", "one very long utterance")
    put("unknown.pdf", "%PDF-1.4 not a transcript", "not a transcript format")
    put("README.md", "notes about the folder", "a README")
    put(".hidden.txt", f"Therapist: hidden {q()}\n", "a hidden file")
    put("sub/nested.txt", t(), "a transcript in a subfolder")
    (d / "folder.txt").mkdir(); kinds["folder.txt"] = "a folder named like a file"
    _docx(d / "table.docx", [("Nurse", f"hello {q()}"), ("Pat", f"fine {q()}")], table=True); kinds["table.docx"] = "a Word table of Who/Said rows"
    _docx(d / "plain.docx", [("Nurse", f"hello {q()}"), ("Pat", f"fine {q()}")]); kinds["plain.docx"] = "a Word document"
    _bomb(d / "bomb.docx"); kinds["bomb.docx"] = "a .docx that unpacks past 50 MB"
    put("notzip.docx", "this is not a zip", "a .docx that is not a zip")
    put("big.txt", "Therapist: hello there, how are you doing today?\n" * 210_000, "a file over the size limit")
    os.mkfifo(d / "pipe.txt"); kinds["pipe.txt"] = "a FIFO"
    os.symlink(d / "sub", d / "sub" / "loop"); kinds["sub/loop"] = "a link loop"
    os.symlink(d / "nowhere.txt", d / "dangling.txt"); kinds["dangling.txt"] = "a broken link"
    with open(os.path.join(os.fsencode(d), b"bad\xffname.txt"), "w") as f: f.write(f"Therapist: odd name {q()}\nClient: ok {q()}\n")
    kinds["bad\udcffname.txt"] = "a file name that is not UTF-8"
    return kinds


def test_a_hostile_corpus_is_audited_whole(tmp_path):
    src = tmp_path / "in"; src.mkdir(); out = tmp_path / "out"
    kinds = build_corpus(src)
    assert len(kinds) >= 40, len(kinds)
    code = "import sys; from collab_nlp.cli import main; sys.exit(main(sys.argv[1:]))"
    p = subprocess.run([sys.executable, "-c", code, "audit", str(src), "--out", str(out), "-q"], capture_output=True, text=True, timeout=900)
    assert "Traceback" not in p.stdout + p.stderr, p.stderr[-3000:]
    assert p.returncode == 1, (p.returncode, p.stderr[-2000:])   # some inputs failed; none stopped the batch
    manifest = json.loads((out / "manifest.json").read_text())
    seen = {Path(e["path"]).name for e in manifest["inputs"]} | {Path(e["path"]).name for e in manifest["skipped"]}
    names = {Path(n).name.replace("\udcff", "\ufffd") for n in kinds}
    assert names - {"folder.txt"} <= seen, sorted(names - seen)          # every entry found is accounted for
    assert manifest["found"] >= len(kinds) - 2                             # (a folder and a nested link may count as folders)
    utt = pd.read_csv(out / "utterances.csv", dtype=str, keep_default_na=False)
    said = " ".join(utt["text"]) + " " + " ".join(utt["speaker"])
    warned = set(pd.read_csv(out / "warnings.csv", dtype=str, keep_default_na=False)["path"].map(lambda x: Path(x).name))
    failed = set(pd.read_csv(out / "errors.csv", dtype=str, keep_default_na=False)["path"].map(lambda x: Path(x).name))
    skipped = {Path(e["path"]).name for e in manifest["skipped"]}
    lost = []
    for path in sorted(p for p in src.rglob("*") if p.is_file() and not p.is_symlink() and p.name != "pipe.txt"):
        body = path.read_bytes().decode("utf-8", "replace") if path.suffix != ".docx" else ""
        if path.suffix == ".docx":
            try:
                with zipfile.ZipFile(path) as z: body = z.read("word/document.xml").decode()[:200_000] if "word/document.xml" in z.namelist() else ""
            except zipfile.BadZipFile: body = ""
        if path.name.endswith("utf16.txt"): body = path.read_bytes().decode("utf-16-le")
        shown = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        for token in set(re.findall(r"Q\d{4}", body)):
            if token not in said and not ({path.name, shown} & (warned | failed | skipped)):
                lost.append((path.name, token))
    assert not lost, lost
    # what some kinds must give, beyond "accounted for"
    by_file = lambda name: utt[utt["session_id"].str.endswith(name)]
    assert "café" in " ".join(by_file("truncated")["text"])                        # a file cut mid-letter is still UTF-8
    assert "suck it up" in " ".join(by_file("zwsp")["text"])                      # invisible characters gone, the phrase whole
    assert "<5 out of 10, >3" in " ".join(by_file("angles")["text"])              # not markup
    assert len(by_file("table")) == 2 and len(by_file("plain.docx")) == 2        # Word paragraphs and a Who/Said table
    errors = pd.read_csv(out / "errors.csv", dtype=str, keep_default_na=False)
    why = dict(zip(errors["path"].map(lambda x: Path(x).name), errors["error"]))
    assert "limit" in why["bomb.docx"] and "MB limit" in why["big.txt"] and "recursion" in why["deep.json"].lower()
    assert "session id" in why["blank_id.csv"] and "longer than" in why["long_line.txt"]
    csv_text = (out / "utterances.csv").read_text()
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text      # formulas are neutralised in the CSV
    # the report and the outputs are whole
    assert (out / "index.html").is_file() and (out / "sessions.parquet").is_file()
    assert not list(tmp_path.glob(".out.staging*"))
