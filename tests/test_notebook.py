"""notebooks/explore.ipynb runs top to bottom against a freshly built database and shows the figures, from
the repository's root (nbclient, papermill) and from its own folder (Jupyter), finding the database itself.

The kernel is "python3", the spec ipykernel installs into the venv's share/jupyter/kernels (and that
jupyter_client also provides itself when ipykernel is importable), so a .venv made by `make` needs
no `ipython kernel install`. Its argv[0] is "python", which jupyter_client runs as sys.executable.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from pipeline.plumbing.errors import PipelineError
from pipeline.run import run
from pipeline.sql import find_database

from .conftest import FIXTURES, ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def outputs_text(cell) -> str:
    """Everything a cell printed or displayed as text."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
            parts.append(output["data"].get("text/html", ""))
    return "\n".join(parts)


def execute(nb, cwd: Path) -> None:
    """Run ``nb`` with ``cwd`` as the kernel's working directory, this venv's kernel, and no
    FOI_VOLUMES_DB: the notebook must find the database itself."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("FOI_VOLUMES_DB", raising=False)
        mp.setenv("JUPYTER_PREFER_ENV_PATH", "1")  # this venv's kernel spec before any in the user's home
        spec = KernelSpecManager().get_kernel_spec("python3")
        assert spec.argv[0] in {"python", "python3", sys.executable}, (
            f"python3 kernel runs {spec.argv[0]}, not this venv"
        )
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
        ).execute()


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A repository's layout: the notebook in notebooks/, and a database built from the fixture manifest
    (the DfE answer and a test body) where `make pipeline` puts it."""
    root = tmp_path_factory.mktemp("checkout")
    (root / "notebooks").mkdir()
    (root / "notebooks" / NOTEBOOK.name).write_bytes(NOTEBOOK.read_bytes())
    run(FIXTURES / "sources.toml", root / "outputs")
    return root


@pytest.fixture(scope="module")
def executed(checkout):
    """The whole notebook, run from the repository's root as nbclient and papermill run it."""
    nb = nbformat.read(checkout / "notebooks" / NOTEBOOK.name, as_version=4)
    execute(nb, checkout)
    return nb, checkout / "outputs" / "volumes.duckdb"


def test_notebook_runs_from_its_own_folder(checkout):
    """As Jupyter runs it: the working directory is notebooks/ (its opening cells are enough to tell)."""
    nb = nbformat.read(checkout / "notebooks" / NOTEBOOK.name, as_version=4)
    first = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"][:2]
    nb.cells = nb.cells[: first[-1] + 1]
    execute(nb, checkout / "notebooks")
    assert f"Reading {checkout / 'outputs' / 'volumes.duckdb'}" in outputs_text(nb.cells[first[0]])
    assert "Example Agency (test fixture)" in outputs_text(nb.cells[first[1]])


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_notebook_runs_without_errors_from_the_repository_root(executed):
    nb, database = executed
    errors = [o for cell in nb.cells for o in cell.get("outputs", []) if o["output_type"] == "error"]
    assert errors == []
    text = "\n".join(outputs_text(cell) for cell in nb.cells)
    assert f"Reading {database}" in text
    assert "Example Agency (test fixture)" in text  # only the test database has this body


@pytest.mark.parametrize(
    "expected",
    [
        "Nation Pupil Database-Achievement and Attainment Tables",  # the top dataset by records
        "Circa 21,230,000 personal records.",  # with its wording
        "Office Exchange (Outlook)",  # the top dataset by storage
        "dfe-2016-0027740 records: 80583000 (80.6M) over 24 datasets, 22 approximate, 2 exact",
        "datasets overlap, so not a count of distinct people",  # the totals' note
        "Troops to Teachers",  # an unknown volume
        "Department for Education gave a figure for 39 of 53 datasets (74%)",
        "hedge+number+count",  # a figure's provenance
    ],
    ids=[
        "top-records",
        "wording",
        "top-storage",
        "records-total",
        "overlap-note",
        "unknown",
        "disclosure",
        "rule",
    ],
)
def test_notebook_shows(executed, expected):
    nb, _ = executed
    assert expected in "\n".join(outputs_text(cell) for cell in nb.cells)


def test_parse_volume_example_reads_a_range(executed):
    nb, _ = executed
    cell = next(c for c in nb.cells if "parse_volume(?)" in c.source)
    assert (
        "range" in outputs_text(cell) and "2000000" in outputs_text(cell) and "3000000" in outputs_text(cell)
    )


def test_notebook_draws_the_chart(executed):
    nb, _ = executed
    images = [
        o["data"]["image/png"]
        for cell in nb.cells
        for o in cell.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]
    assert len(images) == 1
    assert base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("where", ["", "notebooks", "notebooks/deeper"], ids=["root", "notebooks", "deeper"])
def test_find_database_looks_here_then_in_the_folders_above(tmp_path, monkeypatch, where):
    monkeypatch.delenv("FOI_VOLUMES_DB", raising=False)
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "volumes.duckdb").write_bytes(b"")
    (tmp_path / where).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path / where)
    assert find_database() == tmp_path.resolve() / "outputs" / "volumes.duckdb"


def test_find_database_prefers_the_environment_and_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv("FOI_VOLUMES_DB", str(tmp_path / "mine.duckdb"))
    assert find_database(tmp_path) == tmp_path / "mine.duckdb"
    monkeypatch.delenv("FOI_VOLUMES_DB")
    with pytest.raises(PipelineError) as raised:
        find_database(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path.resolve()}: no outputs/volumes.duckdb here or in any folder above: run `make pipeline`"
        " in the repository, or set FOI_VOLUMES_DB to the database's path"
    )
