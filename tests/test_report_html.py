"""report.html, the page of a run: every dataset a row, every figure explained, hostile text inert.

Two kinds of test. The first read the page's bytes (lxml parses them as a browser would) and always
run: escaping, the Content-Security-Policy, a row per dataset, the figures written in full, the
validation and manifest sections, identical bytes from identical inputs. The second (marked
``browser``) open the page in Debian's headless Chromium, driven over the DevTools protocol
(``tests/browser.py``), and check what only a browser can: the DOM after the page's script ran,
filtering and sorting, an explanation opening on its span, no script of the documents' running,
no console error, no request leaving the page, the print layout. Without Chromium they skip, saying
so; under ``CI=true`` they fail instead (``tests/conftest.py``). ``UPDATE_GOLDEN=1`` also rewrites
the screenshots in ``docs/``, which are for people to look at and never compared.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

import duckdb
import lxml.html
import pytest

from pipeline.run import report, run
from pipeline.stages.report import HTML_REPORT

from .browser import Browser, find_chromium
from .conftest import FIXTURES, MINIMAL_ANSWER, ROOT, manifest_entry

#: A foi-text answer whose names, purposes and volume cells are markup meant to run.
HOSTILE_ANSWER = """Dear Requester,

Name of Dataset

Purpose of Dataset

Volume of Data Held
(as at 1 April 2017)

<script>alert("name")</script>

Holding <b>pupil</b> data "><svg onload=alert("purpose")> {{ 7*7 }}

Circa 5,000 personal records </details></td></tr></table><script>alert("volume")</script>

<img src=x onerror=alert("img")>

<img src="https://example.invalid/pixel.png"> shared drive

1.5 TB

Plain Register

Ordinary purpose.

Exact volume unknown.
"""
HOSTILE_BODY = 'Hostile <script>alert("body")</script> Council'
HOSTILE_MANIFEST = f"""[[sources]]
id = "hostile"
path = "answer.txt"
format = "foi-text"
body = '{HOSTILE_BODY}'
reference = '<iframe src="https://example.invalid/frame"></iframe>'
as_at = "2017-04-01"
url = 'javascript:alert("url")'
"""
HOSTILE_NAMES = ['<script>alert("name")</script>', '<img src=x onerror=alert("img")>', "Plain Register"]


@dataclass
class Page:
    """A run's report.html, with what its database says the page must show."""

    path: Path
    html: str
    datasets: list[dict]
    out: Path

    @property
    def tree(self) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(self.html)


def _dataset_rows(database: Path) -> list[dict]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        cursor = con.execute(
            "SELECT d.*, (SELECT string_agg(DISTINCT volume_text, ' ') FROM measures m "
            "WHERE m.source_id = d.source_id AND m.row = d.row) AS texts "
            "FROM datasets d ORDER BY source_id, row"
        )
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, dfe_manifest) -> dict[str, Page]:
    """The page of three runs: the DfE answer, the fixture with two bodies, and the hostile answer."""
    root = tmp_path_factory.mktemp("report")
    hostile = root / "hostile-input"
    hostile.mkdir()
    (hostile / "answer.txt").write_text(HOSTILE_ANSWER, encoding="utf-8")
    (hostile / "sources.toml").write_text(HOSTILE_MANIFEST, encoding="utf-8")
    found = {}
    for name, manifest in (
        ("dfe", dfe_manifest),
        ("two-bodies", FIXTURES / "sources.toml"),
        ("hostile", hostile / "sources.toml"),
    ):
        out = root / name
        run(manifest, out)
        path = out / HTML_REPORT
        found[name] = Page(path, path.read_text(encoding="utf-8"), _dataset_rows(out / "volumes.duckdb"), out)
    return found


PAGES = ["dfe", "two-bodies", "hostile"]


def text(element) -> str:
    return " ".join(element.text_content().split())


def cells(row) -> str:
    """A table row's text, its cells apart."""
    return " ".join(text(cell) for cell in row)


