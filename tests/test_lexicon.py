"Lexicon: the built-in file loads, covers every label, expands inflections and spellings; bad files fail clearly."
import pytest
from collab_nlp.lexicon import LABEL_FAMILY, LexiconError, expand_phrase, inflect, load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_builtin_covers_every_label(lex):
    assert len(lex) >= 150
    labels = {e["label"] for e in lex.entries}
    assert labels == set(LABEL_FAMILY) - {"reported_directive", "internalised_minimizing"}  # both assigned by context and role rules
    for e in lex.entries:
        assert e["family"] == LABEL_FAMILY[e["label"]]
        assert e["notes"]
        if e["family"] == "directive": assert e["suggestion"].strip(), e["id"]


def test_label_docs(lex):
    for name, spec in lex.labels.items():
        if name in LABEL_FAMILY:
            for k in ("definition", "source", "examples", "counter_examples"):
                assert spec.get(k), (name, k)


def test_inflections_and_spelling(lex):
    assert inflect("suck") == ["suck", "sucks", "sucking", "sucked"]
    assert "grinning" in inflect("grin")
    phrases = set(lex["min_suck_it_up"]["phrases"])
    assert {"suck it up", "sucking it up", "sucked it up", "sucks it up"} <= phrases
    assert "u gotta" in lex["obl_you_gotta"]["phrases"]
    assert {"you dont have to", "you don’t have to"} <= set(expand_phrase("you don't have to"))
    assert "stop cryin" in expand_phrase("stop crying")


def test_token_patterns_are_lexical(lex):
    for e in lex.entries:
        if e["kind"] == "tokens":
            for tok in e["tokens"]:
                assert not {"LEMMA", "POS", "TAG", "DEP", "MORPH"} & set(tok), e["id"]


def test_extra_file_adds_replaces_and_disables(tmp_path, lex):
    p = tmp_path / "mine.yaml"
    p.write_text("entries:\n"
                 "  - {id: my_harden, label: minimizing, family: directive, pattern: 'be a big boy now', notes: local, suggestion: 'How are you doing?'}\n"
                 "  - {id: min_dont_worry, disable: true}\n")
    mine = load_lexicon(extra=str(p))
    assert "my_harden" in mine.by_id and "min_dont_worry" not in mine.by_id
    assert load_lexicon() is lex  # the built-in one is untouched and cached


@pytest.mark.parametrize("entry, fault", [
    ("{id: x1, label: minimising, family: directive, pattern: 'man up', notes: n, suggestion: s}", "unknown label"),
    ("{id: x2, label: command, family: directive, pattern: 'go away', notes: n}", "suggestion"),
    ("{id: x3, label: command, family: directive, pattern: [{POS: VERB}], notes: n, suggestion: s}", "lexical attributes"),
    ("{id: x4, label: validating, family: directive, pattern: 'fair', notes: n}", "does not match"),
    ("{id: x5, label: validating, family: collaborative, notes: n}", "missing `pattern`"),
    ("{id: x6, label: validating, family: collaborative, pattern: 'ok', notes: n, colour: red}", "unknown field"),
    ("{id: x7, label: command, family: directive, pattern: {dep: []}, notes: n, suggestion: s}", "trigger"),
])
def test_malformed_entries_name_file_entry_and_fault(tmp_path, entry, fault):
    p = tmp_path / "bad.yaml"
    p.write_text("entries:\n  - " + entry + "\n")
    with pytest.raises(LexiconError) as e:
        load_lexicon(extra=p)
    msg = str(e.value)
    assert "bad.yaml" in msg and entry.split(",")[0].split(": ")[1] in msg and fault in msg
    assert isinstance(e.value, ValueError)


def test_bad_yaml_and_missing_file(tmp_path):
    p = tmp_path / "broken.yaml"
    p.write_text("entries: [\n")
    with pytest.raises(LexiconError, match="not valid YAML"):
        load_lexicon(extra=p)
    with pytest.raises(LexiconError, match="file not found"):
        load_lexicon(extra=tmp_path / "nope.yaml")
