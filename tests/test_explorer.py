"Tests for collab_nlp.explorer: parsing pasted text, the static rendering, and the fall-back when no front-end is live."
import pandas as pd
import pytest

from collab_nlp.explorer import EXAMPLE, Exploration, analyse, explore, parse_text, render_text, _live_frontend


def test_parse_prefixes_roles_and_continuation():
    u = parse_text("Counsellor: What brings you here?\nClient: My GP sent me.\nHonestly I didn't want to come.\n\n")
    assert u["speaker"].tolist() == ["Counsellor", "Client", "Client"]
    assert u["role"].tolist() == ["clinician", "client", "client"]
    assert u["turn"].tolist() == [0, 1, 2] and u["session_id"].unique().tolist() == ["explorer"]
    assert u["text"].tolist()[2] == "Honestly I didn't want to come."


def test_parse_without_prefixes_uses_default_role():
    u = parse_text("You have to go.\nWould you like to go?", default_role="other")
    assert u["role"].tolist() == ["other", "other"] and u["speaker"].tolist() == ["", ""]
    with pytest.raises(ValueError, match="default_role"):
        parse_text("hi", default_role="boss")


def test_parse_two_unknown_names_and_user_roles():
    assert parse_text("Ana: hi\nBo: hey")["role"].tolist() == ["clinician", "client"]
    assert parse_text("Ana: hi\nBo: hey", roles={"ANA": "client", "bo": "clinician"})["role"].tolist() == ["client", "clinician"]
    with pytest.raises(ValueError, match="roles"):
        parse_text("Ana: hi", roles={"Ana": "boss"})


def test_static_example_tags_and_scores():
    x = explore(static=True)
    assert isinstance(x, Exploration) and x.text == EXAMPLE
    assert "directive" in x.families(0)                                   # "You need to stop drinking ..."
    assert "reported" in x.families(1) and "directive" not in x.families(1)  # the client's dad said it
    assert "collaborative" in x.families(4)
    assert x.score("utterances") == 5
    with pytest.raises(KeyError, match="no score"):
        x.score("nonsense")


def test_rewrite_changes_tags():
    before = explore("You need to stop drinking.", static=True)
    after = explore("What would you like to do about your drinking, if anything?", static=True)
    assert "directive" in before.families() and "collaborative" not in before.families()
    assert "collaborative" in after.families() and "directive" not in after.families()
    assert before.score("collaborative share (clinician)") == 0 and after.score("collaborative share (clinician)") == 1


def test_suggestions_are_shown_for_directive_phrases():
    x = explore("Counsellor: You need to stop drinking.", static=True)
    sug = x.tags.loc[x.tags["family"] == "directive", "suggestion"].dropna()
    if len(sug):  # the lexicon entry carries a rewrite: it must reach both views
        assert "try:" in x.to_html() and "-> instead of" in x.to_text()


def test_html_escapes_and_text_view():
    x = explore("Counsellor: <b>Calm down</b> & <script>alert(1)</script>", static=True)
    h = x.to_html()
    assert "<script>" not in h and "&lt;script&gt;" in h and "&lt;b&gt;" in h and "&amp;" in h
    assert x._repr_html_() == h and repr(x) == x.to_text()
    assert x.to_text().startswith("Counsellor (clinician): ")


def test_empty_text():
    x = explore("", static=True)
    assert len(x.utterances) == 0 and len(x.tags) == 0 and x.score("utterances") == 0
    assert render_text(x.utterances, x.tags) == ""


def test_no_live_frontend_gives_static():
    assert not _live_frontend()          # pytest is not a Jupyter kernel
    assert isinstance(explore("You must go."), Exploration)


def test_widget_path_builds_and_redraws():
    w = pytest.importorskip("ipywidgets")
    box = explore("Counsellor: You need to stop.", static=False)   # built even without a front-end to draw it
    assert isinstance(box, w.VBox)
    area = next(c for c in box.children if isinstance(c, w.Textarea))
    out = next(c for c in box.children if isinstance(c, w.Output))
    first = out.outputs[0]["data"]["text/html"]
    assert "obligation" in first
    area.value = "Counsellor: It's up to you."                     # editing the box redraws the output
    second = out.outputs[0]["data"]["text/html"]
    assert len(out.outputs) == 1 and "emphasizing autonomy" in second and "obligation" not in second
