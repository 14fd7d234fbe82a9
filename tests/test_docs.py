"Offline docs: a tiny notebook folder rendered to a site whose links resolve and that reaches no other host."
from html.parser import HTMLParser
from pathlib import Path
import json, shutil, warnings

import nbformat
import pytest
from nbformat import v4

from collab_nlp.docs import DocsError, NotebookError, build_docs, find_nbs_path

KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _write(nb, path: Path):
    nb.metadata["kernelspec"] = KERNEL
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def tiny_nbs(tmp_path_factory) -> Path:
    "nbs/ with a module-like notebook (export, hide, default_exp) and two lessons."
    nbs = tmp_path_factory.mktemp("docs") / "nbs"
    _write(v4.new_notebook(cells=[
        v4.new_markdown_cell("# Tally tools\n\n> Count things in `frames`.\n\nThe module page."),
        v4.new_code_cell("#| default_exp tally"),
        v4.new_code_cell('#| export\ndef tally(xs, *, start: int = 0) -> int:\n    "Count the items of `xs`."\n    return start + len(xs)\n\n'
                         'class Counter:\n    "Keeps a count."\n    def __init__(self, n=0): self.n = n'),
        v4.new_code_cell("#| hide\nSECRET = 'hidden-cell-marker'\nprint(SECRET)"),
        v4.new_code_cell("#| notest\n#| echo: true\nprint('shown-output', tally([1, 2, 3]))"),
        v4.new_code_cell("#| eval: false\nraise SystemExit('never run')"),
        v4.new_markdown_cell("Links: [a paper](https://example.org/paper), [lesson one](lessons/01_first.ipynb)."),
    ]), nbs / "00_tally.ipynb")
    _write(v4.new_notebook(cells=[
        v4.new_markdown_cell("# First lesson\n\n> Start here."),
        v4.new_code_cell("import os\nprint('cwd-is', os.path.basename(os.getcwd()))"),
    ]), nbs / "lessons" / "01_first.ipynb")
    _write(v4.new_notebook(cells=[
        v4.new_markdown_cell("# Second lesson\n\nBack to [the tally module](../00_tally.ipynb)."),
        v4.new_code_cell("x = 2 * 21\nx"),
    ]), nbs / "lessons" / "02_second.ipynb")
    return nbs


@pytest.fixture(scope="module")
def site(tiny_nbs, tmp_path_factory) -> Path:
    "The tiny folder's site, built once (each build starts a kernel per notebook)."
    out = tmp_path_factory.mktemp("site")
    assert build_docs(out, tiny_nbs) == out / "index.html"
    return out


@pytest.fixture
def nbs(tiny_nbs, tmp_path) -> Path:
    "A private copy of the tiny folder, for tests that add notebooks."
    return Path(shutil.copytree(tiny_nbs, tmp_path / "nbs"))


class _Attrs(HTMLParser):
    "All (tag, attribute, value) of real tags, so code that merely mentions href= is not counted."
    def __init__(self):
        super().__init__(); self.found, self.rels = [], {}
    def handle_starttag(self, tag, attrs):
        self.found += [(tag, k, v or "") for k, v in attrs]
        d = dict(attrs)
        if tag == "a" and "rel" in d: self.rels.setdefault(d["rel"], d.get("href"))


def _attrs(text: str):
    p = _Attrs(); p.feed(text); return p.found


def _pages(site: Path) -> dict:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_site_structure_links_and_offline(site):
    pages = _pages(site)
    assert set(pages) == {"index.html", "00_tally.html", "lessons/01_first.html", "lessons/02_second.html"}
    for name, text in pages.items():
        for tag, attr, value in _attrs(text):
            if attr in ("src", "href"):
                assert not value.lower().startswith(("http:", "https:", "//")), (name, tag, value)
            if attr == "href" and not value.startswith("#"):
                target = (site / name).parent / value.split("#")[0]
                assert target.resolve().is_file(), (name, value)
        assert "cdnjs" not in text and "<script src" not in text
        # every page has a way home
        assert any(a == "href" and v.endswith("index.html") for _, a, v in _attrs(text)), name
    # index: lessons in order, then the API reference
    idx = pages["index.html"]
    assert idx.index("First lesson") < idx.index("Second lesson") < idx.index("Tally tools")
    assert "Start here." in idx and "tally" in idx