def row_names(tree) -> list[str]:
    """Each row's dataset name, as the page shows it (the name cell without its location line)."""
    names = tree.xpath("//table[@id='datasets-table']/tbody/tr/td[@class='name']")
    return [(cell.text or "").strip() for cell in names]


# --- the page's bytes ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_every_dataset_is_one_row_in_source_order(pages, name):
    page = pages[name]
    rows = page.tree.xpath("//table[@id='datasets-table']/tbody/tr")
    assert len(rows) == len(page.datasets) > 0
    assert row_names(page.tree) == [d["dataset_name"] for d in page.datasets]
    assert [r.get("id") for r in rows] == [f"d{n}" for n in range(1, len(rows) + 1)]


def test_hostile_text_is_escaped_and_adds_no_element(pages):
    page = pages["hostile"]
    tree = page.tree
    assert page.html.count("<script") == 1  # the page's own, at the end
    assert '<script>alert("name")</script>' not in page.html
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;" in page.html
    assert tree.xpath("//iframe | //object | //embed | //link | //base | //form") == []
    assert [img.get("src")[:22] for img in tree.xpath("//img")] == ["data:image/png;base64,"]  # the chart
    assert [el.tag for el in tree.iter() if any(a.lower().startswith("on") for a in el.attrib)] == []
    assert row_names(tree) == HOSTILE_NAMES
    purposes = [text(td) for td in tree.xpath("//td[@class='purpose']")]
    assert purposes[0] == 'Holding <b>pupil</b> data "><svg onload=alert("purpose")> {{ 7*7 }}'
    assert tree.xpath("//a[starts-with(@href, 'javascript')]") == []
    assert 'javascript:alert("url")' in text(tree.xpath("//section[@id='sources']")[0])
    assert text(tree.xpath("//article[@class='body']/h3")[0]).startswith(HOSTILE_BODY)


def test_the_policy_lets_only_the_pages_own_style_and_script_apply(pages):
    html = pages["dfe"].html
    head = html.split("</head>", 1)[0]
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert meta and head.index(meta.group(0)) < head.index("<style>")  # in force before anything loads
    policy = dict(d.split(" ", 1) for d in meta.group(1).replace("&#39;", "'").split("; "))
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    assert policy == {
        "default-src": "'none'",
        "img-src": "data:",
        "style-src": digest(style),
        "script-src": digest(script),
        "base-uri": "'none'",
        "form-action": "'none'",
    }


@pytest.mark.parametrize("name", PAGES)
def test_nothing_is_loaded_from_elsewhere(pages, name):
    tree = pages[name].tree
    assert [s for s in tree.xpath("//@src") if not s.startswith("data:")] == []
    links = tree.xpath("//a[@href]")
    assert [a.get("href") for a in links if not a.get("href").startswith(("#", "https://", "http://"))] == []
    assert {a.get("rel") for a in links if not a.get("href").startswith("#")} <= {"noreferrer noopener"}


def test_figures_are_written_in_full_with_their_qualifiers(pages):
    tree = pages["dfe"].tree
    tiles = [text(t) for t in tree.xpath("//div[contains(concat(' ', @class, ' '), ' tile ')]")]
    assert tiles == [
        "53 datasets listed 39 (73.6%) give a volume",
        "80,583,000 records sum of 24 reported figures, from 45.3% of the datasets; 22 not exact",
        "87.59 TB (87,590,000,000,000 bytes) sum of 13 reported figures, from 24.5% of the datasets",
        "467,300 records a year sum of 2 reported figures, from 3.8% of the datasets",
    ]
    row = tree.xpath("//tr[td[@class='name'][starts-with(., 'Office Exchange')]]")[0]
    figures = [text(td) for td in row.xpath("td[@class='num']")]
    assert figures == ["", "56 TB 56,000,000,000,000 bytes exact", ""]
    row = tree.xpath("//tr[td[@class='name'][starts-with(., 'Key to Success')]]")[0]
    assert text(row.xpath("td[@class='num']")[0]) == "19,654,000 approximate"


