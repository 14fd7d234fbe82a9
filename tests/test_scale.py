"Scale-out: the same frames from a dask.distributed cluster as from one process (audit and run_audit)."
import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")

@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c

@pytest.fixture(scope="module")
def samples(samples_dir):
    from collab_nlp.readers import read_transcripts
    return read_transcripts(samples_dir)

def _norm(df):
    "Missing is missing: pd.concat of parts may turn None into NaN in object columns; values are compared, not that."
    df = df.reset_index(drop=True).copy()
    for c in df.columns[df.dtypes == object]: df[c] = df[c].where(df[c].notna(), None)
    return df

def _same(a, b):
    for name in ("utterances", "tags", "sessions", "lsm_series"):
        pd.testing.assert_frame_equal(_norm(getattr(a, name)), _norm(getattr(b, name)), obj=name)

def test_audit_on_cluster_equals_serial(client, samples):
    from collab_nlp.auditing import audit
    from collab_nlp.auditing import _audit_on_dask
    serial = audit(samples)
    _same(audit(samples, scheduler=client), serial)
    _same(_audit_on_dask(samples, client, sessions_per_part=1), serial)      # many small parts, back in session order
    assert len(client.scheduler_info()["workers"]) == 2

def test_run_audit_on_cluster_equals_serial(client, samples_dir, tmp_path):
    from collab_nlp.batch import run_audit
    serial = run_audit([samples_dir], tmp_path / "serial", progress=False)
    dist = run_audit([samples_dir], tmp_path / "dask", progress=False, scheduler=client, sessions_per_chunk=2)
    assert dist["sessions"] == serial["sessions"] == 12 and dist["failed"] == 0
    for name in ("utterances", "tags", "sessions"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask" / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "serial" / f"{name}.parquet"), obj=name)
        # CSV too (floats compared to 1e-9: a sum may differ in its last bit with how sessions were grouped)
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "dask" / f"{name}.csv"), pd.read_csv(tmp_path / "serial" / f"{name}.csv"),
                                      rtol=1e-9, obj=name)
    again = run_audit([samples_dir], tmp_path / "dask", progress=False, scheduler=client)
    assert again["cached"] == 12

def test_run_audit_with_scheduler_address(client, samples_dir, tmp_path):
    "The CLI passes an address string; run_audit connects and disconnects by itself."
    from collab_nlp.cli import main
    out = tmp_path / "addr"
    assert main(["audit", str(samples_dir), "--out", str(out), "-q", "--dask-scheduler", client.scheduler.address]) == 0
    assert len(pd.read_csv(out / "sessions.csv")) == 12

