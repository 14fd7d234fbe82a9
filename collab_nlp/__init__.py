"""collab-nlp: collaborative and directive language, MI behaviour codes and mutuality in care transcripts.

This file is written by hand (nbdev only updates `__version__`): public names load lazily, so
`import collab_nlp` and `collab-nlp --help` stay fast and spaCy loads only when it is needed.
"""
__version__ = "0.2.1"

# public name -> submodule that defines it (no submodule may share a public function's name: importing
# it would replace the function on the package, which is why `audit` lives in `auditing`)
_PUBLIC = {
    "TranscriptError": "schema", "make_utterances": "schema", "assign_roles": "schema", "guess_role": "schema",
    "load_nlp": "pipeline",
    "read_transcripts": "readers", "read_annomi": "readers", "summarize_sessions": "readers",
    "load_lexicon": "lexicon",
    "tag_utterances": "tagger", "show_tags": "tagger",
    "code_behaviours": "behaviours", "code_client_talk": "client_talk", "train_client_talk_model": "client_talk", "load_behaviour_model": "behaviours", "train_behaviour_model": "behaviours",
    "session_indicators": "mutuality",
    "audit": "auditing", "Audit": "auditing",
    "write_report": "report",
    "compare_groups": "compare", "plot_groups": "compare",
    "cohens_kappa": "validate", "weighted_kappa": "validate", "icc": "validate", "icc_table": "validate",
    "confusion": "validate", "agreement_report": "validate", "compare_codes": "validate", "compare_scores": "validate",
    "explore": "explorer",
}

def __getattr__(name):
    if name in _PUBLIC:
        import importlib
        value = getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'collab_nlp' has no attribute {name!r}")

def __dir__(): return sorted(list(globals()) + list(_PUBLIC))
