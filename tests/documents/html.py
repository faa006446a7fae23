"""Web pages built in the test: a datasets table inside a letter as WhatDoTheyKnow shows one.

:func:`table_page` renders the chrome a real page has around an answer (a banner, navigation, scripts
and styles, a small layout table with the reference and date, the letter's paragraphs, a footer) and the
datasets table with a ``<thead>`` and a ``<tbody>``; every body cell is a ``<p>`` whose text is wrapped
over indented source lines (white space a browser collapses), a line break in a text is a ``<br>``.
The datasets table is ``table 2`` of the page; ``extra_tables`` follow it as tables 3, 4...
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

#: A script whose text must never reach a cell: it holds a volume-like figure and table markup.
SCRIPT = "var volume = '999,999 records'; document.write('<table><tr><td>9,999</td></tr></table>');"


def _cell(text: str, tag: str, indent: str, paragraph: bool) -> str:
    """One cell: its text escaped, wrapped over indented source lines, ``\\n`` as ``<br>``."""
    lines = [
        textwrap.fill(html.escape(line, quote=False), 48, break_on_hyphens=False, break_long_words=False)
        for line in text.split("\n")
    ]
    body = "<br>\n".join(lines).replace("\n", "\n" + indent + "    ")
    if paragraph:
        body = f"<p>{body}</p>"
    return f"{indent}<{tag}>\n{indent}    {body}\n{indent}</{tag}>"


def _table(header: Sequence[str] | None, rows: Sequence[Sequence[str]], attrs: str = "") -> list[str]:
    out = [f"<table{attrs}>"]
    if header is not None:
        out += ["  <thead>", "    <tr>"]
        out += [_cell(h, "th", "      ", paragraph=False) for h in header]
        out += ["    </tr>", "  </thead>"]
    out.append("  <tbody>")
    for row in rows:
        out.append("    <tr>")
        out += [_cell(text, "td", "      ", paragraph=True) for text in row]
        out.append("    </tr>")
    out += ["  </tbody>", "</table>"]
    return out


def table_page(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str = "Bulk personal datasets held by the Department",
    extra_tables: Sequence[Sequence[Sequence[str]]] = (),
    encoding: str = "utf-8",
) -> bytes:
    """A page holding ``header`` and ``rows`` as its datasets table (``table 2``), encoded in ``encoding``
    (declared in a ``<meta charset>``)."""
    page = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        f'  <meta charset="{encoding}">',
        f"  <title>{html.escape(title)} - a Freedom of Information request</title>",
        "  <style>td { padding: 4px; } .hidden-volume::after { content: '12 TB'; }</style>",
        f"  <script>{SCRIPT}</script>",
        "</head>",
        "<body>",
        '  <header class="banner"><a href="/">WhatDoTheyKnow</a>'
        " <span>Volume of requests: 1,000,000</span></header>",
        '  <nav><ul><li><a href="/">Home</a></li><li><a href="/list">Browse requests</a></li>'
        '<li><a href="/help">Help</a></li></ul></nav>',
        '  <div id="content">',
        f"  <h1>{html.escape(title)}</h1>",
        '  <div class="correspondence" id="incoming-1">',
        '  <table class="layout"><tr><td>Our reference: 2016-0027740</td><td>17 June 2016</td></tr></table>',
        "  <p>Dear Requester,</p>",
        "  <p>Thank you for your request for information, which was received on 20 May 2016.<br>",
        "  The datasets we hold are listed below.</p>",
        *_table(header, rows, attrs=' class="datasets" border="1"'),
    ]
    for extra in extra_tables:
        page += ["  <p>A further table:</p>", *_table(None, extra)]
    page += [
        "  <p>Yours sincerely,</p>",
        "  <p>Freedom of Information Team<br>Department for Education</p>",
        "  </div>",
        "  </div>",
        "  <aside><h2>Things to do with this request</h2>"
        '<form><button type="submit">Follow</button></form></aside>',
        "  <footer><p>Powered by Alaveteli. Volume of data held: 0</p></footer>",
        f"  <script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(page).encode(encoding)