def test_a_range_shows_its_ends_and_a_bound_its_kind(pages):
    tree = pages["two-bodies"].tree
    legacy = tree.xpath("//tr[td[@class='name'][starts-with(., 'Legacy HR')]]/td[@class='num']")
    assert text(legacy[0]) == "25,000 range 20,000 to 30,000"
    visitors = tree.xpath("//tr[td[@class='name'][starts-with(., 'Visitor Log')]]/td[@class='num']")
    assert text(visitors[2]) == "78,267.86 upper bound"


def test_each_figure_is_explained_with_its_span_rule_policy_and_location(pages):
    tree = pages["two-bodies"].tree
    payroll = tree.xpath("//tr[td[@class='name'][contains(., 'Payroll')]]/td[@class='why']")[0]
    assert [text(m) for m in payroll.xpath(".//summary//mark")] == ["12,400 staff records", "35 GB"]
    figures = payroll.xpath(".//li[@class='figure']")
    assert [text(f.xpath("p[@class='span']/mark")[0]) for f in figures] == ["12,400 staff records", "35 GB"]
    assert text(figures[1]) == (
        "12,400 staff records; 35 GB "
        "secondary: storage 37.58 GB (37,580,963,840 bytes), exact "
        "surface “35 GB” at 22–27, rule number+storage, policy TB=2^40 B (binary)"
    )
    assert text(payroll.xpath(".//p[@class='where']")[0]) == "line 27, column “Volume (as at 31 March 2017)”"


def test_unparsed_cells_and_quarantined_rows_are_listed_with_reasons(pages):
    tree = pages["two-bodies"].tree
    unparsed = [cells(tr) for tr in tree.xpath("//h3[@id='unparsed']/following-sibling::table[1]/tbody/tr")]
    assert unparsed == [
        "example-2017 line 45 Customer Survey Volume (as at 31 March 2017) see annex B "
        "no number, unit or unknown phrase recognised"
    ]
    rows = tree.xpath("//h3[@id='quarantine']/following-sibling::table[1]/tbody/tr")
    quarantined = [cells(tr) for tr in rows]
    assert quarantined == [
        "example-2017 line 51 extract Case Tracker Circa 10,000 records "
        "dataset name repeated within the source"
    ]


def test_validation_summary_gives_each_boundary_and_the_failing_checks(pages):
    tree = pages["two-bodies"].tree
    section = tree.xpath("//section[@id='validation']")[0]
    assert [[text(c) for c in tr] for tr in section.xpath(".//tbody/tr")] == [
        [
            "extract → parse",
            "ExtractedRows: datasets read from the documents",
            "62",
            "61",
            "1",
            "dataset name repeated within the source (1)",
        ],
        ["parse → load", "Figures: datasets whose figures were read", "61", "61", "0", "none"],
    ]
    assert "62 extracted = 61 loaded + 1 quarantined" in text(section)


def test_the_run_manifest_is_in_the_page(pages):
    page = pages["two-bodies"]
    manifest = json.loads((page.out / "manifest.json").read_text(encoding="utf-8"))
    rows = [cells(tr) for tr in page.tree.xpath("//section[@id='sources']//table/tbody/tr")]
    for name, entry in manifest["inputs"].items():
        assert f"{name} {entry['path']} {entry['sha256']}" in rows
    for name, version in manifest["versions"].items():
        assert f"{name} {version}" in rows
    assert manifest["outputs"][HTML_REPORT] == hashlib.sha256(page.path.read_bytes()).hexdigest()


def test_the_report_stage_alone_rewrites_the_same_page(pages):
    """From the database and the run's manifest, ``report`` gives the bytes ``run`` gave (two runs giving
    the same page is tests/test_robustness.py's two-runs test)."""
    page = pages["hostile"]
    report(page.out)
    assert page.path.read_bytes() == page.html.encode("utf-8")


