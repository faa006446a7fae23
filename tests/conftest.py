"""Shared fixtures: the repository's paths, and a factory for throwaway sources written as bytes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The shipped manifest as a whole: a user adds sources to it. Tests about the DfE answer read
#: :func:`dfe_only` (the ``dfe_manifest`` fixture) instead, so an added source changes none of them.
RAW_MANIFEST = ROOT / "raw" / "sources.toml"
DFE_ID = "dfe-2016-0027740"
DFE = ROOT / "raw" / "dfe-2016-0027740.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: The smallest answer the foi-text reader accepts, to build bad and messy variants from.
MINIMAL_ANSWER = (
    "Dear Requester,\n\nName of Dataset\n\nPurpose of Dataset\n\n"
    "Volume of Data Held\n(as at 1 April 2017)\n\n"
    "Pupil Records\n\nHolding pupil data.\n\nCirca 5,000 personal records.\n\n"
    "File Share\n\nShared drive.\n\n1.5 TB\n"
)


def dfe_rows() -> list[tuple[str, str, str]]:
    """The 53 (name, purpose, volume) rows of the DfE table, read from the raw answer independently of
    the readers under test: the paragraphs between its header and the closing copyright note."""
    text = DFE.read_text(encoding="utf-8")
    body = text.split("(as at 17 June 2016)", 1)[1].split("The information supplied to you", 1)[0]
    paras = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    rows = [tuple(paras[i : i + 3]) for i in range(0, len(paras), 3)]
    assert len(rows) == 53 and all(len(r) == 3 for r in rows)
    return rows  # type: ignore[return-value]


#: Where the real catalogues are (CI has them); tests that read them skip, saying why, without it.
#: FOI_SHARED points elsewhere (a second checkout of the project beside the first, say).
CATALOGUES = Path(os.environ.get("FOI_SHARED", ROOT.parent / "shared")) / "sources" / "catalogues"


def dfe_only(manifest: Path, directory: Path) -> Path:
    """A manifest in ``directory`` holding ``manifest``'s opening comments and its DfE entry alone,
    verbatim, beside a copy of its document: what the shipped manifest says about the DfE answer,
    whatever else a user has added (as shipped, the same bytes as raw/sources.toml)."""
    import shutil
    import tomllib

    text = manifest.read_text(encoding="utf-8")
    preamble, *entries = re.split(r"^(?=\[\[sources\]\])", text, flags=re.MULTILINE)
    (entry,) = [e for e in entries if tomllib.loads(e)["sources"][0]["id"] == DFE_ID]
    directory.mkdir(parents=True, exist_ok=True)
    document = tomllib.loads(entry)["sources"][0]["path"]
    shutil.copyfile(manifest.parent / document, directory / document)
    (directory / manifest.name).write_text(preamble + entry.rstrip() + "\n", encoding="utf-8")
    return directory / manifest.name


@pytest.fixture(scope="session")
def dfe_manifest(tmp_path_factory) -> Path:
    """The shipped manifest's DfE entry alone (see :func:`dfe_only`)."""
    return dfe_only(RAW_MANIFEST, tmp_path_factory.mktemp("dfe-manifest"))


def manifest_entry(sid: str, path: str, fmt: str = "foi-text", policy: str = "") -> str:
    entry = (
        f'[[sources]]\nid = "{sid}"\npath = "{path}"\nformat = "{fmt}"\nbody = "Test Body"\n'
        f'reference = "T-{sid}"\nas_at = "2017-04-01"\nurl = "https://example.invalid/{sid}"\n'
    )
    return entry + (f"\n[sources.policy]\n{policy}\n" if policy else "")


@pytest.fixture
def make_source(tmp_path):
    """Write a document (bytes or text) and a manifest naming it; return the manifest's path."""

    def make(
        document: bytes | str, sid: str = "test-source", policy: str = "", name: str = "answer.txt"
    ) -> Path:
        data = document.encode("utf-8") if isinstance(document, str) else document
        (tmp_path / name).write_bytes(data)
        manifest = tmp_path / "sources.toml"
        manifest.write_text(manifest_entry(sid, name, policy=policy), encoding="utf-8")
        return manifest

    return make


#: Under CI a browser test may not skip: a machine without Chromium must fail, not pass quietly.
BROWSER_MARK = "browser"


def on_ci() -> bool:
    """Whether the tests run under CI (``CI=true``, as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", f"{BROWSER_MARK}: opens pages in headless Chromium; skips without it, fails under CI=true"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped browser test is a failure under CI=true, with the reason it would have skipped."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.get_closest_marker(BROWSER_MARK) is not None and on_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"CI=true: a browser test may not skip ({reason})"
