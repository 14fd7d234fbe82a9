"HTML report: escaping, files written atomically, sortable table, per-clinician means, redaction header."
import json, os, re, types
from html.parser import HTMLParser
from pathlib import Path
import numpy as np
import pandas as pd
import pytest

from collab_nlp import report
from collab_nlp.report import write_report, render_session, render_index, session_filenames, clinician_summary

XSS_SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
XSS_IMG = "<img src=x onerror=\"window.__pwned = 2; alert(2)\">"


def make_fake_audit(n_extra: int = 3, redacted: bool = False):
    "A realistic hand-made Audit (contract frames): XSS transcript, a clinician in two sessions, several families."
    clin, cl2 = ("Clinician A", "Clinician B") if redacted else ("Dr. Rivera", "Jo <b>Park</b>")
    sessions = {
        "xss <session>": [
            (clin, "clinician", "What would you like to talk about today?"),
            ("Client", "client", f"My boss wrote {XSS_SCRIPT} in an email & said {XSS_IMG} to me."),
            (clin, "clinician", "You need to stop worrying about him, it's not that bad."),
            ("Client", "client", "I guess. He told me I should just toughen up."),
            (clin, "clinician", "Would it be okay if we looked at what you want from work?"),
            ("Client", "client", "Yes, I'd like that."),
            (clin, "clinician", "It sounds like you've been carrying a lot on your own."),
        ],
        "rivera-02": [
            (clin, "clinician", "How did the week go with the plan we made together?"),
            ("Client", "client", "Better than I thought."),
            (clin, "clinician", "You made that happen. What helped?"),
            ("Client", "client", "Talking to my sister."),
        ],
    }
    for k in range(n_extra):
        sessions[f"park-{k:02d}"] = [
            (cl2, "clinician", "You have to take your medication every day."),
            ("Client", "client", "I forget sometimes."),
            (cl2, "clinician", "What gets in the way?"),
            ("Client", "client", "Mornings are chaos."),
        ]
    rows = []
    for sid, turns in sessions.items():
        for i, (spk, role, text) in enumerate(turns):
            rows.append(dict(session_id=sid, turn=i, speaker=spk, role=role, text=text, start=6.0 * i, end=6.0 * i + 5))
    u = pd.DataFrame(rows)
    u["behaviour"] = np.where(u["role"] != "clinician", None,
                              np.where(u["text"].str.endswith("?"), "question", np.where(u["text"].str.startswith("It sounds"), "reflection", "therapist_input")))
    u["question_type"] = np.where(u["behaviour"] == "question", "open", None)
    u["reflection_type"] = np.where(u["behaviour"] == "reflection", "complex", None)
    u["input_type"] = np.where(u["behaviour"] == "therapist_input", "advice", None)

    def tag(sid, turn, phrase, label, family, suggestion=None):
        text = u[(u.session_id == sid) & (u.turn == turn)].text.iloc[0]
        i = text.index(phrase)
        return dict(session_id=sid, turn=turn, role=None, label=label, family=family, start_char=i,
                    end_char=i + len(phrase), span_text=phrase, rule="test", suggestion=suggestion)

    tags = [tag("xss <session>", 1, XSS_SCRIPT, "command", "directive", "Client turns get no alternative"),
            tag("xss <session>", 2, "You need to stop worrying", "obligation", "directive",
                "What would it be like to worry less about him?"),
            tag("xss <session>", 2, "it's not that bad", "minimizing", "directive", "<i>never</i> markup"),
            tag("xss <session>", 3, "I should just toughen up", "reported_directive", "reported"),
            tag("xss <session>", 4, "Would it be okay if", "asking_permission", "collaborative"),
            tag("xss <session>", 6, "It sounds like you've been carrying a lot", "validating", "collaborative"),
            tag("rivera-02", 0, "the plan we made together", "seeking_collaboration", "collaborative"),
            tag("rivera-02", 2, "You made that happen", "affirming", "collaborative")]
    tags += [tag(f"park-{k:02d}", 0, "You have to take your medication", "obligation", "directive",
                 "How do you feel about the medication?") for k in range(n_extra)]
    tags = pd.DataFrame(tags)
    u["labels"] = [";".join(sorted(tags[(tags.session_id == r.session_id) & (tags.turn == r.turn)].label)) for r in u.itertuples()]
    fam = lambda f: [bool(((tags.session_id == r.session_id) & (tags.turn == r.turn) & (tags.family == f)).any()) for r in u.itertuples()]
    u["directive"], u["collaborative"] = fam("directive"), fam("collaborative")
    ids = list(sessions)
    rng = np.random.default_rng(0)
    s = pd.DataFrame({
        "session_id": ids,
        "n_utterances": [len(sessions[i]) for i in ids],
        "clinicians": [sessions[i][0][0] for i in ids], "clients": "Client",
        "duration_s": [6.0 * len(sessions[i]) for i in ids],
        "collaboration_index": [35.0, 90.0] + list(rng.uniform(10, 40, n_extra)),
        "mutuality_index": [60.0, 80.0] + list(rng.uniform(30, 70, n_extra)),
        "directive_rate": [50.0, 0.0] + [50.0] * n_extra, "collaborative_rate": [50.0, 100.0] + [0.0] * n_extra,
        "minimizing_count": [1, 0] + [0] * n_extra,
        "reflection_to_question": [1.0, np.nan] + list(rng.uniform(0, 3, n_extra)),
        "pct_open_questions": [100.0, 100.0] + [100.0] * n_extra,
        "pct_complex_reflections": [100.0, np.nan] + list(rng.uniform(20, 60, n_extra)),
        "clinician_talk_share": [0.45, 0.7] + list(rng.uniform(.4, .8, n_extra)),
        "lsm": [0.72, 0.81] + list(rng.uniform(.5, .9, n_extra)),
        "coordination_note": "too few turns",
    })
    band = lambda v, fair, good: "n/a" if pd.isna(v) else ("good" if v >= good else "fair" if v >= fair else "below fair")
    s["band_reflection_to_question"] = [band(v, 1, 2) for v in s.reflection_to_question]
    s["band_pct_complex_reflections"] = [band(v, 40, 50) for v in s.pct_complex_reflections]
    lsm = pd.DataFrame([dict(session_id=r.session_id, turn=r.turn, lsm=0.5 + 0.4 * np.sin(r.turn)) for r in u.itertuples() if r.turn > 0])
    return types.SimpleNamespace(utterances=u, tags=tags, sessions=s, lsm_series=lsm)