def test_module_page_directives(site):
    page = (site / "00_tally.html").read_text(encoding="utf-8")
    assert "hidden-cell-marker" not in page and "SECRET" not in page          # #| hide: source and output gone
    assert "default_exp" not in page                                          # default_exp cell gone
    assert "#|" not in page and "#| export" not in page and "notest" not in page  # directive lines stripped
    assert '<span class="nf">tally</span>' in page                             # exported code shown (highlighted)
    assert 'class="showdoc"' in page and 'id="tally"' in page and 'id="Counter"' in page
    assert "Count the items of" in page and "Counter(n=0)" in page
    assert "shown-output" in page and "shown-output 3" not in page            # notest (a long job): code shown, not run
    assert "never run" in page and "SystemExit: never run" not in page      # eval: false shown, not run
    # title and summary in the header, not repeated in the body; external link disarmed, shown as text
    assert "<h1>Tally tools</h1>" in page and "Count things in <code>frames</code>." in page
    assert 'data-offline-href="https://example.org/paper"' in page
    assert 'href="lessons/01_first.html"' in page


def test_working_directory_and_navigation(site):
    first = (site / "lessons" / "01_first.html").read_text(encoding="utf-8")
    assert "cwd-is lessons" in first                                          # kernel runs in the notebook's folder
    p = _Attrs(); p.feed(first)
    assert p.rels == {"prev": "../index.html", "next": "02_second.html"}
    second = (site / "lessons" / "02_second.html").read_text(encoding="utf-8")
    assert 'href="../00_tally.html"' in second and "Lesson 2 of 2" in second


def test_failing_notebook_named_and_allow_errors(nbs, tmp_path):
    _write(v4.new_notebook(cells=[v4.new_markdown_cell("# Broken"), v4.new_code_cell("y = 1"),
                                  v4.new_code_cell("assert y == 2, 'y-is-not-two'")]), nbs / "lessons" / "03_broken.ipynb")
    site = tmp_path / "site"
    with pytest.raises(NotebookError) as info:
        build_docs(site, nbs)
    err = info.value
    assert err.notebook.name == "03_broken.ipynb" and err.cell_index == 2 and err.ename == "AssertionError"
    assert "03_broken.ipynb" in str(err) and "cell 3 of 3" in str(err) and "y-is-not-two" in str(err)
    assert not site.exists() or not list(site.rglob("*.html"))               # nothing half-written
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build_docs(site, nbs, allow_errors=True)
    assert any("03_broken" in str(w.message) for w in caught)
    broken = (site / "lessons" / "03_broken.html").read_text(encoding="utf-8")
    assert "did not run cleanly" in broken and "cell 3" in broken and "y-is-not-two" in broken
    assert "(errors)" in (site / "index.html").read_text(encoding="utf-8")
    assert "lessons/03_broken.html" in json.loads((site / ".docs-build.json").read_text())["failed"]
    # excluding it builds cleanly, and its stale page is removed
    build_docs(site, nbs, exclude=["03_*"], execute=False)
    assert not (site / "lessons" / "03_broken.html").exists()


def test_find_nbs_path(tmp_path, monkeypatch):
    (tmp_path / "proj" / "notebooks" / "lessons").mkdir(parents=True)
    (tmp_path / "proj" / "settings.ini").write_text("[DEFAULT]\nnbs_path = notebooks\n")
    assert find_nbs_path(tmp_path / "proj" / "notebooks" / "lessons") == (tmp_path / "proj" / "notebooks").resolve()
    monkeypatch.chdir(tmp_path / "proj")
    assert find_nbs_path() == (tmp_path / "proj" / "notebooks").resolve()
    with pytest.raises(DocsError, match="settings.ini"):
        find_nbs_path(tmp_path)
    with pytest.raises(DocsError, match="no notebooks"):
        build_docs(tmp_path / "site", tmp_path / "proj" / "notebooks")


def test_index_notebook_is_the_front_page(nbs, tmp_path):
    _write(v4.new_notebook(cells=[v4.new_markdown_cell("# Welcome home\n\n> The front page."),
                                  v4.new_code_cell("print('front-' + 'page-ran')")]), nbs / "index.ipynb")
    site = tmp_path / "site"
    build_docs(site, nbs, workers=1, exclude=["lessons/02_*"])
    idx = (site / "index.html").read_text(encoding="utf-8")
    assert "<h1>Welcome home</h1>" in idx and "front-page-ran" in idx
    assert idx.index("front-page-ran") < idx.index("<section class=\"docs-toc\">") < idx.index("First lesson</a>")  # notebook, then contents
    assert sorted(p.name for p in site.glob("*.html")) == ["00_tally.html", "index.html"]