def test_sources_left_out_by_keep_going_are_named(tmp_path):
    (tmp_path / "good.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(manifest_entry("good", "good.txt") + manifest_entry("bad", "bad.xlsx", fmt="xlsx"))
    tables, _ = run(manifest, tmp_path / "out", keep_going=True)
    tree = lxml.html.fromstring((tmp_path / "out" / HTML_REPORT).read_text(encoding="utf-8"))
    assert text(tree.xpath("//h3[@id='failed']")[0]) == "Sources left out (1)"
    assert [text(li) for li in tree.xpath("//h3[@id='failed']/following-sibling::ul[1]/li")] == [
        str(tables.failed[0])
    ]
    assert row_names(tree) == ["Pupil Records", "File Share"]


def test_a_run_bigger_than_a_page_shows_its_largest_datasets_and_counts_the_rest(pages):
    import duckdb

    from pipeline.stages.html_report import render_report, report_data

    con = duckdb.connect(str(pages["two-bodies"].out / "volumes.duckdb"), read_only=True)
    try:
        data = report_data(con, {}, max_datasets=3)
    finally:
        con.close()
    assert data["totals"]["datasets"] == 61
    names = [d["dataset_name"] for d in data["datasets"]]
    assert sorted(names) == sorted(
        [
            "Nation Pupil Database-Achievement and Attainment Tables",
            "Office Exchange (Outlook)",
            "School to School (S2S)",
        ]
    )  # the largest by records, by storage and by records a year
    html = render_report(data, None)
    assert "This page shows the 3 largest (by records, storage and records a year)" in html
    assert "61 datasets loaded" in html


def test_a_database_with_nothing_loaded_gives_a_page_that_says_so():

    import schemas
    from pipeline.stages.html_report import render_report, report_data

    con = duckdb.connect()
    for name in schemas.DDL:
        con.execute(schemas.sql(name))
    tree = lxml.html.fromstring(render_report(report_data(con, {}), None))
    assert row_names(tree) == []
    assert "No body: the run loaded no dataset." in text(tree)
    assert "No chart was drawn." in text(tree)


def test_the_page_is_whole_without_its_script(pages):
    tree = pages["dfe"].tree
    assert tree.xpath("//div[@id='controls']")[0].get("hidden") is not None  # shown by the script
    assert len(tree.xpath("//table[@id='datasets-table']/tbody/tr[@hidden]")) == 0


# --- in a browser ---------------------------------------------------------------------------------

browser_test = pytest.mark.browser

#: Run ahead of the page's own script: records what a payload would call or the policy would refuse.
WATCHERS = """
window.__calls = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__calls.push(name + ": " + args.join(" ")); };
}
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""
VISIBLE_NAMES = """Array.from(document.querySelectorAll("#datasets-table tbody tr"))
  .filter((row) => row.checkVisibility())
  .map((row) => row.querySelector("td.name").firstChild.textContent.trim())"""


@pytest.fixture(scope="module")
def chromium():
    executable = find_chromium()
    if executable is None:
        pytest.skip("no chromium on this machine: `apt-get install chromium` (.ci/run installs it)")
    with Browser(executable, width=1400, height=1000) as browser:
        browser.call("Page.addScriptToEvaluateOnNewDocument", source=WATCHERS)
        yield browser


def opened(chromium: Browser, page: Page) -> Browser:
    chromium.open(page.path)
    return chromium


def _matches(dataset: dict, words: list[str]) -> bool:
    shown = " ".join(
        str(dataset[k] or "") for k in ("body", "dataset_name", "source_id", "location", "purpose", "texts")
    ).lower()
    return all(w in shown for w in words)


@browser_test
@pytest.mark.parametrize("name", PAGES)
def test_after_the_script_ran_the_dom_has_one_row_per_dataset(chromium, pages, name):
    page = pages[name]
    browser = opened(chromium, page)
    assert browser.evaluate(VISIBLE_NAMES) == [d["dataset_name"] for d in page.datasets]
    assert browser.evaluate("document.getElementById('controls').checkVisibility()") is True
    n = len(page.datasets)
    assert browser.evaluate("document.getElementById('shown').textContent") == f"{n} of {n} datasets"


@browser_test
@pytest.mark.parametrize(
    ("name", "typed"),
    [("dfe", "pupil"), ("two-bodies", "example"), ("two-bodies", "  Circa   RECORDS ")],
    ids=["dfe-pupil", "two-bodies-example", "two-bodies-two-words"],
)
def test_filtering_by_words_leaves_the_rows_that_have_them(chromium, pages, name, typed):
    page = pages[name]
    browser = opened(chromium, page)
    browser.type_text("#filter", typed)
    expected = [d["dataset_name"] for d in page.datasets if _matches(d, typed.lower().split())]
    assert 0 < len(expected) < len(page.datasets)
    assert browser.evaluate(VISIBLE_NAMES) == expected
    shown = browser.evaluate("document.getElementById('shown').textContent")
    assert shown == f"{len(expected)} of {len(page.datasets)} datasets"
    browser.evaluate(
        "const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'))"
    )
    assert len(browser.evaluate(VISIBLE_NAMES)) == len(page.datasets)


@browser_test
def test_sorting_by_records_puts_the_largest_first_and_datasets_without_records_last(chromium, pages):
    page = pages["dfe"]
    browser = opened(chromium, page)
    button = "document.querySelectorAll('#datasets-table thead button')[3]"
    assert browser.evaluate(f"{button}.textContent") == "Records"
    with_records = [d for d in page.datasets if d["records"] is not None]
    descending = sorted(with_records, key=lambda d: -d["records"])
    without = [d["dataset_name"] for d in page.datasets if d["records"] is None]
    browser.evaluate(f"{button}.click()")
    assert browser.evaluate(VISIBLE_NAMES) == [d["dataset_name"] for d in descending] + without
    browser.evaluate(f"{button}.click()")
    ascending = sorted(with_records, key=lambda d: d["records"])  # ties stay in the page's order
    assert browser.evaluate(VISIBLE_NAMES) == [d["dataset_name"] for d in ascending] + without
    sort = "document.querySelectorAll('#datasets-table thead th')[3].getAttribute('aria-sort')"
    assert browser.evaluate(sort) == "ascending"


@browser_test
def test_opening_a_figures_explanation_shows_its_span(chromium, pages):
    browser = opened(chromium, pages["two-bodies"])
    row = (
        "Array.from(document.querySelectorAll('#datasets-table tbody tr'))"
        ".find((r) => r.cells[1].firstChild.textContent.trim() === 'Case Tracker')"
    )
    marks = f"Array.from(({row}).querySelectorAll('li.figure mark'))"
    assert browser.evaluate(f"{marks}.map((m) => m.checkVisibility())") == [False, False]
    browser.evaluate(f"({row}).querySelector('summary').click()")
    assert browser.evaluate(f"{marks}.filter((m) => m.checkVisibility()).map((m) => m.textContent)") == [
        "Approximately 2.5 million cases",
        "400,000",
    ]
    details = browser.evaluate(f"({row}).querySelector('details').innerText")
    assert "rule hedge+number+scale+count" in details and "rule subset+number+inherit" in details
    assert "line 21" in details


@browser_test
def test_a_link_to_a_row_opens_its_explanation(chromium, pages):
    page = pages["dfe"]
    chromium.open(page.path)
    chromium.evaluate("location.hash = '#d5'")
    assert chromium.evaluate("document.querySelector('#d5 details').open") is True


@browser_test
def test_hostile_names_are_text_in_the_dom_and_none_of_their_scripts_ran(chromium, pages):
    browser = opened(chromium, pages["hostile"])
    browser.evaluate("document.querySelectorAll('#datasets-table summary').forEach((s) => s.click())")
    assert browser.evaluate(VISIBLE_NAMES) == HOSTILE_NAMES
    assert browser.evaluate("window.__calls") == []
    assert browser.dialogs() == []
    assert browser.evaluate("window.__violations") == []
    assert browser.evaluate("document.scripts.length") == 1
    added = "document.querySelectorAll('iframe, img:not(figure img), svg:not(.shares)').length"
    assert browser.evaluate(added) == 0
    cell = browser.evaluate("document.querySelector('#d1 td.why summary').textContent")
    assert cell == 'Circa 5,000 personal records </details></td></tr></table><script>alert("volume")</script>'
    assert browser.console_errors() == []


@browser_test
@pytest.mark.parametrize("name", PAGES)
def test_no_console_error_and_no_request_leaves_the_page(chromium, pages, name):
    page = pages[name]
    browser = opened(chromium, page)
    browser.type_text("#filter", "a")
    browser.evaluate("document.querySelectorAll('#datasets-table thead button').forEach((b) => b.click())")
    browser.evaluate("document.querySelectorAll('#datasets-table summary').forEach((s) => s.click())")
    assert browser.console_errors() == []
    own = page.path.resolve().as_uri()
    assert [url for url in browser.requests() if url != own and not url.startswith("data:")] == []


@browser_test
def test_printed_the_controls_are_hidden_and_every_row_is_on_a4_landscape(chromium, pages):
    import pdfplumber

    browser = opened(chromium, pages["two-bodies"])
    browser.type_text("#filter", "example")
    browser.call("Emulation.setEmulatedMedia", media="print")
    try:
        display = "[document.getElementById('controls'), document.querySelector('nav')]"
        assert browser.evaluate(f"{display}.map((e) => getComputedStyle(e).display)") == ["none", "none"]
        # the filter hid rows; on paper every row is there
        assert len(browser.evaluate(VISIBLE_NAMES)) == len(pages["two-bodies"].datasets)
        pdf = base64.b64decode(browser.call("Page.printToPDF", preferCSSPageSize=True)["data"])
    finally:
        browser.call("Emulation.setEmulatedMedia", media="")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert (round(document.pages[0].width), round(document.pages[0].height)) == (842, 595)  # A4 landscape


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@browser_test
def test_screenshots_for_people_to_look_at(chromium, pages, tmp_path):
    """The top of the DfE page, and its table filtered with an explanation open. Not compared: written
    to the test's folder, and to docs/ with UPDATE_GOLDEN=1."""
    browser = opened(chromium, pages["dfe"])
    shots = {"report.png": browser.screenshot()}
    browser.type_text("#filter", "pupil")
    browser.evaluate("document.querySelector('#datasets-table tbody tr:not([hidden]) summary').click()")
    top = browser.evaluate("document.getElementById('datasets').getBoundingClientRect().top + scrollY")
    shots["report-datasets.png"] = base64.b64decode(
        browser.call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": top - 10, "width": 1400, "height": 900, "scale": 1},
        )["data"]
    )
    for filename, data in shots.items():
        assert png_size(data) == (1400, 1000 if filename == "report.png" else 900)
        (tmp_path / filename).write_bytes(data)
        if os.environ.get("UPDATE_GOLDEN"):
            (ROOT / "docs" / filename).write_bytes(data)


# --- the rule that a browser test may not skip under CI ------------------------------------------------

SKIPPING = """
import pytest

@pytest.mark.browser
def test_in_a_browser():
    pytest.skip("no chromium on this machine")

def test_elsewhere():
    pytest.skip("not a browser test")
"""


@pytest.mark.parametrize(
    ("ci", "exit_code", "outcome"),
    [("true", 1, "1 failed, 1 skipped"), ("", 0, "2 skipped")],
    ids=["CI=true-fails", "locally-skips"],
)
def test_a_skipped_browser_test_fails_under_ci(tmp_path, ci, exit_code, outcome):
    import subprocess
    import sys

    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_configure, pytest_runtest_makereport  # noqa: F401\n",
        encoding="utf-8",
    )
    (tmp_path / "test_skips.py").write_text(SKIPPING, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": ci}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == exit_code, result.stdout
    assert outcome in result.stdout.splitlines()[-1]
    if ci:
        assert "CI=true: a browser test may not skip (no chromium on this machine)" in result.stdout