class _Collect(HTMLParser):
    "Collects start tags with attributes, and checks the page parses."
    def __init__(self):
        super().__init__(); self.tags = []
    def handle_starttag(self, tag, attrs): self.tags.append((tag, dict(attrs)))


def _parse(html_text):
    p = _Collect(); p.feed(html_text); p.close(); return p.tags


@pytest.fixture
def fake():
    return make_fake_audit()


def test_escaping_session_page(fake):
    page = render_session(fake, "xss <session>")
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned = 2; alert(2)&quot;&gt;" in page
    assert "&lt;i&gt;never&lt;/i&gt; markup" in page and "<i>never" not in page
    tags = _parse(page)
    assert not [t for t, a in tags if t in ("img", "script", "iframe", "object", "embed")]
    assert not [a for t, a in tags for k in a if k.startswith("on")]          # no event handler attributes
    assert not [a for t, a in tags if "style" in a]                           # CSP: no inline style attributes
    assert "Session xss &lt;session&gt;" in page


def test_escaping_index_and_names(fake):
    fake.sessions.loc[3, "clinicians"] = "Jo <b>Park</b>"
    page = render_index(fake, failures=pd.DataFrame({"path": ["<bad>.txt"], "error": ["<bad>.txt: no speakers"]}))
    assert "<b>Park" not in page and "Jo &lt;b&gt;Park&lt;/b&gt;" in page
    assert "&lt;bad&gt;.txt: no speakers" in page and "xss &lt;session&gt;" in page
    assert [t for t, a in _parse(page) if t == "script"] == ["script"]      # only our own sorting script


