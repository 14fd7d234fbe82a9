"The client-talk coder: shipped, client rows only, counted per session, drawn on the page, refused when incompatible."
import json
import numpy as np
import pandas as pd
import pytest
import collab_nlp as cn
from collab_nlp.client_talk import (CLIENT_TALK, ClientTalkModelError, code_client_talk, default_client_talk_dir,
                                    load_client_talk_model)
from collab_nlp.schema import make_utterances


@pytest.fixture(scope="module")
def talk():
    u = make_utterances([{"speaker": "Nurse", "role": "clinician", "text": "What would you like to be different?"},
                         {"speaker": "Pat", "role": "client", "text": "I really want to cut down, I'm going to try this week."},
                         {"speaker": "Nurse", "role": "clinician", "text": "What do you think about your drinking?"},
                         {"speaker": "Pat", "role": "client", "text": "But honestly I need a drink to relax, I'm not giving it up."}],
                        session_id="ct")
    return cn.audit(u)


def test_shipped_model_codes_client_rows_only(talk):
    u = talk.utterances
    client = u["role"] == "client"
    assert u.loc[client, "client_talk"].isin(CLIENT_TALK).all() and u.loc[~client, "client_talk"].isna().all()
    assert u.loc[client, "client_talk_p"].between(0, 1).all() and u.loc[~client, "client_talk_p"].isna().all()
    assert u.loc[1, "client_talk"] == "change" and u.loc[3, "client_talk"] == "sustain"   # a plain pair either way


def test_session_share_of_change_talk(talk):
    s = talk.sessions.iloc[0]
    assert (s["n_change_talk"], s["n_sustain_talk"]) == (1, 1) and s["pct_change_talk"] == 50
    from collab_nlp.report import render_session
    page = render_session(talk, "ct")
    assert 'class="client-talk"' in page and "1 change / 1 sustain" in page and "ct-sustain" in page


def test_no_client_talk_without_clients():
    u = make_utterances([{"speaker": "Nurse", "role": "clinician", "text": "Hello."}], session_id="x")
    s = cn.audit(u).sessions.iloc[0]
    assert np.isnan(s["pct_change_talk"]) and s["n_change_talk"] == 0


def test_incompatible_model_is_refused(tmp_path):
    import shutil
    d = tmp_path / "m"; shutil.copytree(default_client_talk_dir(), d)
    m = json.loads((d / "manifest.json").read_text()); m["versions"]["scikit-learn"] = "0.1.0"
    (d / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(ClientTalkModelError, match="scikit-learn 0.1.0"): load_client_talk_model(d)
    with pytest.raises(ClientTalkModelError, match="no client-talk model"): load_client_talk_model(tmp_path / "nothing")
