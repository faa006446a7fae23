"""notebooks/explore.ipynb runs top to bottom against a freshly built database and shows the figures.

The kernel is "python3", the spec ipykernel installs into the venv's share/jupyter/kernels (and that
jupyter_client also provides itself when ipykernel is importable), so a .venv made by `make` needs
no `ipython kernel install`. Its argv[0] is "python", which jupyter_client runs as sys.executable.
"""

from __future__ import annotations

import base64
import sys

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from pipeline.run import run

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


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook run on a database built from the fixture manifest (the DfE answer and a test body)."""
    out = tmp_path_factory.mktemp("outputs")
    run(FIXTURES / "sources.toml", out)
    database = out / "volumes.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FOI_VOLUMES_DB", str(database))
        mp.setenv("JUPYTER_PREFER_ENV_PATH", "1")  # this venv's kernel spec before any in the user's home
        spec = KernelSpecManager().get_kernel_spec("python3")
        assert spec.argv[0] in {"python", "python3", sys.executable}, (
            f"python3 kernel runs {spec.argv[0]}, not this venv"
        )
        nb = nbformat.read(NOTEBOOK, as_version=4)
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
        ).execute()
    return nb, database


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_notebook_runs_without_errors_on_the_database_named_by_the_environment(executed):
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