def test_files_written(fake, tmp_path):
    out = write_report(fake, tmp_path / "rep", title="Team <A> audit")
    assert out == tmp_path / "rep" / "index.html" and out.exists()
    names = session_filenames(fake.sessions.session_id)
    pages = sorted((tmp_path / "rep" / "sessions").glob("*.html"))
    assert len(pages) == len(fake.sessions) == len(set(names.values()))
    for sid, stem in names.items():
        assert re.fullmatch(r"[A-Za-z0-9._-]+", stem)
        page = (tmp_path / "rep" / "sessions" / f"{stem}.html").read_text(encoding="utf-8")
        assert 'href="../index.html"' in page and "Team &lt;A&gt; audit" in page
        assert f'href="sessions/{stem}.html"' in out.read_text(encoding="utf-8")
    assert not list((tmp_path / "rep").rglob("*.tmp"))
    # self-contained: nothing loaded from elsewhere
    for p in [out, *pages]:
        t = p.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", t) and "@import" not in t and "url(" not in t
        assert "default-src 'none'" in t


def test_session_page_parts(fake):
    page = render_session(fake, "xss <session>")
    assert page.count('<mark class="tag fam-directive"') == 3 and 'fam-collaborative' in page and 'fam-reported' in page
    assert "Try instead: What would it be like to worry less about him?" in page
    assert "Client turns get no alternative" not in page       # alternatives are offered for clinician words only
    assert '<span class="tag-label">minimizing</span>' in page
    # review first: directive clinician turn 2 and the client's XSS turn 1 (tagged directive but said by the client: not flagged);
    # the page numbers turns from 1, so data turn 2 is "Turn 3" and its anchor #t-3
    review = page[page.index('id="review"'):page.index('id="coping"' if 'id="coping"' in page else 'id="transcript"')]
    assert 'href="#t-3"' in review and 'href="#t-2"' not in review and 'href="#t-4"' not in review and "Turn 3," in review
    assert 'id="t-3"' in page and 'id="t-0"' not in page and 'class="timeline"' in page and 'class="share"' in page and 'class="lsm"' in page
    assert "MITI: fair" in page and "open question" in page and "giving advice" in page and "complex reflection" in page


def test_sortable_markup(fake):
    page = render_index(fake)
    assert '<table class="sortable" id="sessions-table"' in page
    table = page[page.index('id="sessions-table"'):page.index("</table>", page.index('id="sessions-table"'))]
    heads = re.findall(r'<th scope="col" data-type="(num|text)"[^>]*><button type="button">', table)
    assert len(heads) == 2 + len(report.INDEX_COLUMNS) + 1 and heads.count("num") == len(report.INDEX_COLUMNS) + 1
    assert 'aria-live="polite"' in page and report.SORT_JS.strip()[:20] in page
    m = re.search(r"script-src ('sha256-[^']+')", page)
    assert m and m.group(1) == report._sha256(report.SORT_JS)
    # numeric sort keys: plain numbers or empty for missing
    keys = re.findall(r'<td class="num" data-sort="([^"]*)"', page)
    assert keys and all(k == "" or float(k) == float(k) for k in keys) and "" in keys
    assert page.count('class="badge') >= 2 * len(fake.sessions)


def test_per_clinician(fake):
    per = clinician_summary(fake.sessions)
    assert per.clinician.tolist() == ["Jo <b>Park</b>", "Dr. Rivera"] and per.sessions.tolist() == [3, 2]
    assert per.loc[1, "collaboration_index"] == pytest.approx((35 + 90) / 2)
    page = render_index(fake)
    assert 'id="clinician-table"' in page and "Dr. Rivera" in page
    # generic labels and single-session clinicians are not grouped
    one = make_fake_audit(n_extra=1)
    one.sessions["clinicians"] = ["Therapist", "Therapist", "Jo"]
    assert clinician_summary(one.sessions).empty
    assert "no per-clinician averages" in render_index(one)


def test_redacted_header(tmp_path):
    red = make_fake_audit(redacted=True)
    out = write_report(red, tmp_path, redacted=True)
    assert "Redacted report: names, e-mails, phone numbers and dates replaced" in re.sub(r"<[^>]+>", "", out.read_text())
    sess = next((tmp_path / "sessions").glob("*.html")).read_text()
    assert "Redacted report" in sess
    plain = render_index(make_fake_audit())
    assert "Transcripts are shown as given" in plain and "Redacted report" not in plain


def test_atomic_write_on_crash(fake, tmp_path, monkeypatch):
    out = write_report(fake, tmp_path)
    before = out.read_text()
    def boom(*a, **k): raise RuntimeError("disk full")
    monkeypatch.setattr(report, "render_index", boom)
    with pytest.raises(RuntimeError):
        write_report(fake, tmp_path, title="new title")
    assert out.read_text() == before                       # the old page is intact
    assert not list(tmp_path.rglob("*.tmp"))
    # a failure while writing leaves neither a half page nor a temporary file
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(RuntimeError):
        report.write_atomic(tmp_path / "x.html", "<p>half</p>")
    assert not (tmp_path / "x.html").exists() and not list(tmp_path.rglob("*.tmp"))


def test_failures_and_settings(fake, tmp_path):
    fails = pd.DataFrame({"path": ["a.docx"], "error": ["a.docx: not a Word file -- save it as .docx"]})
    out = write_report(fake, tmp_path, settings={"spaCy pipeline": "en_core_web_sm 3.8.0", "failures": fails})
    t = out.read_text()
    assert 'id="failures"' in t and "not a Word file" in t and "en_core_web_sm 3.8.0" in t
    assert 'id="failures"' not in render_index(fake)


def test_partial_frames_render():
    "An audit with missing optional columns and no tags still renders (n/a where unknown)."
    u = pd.DataFrame({"session_id": ["s"], "turn": [0], "speaker": ["T"], "role": ["clinician"], "text": ["Hello"]})
    a = types.SimpleNamespace(utterances=u, tags=pd.DataFrame(), sessions=pd.DataFrame({"session_id": ["s"]}), lsm_series=pd.DataFrame())
    assert "n/a" in render_session(a, "s") and "Nothing flagged" in render_session(a, "s")
    assert "n/a" not in render_index(a).split('id="sessions-table"')[0]
    assert 'id="sessions-table"' in render_index(a)
    a.sessions["clinicians"] = [np.nan]
    assert ">nan<" not in render_index(a) and "1 turns" in render_session(a, "s")


def test_client_coping_is_context_not_review():
    "A client's 'I just have to suck it up' is listed apart, never among the clinician turns to review."
    import collab_nlp as cn
    from collab_nlp.schema import make_utterances
    from collab_nlp.report import render_session
    u = make_utterances([{"speaker": "Nurse", "role": "clinician", "text": "How have you been managing?"},
                         {"speaker": "Pat", "role": "client", "text": "I just have to suck it up, there's no point complaining."},
                         {"speaker": "Nurse", "role": "clinician", "text": "You need to stop moaning."}], session_id="c")
    html = render_session(cn.audit(u), "c")
    review = html.split('id="review"')[1].split('id="coping"')[0]
    coping = html.split('id="coping"')[1].split('id="transcript"')[0]
    assert "Turn 3, Nurse" in review and "Pat" not in review
    assert "Turn 2, Pat" in coping and "suck it up" in coping


def test_counts_stand_beside_ratios_and_percentages():
    row = {"n_reflections": 7, "n_questions": 5, "n_open_questions": 3, "n_closed_questions": 1, "n_complex_reflections": 2,
           "n_simple_reflections": 3, "directive_rate": 50.0, "collaborative_rate": 10.0, "n_clinician_utterances": 18, "n_utterances": 30,
           "turn_share_client": 0.4, "reflection_to_question": 1.4, "pct_open_questions": 75.0, "pct_complex_reflections": 40.0}
    assert report.counts_text(row, "reflection_to_question") == "7 R / 5 Q"
    assert report.counts_text(row, "pct_open_questions") == "3 of 4 questions"
    assert report.counts_text(row, "pct_complex_reflections") == "2 of 5 reflections"
    assert report.counts_text(row, "directive_rate") == "9 of 18 clinician turns"
    assert report.counts_text(row, "lsm") == ""
    assert "1.4<small" in report._value(row, "reflection_to_question", "ratio") and "7 R / 5 Q" in report._value(row, "reflection_to_question", "ratio")


def test_missing_roles_show_as_such_not_as_numbers():
    no_clin = {"n_utterances": 4, "n_clinician_utterances": 0, "turn_share_client": 0.5, "directive_rate": 0.0, "minimizing_count": 1}
    assert report.missing_roles(no_clin) == ["clinician"]
    assert report.role_gap(no_clin, "directive_rate") == "no clinician found" and report.role_gap(no_clin, "minimizing_count") == ""
    no_client = {"n_utterances": 4, "n_clinician_utterances": 4, "turn_share_client": 0.0}
    assert report.role_gap(no_client, "lsm") == "no client found" and report.role_gap(no_client, "directive_rate") == ""
    assert report.missing_roles({"n_utterances": 0}) == []


def test_session_page_opens_with_three_lines_in_plain_words():
    import collab_nlp as cn
    from collab_nlp.schema import make_utterances
    u = make_utterances([{"speaker": "Nurse", "role": "clinician", "text": "Would it be okay if I shared an idea?"},
                         {"speaker": "Pat", "role": "client", "text": "Sure."},
                         {"speaker": "Nurse", "role": "clinician", "text": "You need to stop drinking."},
                         {"speaker": "Pat", "role": "client", "text": "Maybe."}], session_id="o")
    html = render_session(cn.audit(u), "o")
    opening = html.split('<ul class="opening">')[1].split("</ul>")[0]
    assert opening.index("What went well") < opening.index("What to look at") < opening.index("The numbers")
    assert "asked permission" in opening and 'href="#t-1"' in opening          # turn 0 of the data is turn 1 on the page
    assert "1 clinician turn with directive language" in opening and 'href="#t-3"' in opening
    assert "R:Q" in opening and "clinician turns" in opening
    for developer_word in ("lsm_series", "markers never used", "first speaker", "reply pairs", "_rate", "->"):
        assert developer_word not in html.split('id="transcript"')[0], developer_word


def test_coordination_note_in_plain_words():
    assert report.coordination_plain("clinician->client: 3 reply pairs (<10)").startswith("too few replies")
    assert "kinds of small words" in report.coordination_plain("client->clinician: 2 of 9 markers never used by the first speaker, left out")
    assert report.coordination_plain("") == "" and report.coordination_plain(None) == ""


def test_overview_starts_with_the_sessions_to_review(fake):
    page = render_index(fake)
    start = page.split('id="start"')[1].split('id="sessions"')[0]
    order = report.review_order(fake.sessions, {}, {})
    assert order[0] in start and start.index(order[0]) < start.index(order[1]) if order[1] in start else True
    table = page.split('id="sessions-table"')[1]
    positions = [table.index(f">{report.esc(s)}</a>") for s in order]
    assert positions == sorted(positions)   # the table is in the same order


def test_coping_list_holds_explainable_client_evidence_only():
    from collab_nlp.report import coping_turns
    u = pd.DataFrame({"turn": [0, 1, 2, 3], "speaker": ["N", "P", "N", "P"], "role": ["clinician", "client", "clinician", "client"],
                      "text": ["How are you?", "I just have to suck it up.", "My boss said toughen up.", "I just shouted."]})
    t = pd.DataFrame({"turn": [1, 2, 3], "label": ["internalised_minimizing", "reported_directive", "internalised_minimizing"],
                      "rule": ["min_suck_it_up", "min_toughen_up", "model"], "family": ["reported"] * 3})
    assert coping_turns(u, t)["turn"].tolist() == [1]   # the clinician's report is not the client's; the model's guess is left out


def test_reported_advice_is_not_a_coping_rule():
    "Only a minimizing rule the client was taught goes to 'what the client said about coping', not advice they pass on."
    from collab_nlp.report import coping_turns
    u = pd.DataFrame({"turn": [0, 1, 2], "speaker": ["N", "P", "P"], "role": ["clinician", "client", "client"],
                      "text": ["How are you?", "My wife says I should cut down.", "My dad told me to suck it up."]})
    t = pd.DataFrame({"turn": [1, 2, 2], "label": ["reported_directive"] * 3, "rule": ["obl_indirect", "rep_told_to", "min_suck_it_up"],
                      "family": ["reported"] * 3})
    assert coping_turns(u, t)["turn"].tolist() == [2]


def test_an_order_after_safety_advice_is_kept_not_sent_to_review():
    from collab_nlp.report import safety_review_turns, suggestion_line
    from collab_nlp.safety import INHERITED
    u = pd.DataFrame({"turn": [0, 1, 2], "speaker": ["N", "P", "N"], "role": ["clinician", "client", "clinician"], "text": ["a", "b", "c"]})
    t = pd.DataFrame({"turn": [0, 2], "label": ["command", "command"], "family": ["directive"] * 2, "span_text": ["Don't go to A and E", "Make time"],
                      "suggestion": [None, None], "safety": ["emergency", "driving_machinery" + INHERITED]})
    assert safety_review_turns(u, t) == [0]                      # steering away from help is reviewed; the follow-up order is not
    line = suggestion_line(t.iloc[1].to_dict())
    assert "kept as said" in line and "steer" not in line and "review with a supervisor" not in line


def test_only_confident_reflections_are_praised():
    "A blunt order the coder calls a reflection at low confidence is not held up as 'reflected what the client said'."
    u = pd.DataFrame({"turn": [0, 1, 2, 3], "speaker": ["N", "P", "N", "P"], "role": ["clinician", "client", "clinician", "client"],
                      "text": ["Then you need new mates.", "Right.", "You're worried about your kids.", "Yes."],
                      "behaviour": ["reflection", None, "reflection", None], "behaviour_p": [0.44, None, 0.93, None],
                      "has_reflection": [True, None, True, None], "has_reflection_p": [0.39, None, 0.9, None]})
    held = report._holds_reflection(u, u["behaviour"])
    assert held.tolist() == [False, False, True, False]


def test_overview_pages_a_large_batch(tmp_path):
    "Past `page_rows` sessions the overview holds the first page in review order, a pager and a find page; all sessions stay reachable."
    big = make_fake_audit(n_extra=23)                     # 25 sessions, pages of 10
    pages = {}
    html = report.render_index(big, pages=pages, page_rows=10)
    assert sorted(pages) == ["overview/find.html", "overview/page-002.html", "overview/page-003.html"]
    first = [a["href"] for t, a in _parse(html) if t == "a" and a.get("href", "").startswith("sessions/")]
    rest = [a["href"] for p in ("overview/page-002.html", "overview/page-003.html") for t, a in _parse(pages[p])
            if t == "a" and a.get("href", "").startswith("../sessions/")]
    start_here = html.split('id="sessions-table"')[0].count('href="sessions/')          # the "start here" list links too
    assert len(first) - start_here == 10 and len(rest) == 15
    assert len(set(first[start_here:]) | {h.removeprefix("../") for h in rest}) == 25    # every session once, none twice
    assert 'href="overview/page-003.html"' in html and 'href="overview/find.html"' in html
    assert 'href="../index.html"' in pages["overview/page-002.html"] and 'aria-current="page">2<' in pages["overview/page-002.html"]
    find = pages["overview/find.html"]
    data = json.loads(find.split('id="find-data">')[1].split("</script>")[0])
    assert len(data) == 25 and {d[2] for d in data} == {1, 2, 3} and all(d[1].startswith("../sessions/") for d in data)
    assert "script-src 'sha256-" in find and "<script>" in find
    # written with the overview; a smaller batch later removes the pages it no longer has
    report.write_overview(tmp_path, html, pages)
    assert (tmp_path / "overview" / "page-003.html").is_file()
    small = {}
    report.write_overview(tmp_path, report.render_index(big, pages=small, page_rows=20), small)
    assert sorted(p.name for p in (tmp_path / "overview").iterdir()) == ["find.html", "page-002.html"]
    # a batch that fits one page has no pager and no further pages
    none = {}
    assert 'class="pager"' not in report.render_index(make_fake_audit(), pages=none) and none == {}


def test_strip_draws_quantiles_of_a_large_batch():
    v = pd.Series(np.linspace(0, 100, 5000), index=[f"s{i}" for i in range(5000)])
    svg = report.strip_svg(v, "collaboration_index")
    assert svg.count("<circle") == report.STRIP_MAX_DOTS and f"{report.STRIP_MAX_DOTS:,} of 5,000 drawn" in svg
    assert report.strip_svg(v.head(50), "collaboration_index").count("<circle") == 50
