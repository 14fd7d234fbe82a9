"Shared fixtures: where the samples and the AnnoMI development data are."
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "data" / "samples"

@pytest.fixture(scope="session")
def annomi_path() -> Path:
    "AnnoMI-full.csv from ../shared/data/annomi-dev (or $COLLAB_NLP_ANNOMI); the test skips when absent."
    from collab_nlp.readers import find_annomi
    p = find_annomi()
    if p is None: pytest.skip("AnnoMI development data not found (../shared/data/annomi-dev); skipped")
    return p
