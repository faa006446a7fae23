"""Matches -> figures: :func:`parse_volume` reads what the scanner of :mod:`.grammar` found in a text.

Each match is a figure, an ignored number or a whole-cell phrase. :func:`_figure` gives a figure
its kind (its unit, else the kind of the figure before it, else the ``bare_number`` policy), value,
bounds and rule; a unit such as "systems", "%" or "years" sets it aside as no volume, and so do a
plain year and a stray number word. :func:`parse_volume` picks the primary.

Pure functions, no I/O. Pint is only consulted through the cached factors in :mod:`.units`.
Written for speed: this runs for every cell, once per figure, so it stays short and flat.
"""

from __future__ import annotations

import re
from typing import Any

from . import units, vocab
from .grammar import Grammar, grammar, phrase_key
from .model import DEFAULT_POLICY, Figure, Parse, Policy
from .numbers import digits_value, has_magnitude, is_vague, is_year_like, words_value

_STOCKS = ("records", "storage")
#: Which whole-cell phrase stands for a cell that has several: "None - withheld" is withheld.
_PHRASE_RANK = {"zero": 0, "unknown": 1, "withheld": 2}
_QUALIFIER_TAIL = " \t\n\r\f\v:"
_DAY_PERIODS = frozenset({"day", "week", "hour"})
_RATE_OF = {"records": ("record_rate", "record / year"), "storage": ("storage_rate", "byte / year")}
#: A figure with no unit of its own takes the kind of the one before it, a stock for a rate
_INHERITED = {"record_rate": "records", "storage_rate": "storage"}
_RATE_KINDS = frozenset(_INHERITED)
#: What joins the figures of a list: "280,000 invitations and 140,000 records per year"
_BACKWARD_JOINTS = frozenset({"and", ", and", "&", ", &"})
_FORWARD_JOINTS = frozenset({","})
#: What stands between a figure and its year in a dated series: "2698 in 2015", "1.4 million (2016)",
#: "2015: 1,000"
_YEAR_AFTER = frozenset({"", "in", "(", "-", "–", ",", "for", "during", "as at", "(as at", "at"})
_YEAR_BEFORE = frozenset({"", ":", "-", "–", "in", "in:"})
_INFINITY = float("inf")
_TWO_DECIMAL_MARKS = "a number with two decimal marks, or a point after its exponent (no number reads so)"
_BIT_NOTE = "bit=1/8 B"
_BILLION_NOTE = "b=10^9 (a billion, not a byte)"
_KELVIN_OR_THOUSANDS = "a K after hundredths, with no unit: a temperature as much as thousands"
_INCH_MARKS = frozenset('"″')
_WORD_OR_SPACE = frozenset(" \t\n\u00a0abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_MIXED_FRACTION = re.compile(r" [0-9]{1,3}/[0-9]{1,3}(?![0-9])")
_new = tuple.__new__  # builds a named tuple from a ready tuple, skipping its argument handling
#: A figure as read, with what the figures around it may take from it: its unit's size (for a bare
#: number after it), and the periods in a year and the year's note if it is a rate (0.0 and "" if not).
Draft = tuple[Figure, float, float, str]
_G: Grammar | None = None


def parse_volume(text: object, policy: Policy = DEFAULT_POLICY) -> Parse:
    """Read every volume figure in ``text``. Never raises on text: unreadable text is ``unparsed``.

    >>> p = parse_volume("Circa 85,000 personal records, with circa 54,000 in the public domain")
    >>> [(f.kind, f.value, f.qualifier, f.role) for f in p.figures]
    [('records', 85000.0, 'approximate', 'primary'), ('records', 54000.0, 'approximate', 'secondary')]
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    stripped = low.strip()
    if stripped in vocab.UNKNOWN_PLACEHOLDERS:
        if not stripped:
            return Parse(text, (no_value(text, "unparsed", "empty text", "empty"),))
        return Parse(text, (no_value(text, "unknown", f"placeholder {text.strip()!r}", "placeholder"),))

    g = _G or _load()
    drafts: list[Draft] = []
    ignored: list[tuple[int, int, str]] = []
    phrase = None
    closing: list[re.Match] | None = None  # rate phrases no figure took, each closing a clause
    for m in g.scan.finditer(low):
        kind = m.lastgroup or ""
        if kind in g.figure_names:
            _figure(m, text, stripped, policy, g, drafts, ignored)
        elif kind == "phrase":
            key = phrase_key(m.group())
            if phrase is None or _PHRASE_RANK[g.phrases[key]] > _PHRASE_RANK[g.phrases[phrase[2]]]:
                phrase = (m.start(), m.end(), key)
        elif kind == "crate":
            closing = [*closing, m] if closing else [m]
        elif kind in g.families:  # a rarer number set aside, its group shared: which member, and so why
            member = g.families[kind].match(low, m.start())  # matches: the scanner's group did, here
            why = g.ignored_reasons.get((member and member.lastgroup) or "", "a number set aside")
            ignored.append((*m.span(), why))
        else:
            ignored.append((*m.span(), g.ignored_reasons[kind]))
    if len(drafts) == 1:
        if closing:  # "... records of admitted patient care each year."
            drafts = _clauses(drafts, closing, low, policy, g)
        figures: tuple[Figure, ...] = (drafts[0][0],)
    elif drafts:
        figures = _roles(_clauses(drafts, closing, low, policy, g), low, ignored, g)
    else:
        figures = (_no_figure(text, phrase, ignored, g),)
    return _new(Parse, (text, figures, tuple(ignored) if ignored else ()))


def _load() -> Grammar:
    """The grammar, compiled on the first parse."""
    global _G
    _G = grammar()
    return _G


def _figure(
    m: re.Match, text: str, stripped: str, policy: Policy, g: Grammar, drafts: list, ignored: list
) -> None:
    """Read the figure matched by ``m`` into ``drafts`` (or, if it is not a volume, into ``ignored``).

    Written for speed: this runs once per figure, so the common path (a number and a unit) is kept
    short and the rarer parts (bounds, hedges, ranges, rates, bare numbers) sit behind one test each.
    """
    groups = m.groups()[g.figure_groups]
    lead, qual, btw, times, n1, s1, u1, n2, s2, u2, pm, plus, gap, u, rate, after, ratio = groups
    n1_start = m.start(g.n1_group)
    start = m.start(g.times_group) if times else n1_start
    end = m.end()
    # the unit (a rate may stand where the unit would: "800 per month"); some say it is no volume
    unit: str | None = u2 or u
    unit_kind: str | None
    payload: Any
    if unit is None:
        unit_kind = payload = None
    else:
        unit_kind, payload = g.units.get(unit) or g.units[phrase_key(unit)]
        if unit_kind == "rate":
            rate, unit, unit_kind = unit, None, None
        elif unit_kind == "nonvol":
            ignored.append((start, end, payload))
            return
        elif unit in g.storage_or_scale and u2 is None and not s1 and text[m.start(g.unit_group)] == unit:
            # "c.1.5b": written lower-case, b is a billion; B is a byte (s1 first: mypyc would check
            # the right-hand unit of a tuple assignment against the None the left gives it)
            s1 = unit
            unit = unit_kind = None
    # what is rare about the figure, in one place so the common path tests it once: [what the rule adds
    # (a correction), where the span ends (a word after the number joins it), why the figure is refused
    # though it reads (kept, unparsed, with the reason), whether a b was read as a billion]
    odd: list | None = None
    if (gap or u is None) and not (s1 or s2 or u1):  # the word after the number, where a unit belongs
        at = m.end(g.n2_group) if n2 else n1_start + len(n1)
        w = g.next_word.match(text, at) if at < len(text) and text[at] in _WORD_OR_SPACE else None
        if w is not None and (word := w.group(1).lower()) not in g.known:
            target, why, word_end = _word_after(word, w, at, unit is not None, g)
            if why is not None:
                odd = ["", word_end, why, False]
            elif target is not None:  # "5 milion records", "2.5 millon", "40 gigbytes"
                what, meaning = g.corrections[target]
                if what != "scale":
                    unit, unit_kind, payload = target, what, meaning
                elif n2:
                    s2 = target
                else:
                    s1 = target
                odd = [f"+corrected({word}->{target})", word_end, None, False]
    if ratio:
        ignored.append((start, end, "a ratio"))
        return
    words = n1[0].isalpha() and not n1.startswith("point")  # "point 77" is digits
    vague = words and is_vague(n1)  # "several thousand", "thousands of": a lower bound
    if unit is None and rate is None and qual is None and not s1 and not s2 and not plus:
        why = _stray(n1, n2, btw, words, vague, times, stripped, text, end, policy.column_unit is not None)
        if why:
            ignored.append((start, end, why))
            return
    if lead is not None and rate is None and _opens_clause(text, m.start(g.lead_group)):
        rate = lead  # "Each year approximately 5,000 records"
    else:
        lead = None  # "updated every day, 5,000 records": a stock updated daily

    # qualifiers: before the number (a run of phrases; the span starts at the first that is not a
    # subset marker) and after it
    approximate = subset = capacity = order = False
    bound = None
    if lead or qual or btw or after or pm:
        if pm:  # "50,000 +/- 10,000": about 50,000
            approximate = True
        if qual:
            meaning = g.qualifiers.get(qual.rstrip(_QUALIFIER_TAIL))  # usually a single qualifier
            if meaning == "subset":
                subset = True
            elif meaning is not None:
                start = m.start(g.qual_group)
                if meaning == "approximate":
                    approximate = True
                else:
                    bound = meaning
            else:
                approximate, bound, subset, offset = _qualifiers(qual, g)
                if offset is not None:
                    start = m.start(g.qual_group) + offset
        if btw:
            start = min(start, m.start(g.btw_group))
        if lead:
            start = m.start(g.lead_group)
        if after:
            meaning = g.qualifiers.get(after) or g.qualifiers[phrase_key(after)]
            if meaning == "approximate":
                approximate = True
            else:
                bound = meaning
        if bound == "capacity":  # "capacity of 50 TB": at most, and no stand-in for the cell
            bound, capacity = "upper_bound", True
        elif bound == "order":  # "into the hundreds of thousands": an order of magnitude, if vague
            bound, order = None, True
            if not vague:  # "in the 12 months to March": no qualifier at all
                order, start = False, n1_start

    # the number, its scale, and the other end of a range
    value: float | None
    unit_name: str | None
    low_end: float | None
    high_end: float | None
    low_end = high_end = None
    if words:
        value, rule = words_value(n1), "vague" if vague else "words"
        if value != value:  # NaN: words out of the order numbers are spoken in
            value, odd = 0.0, ["", end, "number words out of order (no number reads so)", False]
        elif order:  # the vague amount's least is twice its order of magnitude
            low_end, high_end = value / 2, value * 5 - 1
            rule += "+order"
    elif n1.isdigit():
        value, rule = float(n1), "number"
        if len(n1) > 15 and value < _INFINITY and int(n1) != int(value):  # inf: refused below
            odd = ["", end, "a number with more digits than can be kept exactly", False]
    else:
        value, rule = digits_value(n1)
        if value != value:  # NaN: "2,5 point 3"
            value, odd = 0.0, ["", end, _TWO_DECIMAL_MARKS, False]
    if s1:
        value *= g.scales.get(s1) or g.scales[phrase_key(s1)]
        rule += "+scale"
        if s1 == "k":
            if unit is None and len(n1.partition(".")[2]) > 1:  # "573.15K": kelvin or thousands?
                odd = ["", end, _KELVIN_OR_THOUSANDS, False]
        elif s1 == "b":  # "2.5b records", "c.1.5b": lower-case b is a billion in FOI text
            odd = odd or ["", end, None, False]
            odd[3] = True
    if n2:
        low_end, high_end, rule = _range(n1, s1, n2, s2, words, value, rule, g)
        if s2 == "b":
            odd = odd or ["", end, None, False]
            odd[3] = True
    if times:  # "3 x 2TB": three of the same
        k = float(times)
        value *= k
        if low_end is not None and high_end is not None:
            low_end, high_end = low_end * k, high_end * k
        rule = "times+" + rule

    # the kind: from the unit, else from the figure before, else by policy
    if unit_kind == "count":
        kind, unit_name, factor, note, reason, assumed = "records", "record", 1.0, "", None, False
        rule += "+count"
    elif unit_kind == "storage" or unit_kind == "bits":
        prefix, binary = payload
        kind, unit_name, note, reason, assumed = "storage", "byte", "", None, False
        factor = units.bytes_per(prefix, binary or policy.storage_prefixes == "binary")
        rule += "+storage"
        if prefix and not binary:
            note = policy.storage_note
        if unit_kind == "bits":  # "100 Mbit": bits, counted in bytes
            factor /= 8
            rule += "+bits"
            note = f"{_BIT_NOTE}; {note}" if note else _BIT_NOTE
        if u1 is not None and low_end is not None:  # 500GB to 1TB: each end in its own unit
            prefix1, binary1 = (g.units.get(u1) or g.units[phrase_key(u1)])[1]
            low_end *= units.bytes_per(prefix1, binary1 or policy.storage_prefixes == "binary") / factor
    elif unit_kind == "items":  # "40,000 web pages": shown, never added to records
        kind, unit_name, factor, note, reason, assumed = "items", "item", 1.0, "", None, False
        rule += "+items"
    else:
        kind, unit_name, factor, note, reason, assumed, how = _from_context(drafts, policy)
        rule += how

    # a rate makes records a year
    stock_factor = factor
    per_year, year_note = 0.0, ""
    if rate is not None:
        rule += "+rate"
        period = g.rates.get(rate) or g.rates[phrase_key(rate)]
        if kind == "storage" and unit_kind is None:  # "5 TB (854 a day)": 854 what? Not terabytes
            kind, reason = "unparsed", "a rate with no unit of its own after a storage figure"
        elif kind == "records" or kind == "storage":  # records a year; bytes a year (an archive's growth)
            kind, unit_name = _RATE_OF[kind]
            per_year, year_note = _per_year(period, policy)
            factor *= per_year
            if year_note:
                note = f"{note}; {year_note}" if note else year_note
        elif kind == "items":
            kind, reason = "unparsed", "a rate of items (files, pages) is no volume held"

    # value, bounds and qualifier
    lower: float | None
    upper: float | None
    if low_end is not None and high_end is not None:
        lower, upper = low_end * factor, high_end * factor
        if upper < lower:
            lower, upper = upper, lower
        value = lower + (upper - lower) / 2
        qualifier = "range"
    else:
        value *= factor
        lower = upper = value
        qualifier = "exact"
        if plus or bound or approximate or vague:
            if plus or bound == "lower_bound" or (vague and not bound):
                qualifier, upper = "lower_bound", None
                if plus and bound is None:
                    rule += "+plus"
            elif vague:  # "up to tens of thousands": its least says nothing of its most
                kind, reason = "unparsed", "a vague amount cannot bound from above"
            elif bound == "upper_bound":
                qualifier, lower = "upper_bound", None
            else:
                qualifier, lower, upper = "approximate", None, None
    if bound or approximate or subset:
        if bound:
            rule = ("capacity+bound+" if capacity else "bound+") + rule
        if approximate:
            rule = "hedge+" + rule
        if subset and any(not d[0].subset for d in drafts):
            rule = "subset+" + rule
        else:
            subset = False
    if odd is not None:
        rule += odd[0]
        end = max(end, odd[1])
        if odd[3]:
            note = f"{note}; {_BILLION_NOTE}" if note else _BILLION_NOTE
        if odd[2] is not None:
            kind, reason = "unparsed", odd[2]
    if kind == "unparsed":
        value = lower = upper = unit_name = None
        qualifier = "unknown"
    elif not (value < _INFINITY and (upper is None or upper < _INFINITY)):  # an overflow (inf, or nan)
        nan = value != value or (lower is not None and lower != lower)  # a range's end: "1 - 2,5 point 3"
        kind, unit_name, value, lower, upper, qualifier = "unparsed", None, None, None, None, "unknown"
        reason = _TWO_DECIMAL_MARKS if nan else "a number too large to be a volume"
    figure = _new(
        Figure,
        (
            kind,
            value,
            unit_name,
            lower,
            upper,
            qualifier,
            "primary",
            start,
            end,
            rule,
            text[start:end],
            subset,
            assumed,
            note,
            reason,
        ),
    )
    drafts.append((figure, stock_factor, per_year, year_note))


def _word_after(
    word: str, w: re.Match, at: int, has_unit: bool, g: Grammar
) -> tuple[str | None, str | None, int]:
    """An unknown word where a scale or unit belongs: the vocabulary word it is a near miss of, or why
    the figure is refused (None when the word only describes the unit after it: "2,000 new records"),
    and where the figure's span ends."""
    near = g.speller.nearest(word)
    if len(near) == 1:
        return near[0], None, w.end(1)
    if near:  # near two words that mean different things: no guess
        return None, f"{word!r} is as near {' as '.join(map(repr, near))}", w.end(1)
    if w.start(1) == at or len(word) < 3:  # "30 l", "5q": a unit not in the vocabulary
        return None, f"an unknown unit or scale {word!r} after the number", w.end(1)
    if word.endswith(g.scale_endings):  # "5 gazillion records"
        return None, f"an unknown scale word {word!r}", w.end(1)
    if not has_unit:  # "5 widgets": no unit anywhere, so this word is where it belongs
        return None, f"an unknown word {word!r} after the number, where a unit belongs", w.end(1)
    return None, None, at


def _stray(
    n1: str,
    n2: str | None,
    btw: str | None,
    words: bool,
    vague: bool,
    times: str | None,
    stripped: str,
    text: str,
    end: int,
    column: bool,
) -> str | None:
    """Why a plain number (no unit, qualifier, scale, rate or "+") is no figure, or None if it is one.
    In a column whose header names the unit (``column``), a number word that is the whole cell is one."""
    if n2 is not None and is_year_like(n1) and is_year_like(n2):  # 2010-2015, between 2010 and 2016
        return "a range of years"
    if vague and not (column and n1 == stripped):
        return "a vague amount with no unit"  # "Thousands: 5.2", "several million (2.3 million)"
    if times:
        return "a product with no unit"  # "24x7", "800 x 600"
    if btw is None:
        if n2 is None and is_year_like(n1) and stripped != n1:
            return "a year"
        if _MIXED_FRACTION.match(text, end):
            return "a whole number and a fraction with no unit"  # "2 1/2 in"
        if words and n2 is None and not has_magnitude(n1) and not (column and n1 == stripped):
            return "a number word with no unit"  # "held in one place"
        after = text[end : end + 1]
        if after.isalpha():
            return "a number run into letters"  # "1.2e6", "3x", "A4"
        if after in _INCH_MARKS:
            return "a length in inches"  # '9"', as peers' unit suites write it
    return None


def _opens_clause(text: str, at: int) -> bool:
    """Whether ``text`` has nothing before ``at`` but white space or the end of a clause."""
    before = text[:at].rstrip()
    return not before or before[-1] in ";:.(\n"


def _range(
    n1: str, s1: str | None, n2: str, s2: str | None, words: bool, value: float, rule: str, g: Grammar
) -> tuple[float, float, str]:
    """The two ends of a range ``n1 [s1] - n2 [s2]`` (``value`` is n1's, scaled), and the rule so far."""
    if not n2[0].isalpha():
        second, second_scale = digits_value(n2)[0], 1.0
        if n1.isdigit() and "," in n2 and not s1 and not s2:  # "4-5,000": thousands shared by both ends
            shared = 1000.0 ** n2.count(",")
            if second / 10 <= value * shared < second:
                value *= shared
                rule += "+shared-thousands"
    else:  # "two to three million": the last magnitude word scales both ends
        second, second_scale = words_value(n2), vocab.MAGNITUDES.get(n2.rsplit(None, 1)[-1], 1.0)
    if s2:
        second_scale = g.scales.get(s2) or g.scales[phrase_key(s2)]
        second *= second_scale
    if not s1 and not (words and has_magnitude(n1)):  # "10-15 million"
        value *= second_scale
    return value, second, rule + "+range"


def _per_year(period: str, policy: Policy) -> tuple[float, str]:
    """How many of ``period`` make a year under ``policy``, and the note that records the year's length
    when it shapes the figure (days, weeks, hours; working days), else ""."""
    if period == "working day":  # "per working day": the policy's working year
        return policy.working_days_per_year, policy.working_year_note
    return units.per_year(period, policy.days_per_year), policy.year_note if period in _DAY_PERIODS else ""


def _from_context(drafts: list[Draft], policy: Policy) -> tuple:
    """The kind of a number with no unit: that of the last figure before it with a kind, else the
    ``bare_number`` policy's. Returns kind, unit, factor, note, reason, whether the unit is assumed,
    and the rule."""
    for stock, factor, _, _ in reversed(drafts):
        if stock.kind != "unparsed":
            kind = _INHERITED.get(stock.kind, stock.kind)
            if kind == "storage":
                return kind, "byte", factor, stock.policy, None, stock.assumed_unit, "+inherit"
            if kind == "items":
                return kind, "item", 1.0, "", None, False, "+inherit"
            return (
                kind,
                "record",
                1.0,
                "bare number=records" if stock.assumed_unit else "",
                None,
                stock.assumed_unit,
                "+inherit",
            )
    if policy.column_unit is not None:
        return _column_unit(policy)
    if policy.bare_number == "records":
        return "records", "record", 1.0, "bare number=records", None, True, "+bare"
    return (
        "unparsed",
        "record",
        1.0,
        "",
        "a number with no unit (policy bare_number=unparsed)",
        False,
        "+bare",
    )


def _column_unit(policy: Policy) -> tuple:
    """A bare number read in the unit its column header names ("Size (GB)": 250 is 250 GB)."""
    unit = policy.column_unit
    note = f"unit from the column header={unit}"
    if unit == "records":
        return "records", "record", 1.0, note, None, True, "+column"
    prefix, binary = vocab.STORAGE_UNITS[unit or ""]
    factor = units.bytes_per(prefix, binary or policy.storage_prefixes == "binary")
    if prefix and not binary:
        note = f"{note}; {policy.storage_note}"
    return "storage", "byte", factor, note, None, True, "+column"


def _qualifiers(run: str, g: Grammar) -> tuple[bool, str | None, bool, int | None]:
    """Read a run of qualifiers ("of which approximately", "estimated at around"): approximate,
    the bound if any, a subset marker, and where the span starts in the run (after subset markers).

    >>> _qualifiers("of which approximately ", grammar())
    (True, None, True, 9)
    """
    approximate = subset = False
    bound = offset = None
    for q in g.qualifier.finditer(run):
        meaning = g.qualifiers[phrase_key(q.group())]
        if meaning == "subset":
            subset = True
            continue
        if meaning == "approximate":
            approximate = True
        else:
            bound = meaning
        if offset is None:
            offset = q.start()
    return approximate, bound, subset, offset


def _clauses(
    drafts: list[Draft], closing: list[re.Match] | None, low: str, policy: Policy, g: Grammar
) -> list[Draft]:
    """What a figure takes from the words and figures around it in its clause:

    - a period closing the clause: "over 12 million records of admitted patient care each year" (not
      after a verb of upkeep: "5,000 records, updated each year" is a stock);
    - the period of a list, each figure with its own counted noun: the period at the end of a list
      joined by "and" or "&" ("280,000 invitations and 140,000 screening test records per year"), or
      that of the first figure of a list joined by a comma ("250,000 calls a year, 50,000 urgent
      calls"); never from a figure that says it is growth ("12,000 records and 500 new records a
      month"), and never on across "and" ("1,200 referrals a year and 20,000 held");
    - the total before its breakdown: a figure inside parentheses opened after a figure of its kind
      is a part of it (a subset, never added), per the total's period if the total is a rate: "4.4
      million records per year (1.6 million new and 2.8 million return)".
    """
    out = drafts  # the parse's own list: changed in place
    n = len(out)
    if closing:
        for i in range(n):  # a period closing the clause
            f = out[i][0]
            if f.kind == "records" and not f.subset:
                limit = out[i + 1][0].start if i + 1 < n else len(low)
                m = next((c for c in closing if f.end <= c.start() < limit), None)
                if m is not None:
                    between = low[f.end : m.start()]
                    if not (g.clause_break.search(between) or g.upkeep.search(between)):
                        period = g.rates.get(m.group()) or g.rates[phrase_key(m.group())]
                        out[i] = _as_rate(out[i], *_per_year(period, policy), "+rate-of-clause")
    if n == 1:
        return out
    for i in range(n - 1):  # the period of a list
        a, b = out[i][0], out[i + 1][0]
        if (a.kind in _RATE_KINDS) != (b.kind in _RATE_KINDS) and "+count" in a.rule and "+count" in b.rule:
            rate, stock = (i, i + 1) if a.kind in _RATE_KINDS else (i + 1, i)
            joint = low[a.end : b.start].strip()  # backward: "A and B a year"; forward: "A a year, B"
            joints = _FORWARD_JOINTS if rate < stock else _BACKWARD_JOINTS
            listed = joint in joints and out[stock][0].kind == "records" and not out[stock][0].subset
            if listed and not g.growth.search(low, out[rate][0].start, out[rate][0].end):
                out[stock] = _as_rate(out[stock], out[rate][2], out[rate][3], "+rate-of-list")
    paren = "(" in low
    if not paren:
        for d in out:
            if d[0].subset:
                break
        else:
            return out  # no parentheses and no parts: nothing here is a part of anything
    host = None
    for i in range(n):  # a part no larger than its total; the total before its breakdown
        f = out[i][0]
        if host is not None:
            h = out[host][0]
            if f.subset:  # "12,453 women with 13,776 pregnancies": no part of them
                larger = f.kind == h.kind and h.value is not None and (f.value or 0.0) > h.value
                if larger and low[: f.start].rstrip().endswith("with"):  # "of which" stays, as the text says
                    rule = f.rule.replace("subset+", "", 1) + "+larger-than-its-total"
                    out[i] = (_new(Figure, (*f[:9], rule, f.surface, False, *f[12:])), *out[i][1:])
                    continue
            if (
                paren
                and (f.kind == h.kind or f.kind == _INHERITED.get(h.kind))
                and low.count("(", h.end, f.start) > low.count(")", h.end, f.start)
            ):
                part = out[i]
                if f.kind != h.kind:  # a part of a total a year is a part a year
                    part = _as_rate(part, out[host][2], out[host][3], "+rate-of-total")
                p = part[0]
                if p.value is not None and h.value is not None and p.value <= h.value:  # a part is no larger
                    out[i] = (_new(Figure, (*p[:9], p.rule + "+part", p.surface, True, *p[12:])), *part[1:])
                    continue
            if f.subset:
                continue
        if f.kind != "unparsed" and not f.subset:
            host = i
    return out


def _as_rate(draft: Draft, per_year: float, year_note: str, why: str) -> Draft:
    """A figure of records or storage read per the period that ``per_year`` counts in a year."""
    f = draft[0]
    kind, unit = _RATE_OF[f.kind]
    note = f"{f.policy}; {year_note}" if f.policy and year_note else f.policy or year_note
    lower = None if f.lower is None else f.lower * per_year
    upper = None if f.upper is None else f.upper * per_year
    value = None if f.value is None else f.value * per_year
    figure = _new(Figure, (kind, value, unit, lower, upper, *f[5:9], f.rule + why, *f[10:13], note, f.reason))
    return figure, draft[1], per_year, year_note


def _roles(drafts: list[Draft], low: str, ignored: list, g: Grammar) -> tuple[Figure, ...]:
    """Several figures, primary first. The latest of a dated series ("2856 in 2006; 2698 in 2015");
    else the first whole stock (records or storage) with a unit of its own, else the first whole
    stock, else the first whole figure, else the first; in a list of items (separated by ";" or
    "<br>") the first whole stock, its unit its own or not. Whole: not a subset, not a capacity, not
    larger than the total it is said to be with, not unparsed. Every figure is read as primary; the
    others are made secondary here."""
    figures = [d[0] for d in drafts]
    primary = _latest(figures, low, ignored) if len(ignored) > 1 else None
    if primary is None:
        listed = None  # whether the figures are items of a list, looked at once, when it matters
        assumed_stock = first_whole = None
        for f in figures:
            if f.subset or f.kind == "unparsed":
                continue
            if (f.qualifier == "upper_bound" and "capacity+" in f.rule) or f.rule.endswith("than-its-total"):
                continue
            if f.kind in _STOCKS:
                if listed is None and f.assumed_unit:
                    listed = ";" in low or "<br" in low
                if not f.assumed_unit or listed:
                    primary = f
                    break
                assumed_stock = assumed_stock or f
            first_whole = first_whole or f
        primary = primary or assumed_stock or first_whole or figures[0]
    return (primary, *(_new(Figure, (*f[:6], "secondary", *f[7:])) for f in figures if f is not primary))


def _latest(figures: list[Figure], low: str, ignored: list) -> Figure | None:
    """The figure of the latest year, if the figures of one kind each have a year of their own: "2856
    in 2006; 2698 in 2015", "1.2 million records (2015), 1.4 million (2016)"; else None."""
    years = [(start, end, low[start:end]) for start, end, why in ignored if why == "a year"]
    dated: dict[str, list[tuple[str, Figure]]] = {}
    for f in figures:
        if f.subset or f.value is None:
            continue
        near = [y for start, _, y in years if start >= f.end and low[f.end : start].strip() in _YEAR_AFTER]
        if not near:  # "2698 in 2015", "1.4 million (2016)"; else "2015: 1,000"
            near = [y for _, end, y in years if end <= f.start and low[end : f.start].strip() in _YEAR_BEFORE]
        dated.setdefault(f.kind, []).append((near[0] if len(near) == 1 else "", f))
    for series in dated.values():
        if len(series) > 1 and all(year for year, _ in series) and len({y for y, _ in series}) == len(series):
            return max(series, key=lambda pair: pair[0])[1]
    return None


def _cited(text: str, ignored: list, g: Grammar, exemptions_only: bool) -> str | None:
    """The first law the text cites ("s.40(2)", "section 31(1)(a)"), or with ``exemptions_only`` the
    first that is an exemption (FOIA sections 21-44, EIR regulations 12-13); None if there is none.

    >>> g = grammar()
    >>> [_cited(t, [(0, len(t), "a legal reference")], g, True) for t in ("s.40(2)", "section 3")]
    ['s.40(2)', None]
    """
    for start, end, why in ignored:
        if why == "a legal reference":
            cited = text[start:end]
            if not exemptions_only:
                return cited
            m = g.legal_marker.match(cited.lower())
            if m is not None and int(m[2]) in g.exemptions.get(m[1], ()):
                return cited
    return None


def no_value(text: str, kind: str, reason: str, rule: str, start: int = 0, end: int | None = None) -> Figure:
    """A figure with no value (unknown, withheld or unparsed), by default spanning the whole text."""
    end = len(text) if end is None else end
    return _new(
        Figure,
        (
            kind,
            None,
            None,
            None,
            None,
            "unknown",
            "primary",
            start,
            end,
            rule,
            text[start:end],
            False,
            False,
            "",
            reason,
        ),
    )


def _no_figure(text: str, phrase: tuple[int, int, str] | None, ignored: list, g: Grammar) -> Figure:
    """The one figure of a text without a volume figure: unknown, withheld, zero, or unparsed with the
    reason. Withheld: a phrase saying so ("Exempt"), with the law it cites ("Exempt under section
    31(1)(a)"), or only an exemption cited ("s.40(2)")."""
    if phrase is not None:
        start, end, key = phrase
        meaning = g.phrases[key]
        if meaning == "unknown":
            return no_value(text, "unknown", text[start:end], "unknown-phrase", start, end)
        if meaning == "withheld":
            cited = _cited(text, ignored, g, exemptions_only=False)
            said = f"{text[start:end]} under {cited}" if cited else text[start:end]
            return no_value(text, "withheld", said, "withheld-phrase", start, end)
        return _new(
            Figure,
            (
                "records",
                0.0,
                "record",
                0.0,
                0.0,
                "exact",
                "primary",
                start,
                end,
                "zero-word",
                text[start:end],
                False,
                False,
                "",
                None,
            ),
        )
    if ignored:
        cited = _cited(text, ignored, g, exemptions_only=True)
        if cited:
            at = text.index(cited)
            return no_value(text, "withheld", f"withheld under {cited}", "exemption", at, at + len(cited))
        what = "; ".join(f"{reason} {text[s:e]!r}" for s, e, reason in ignored)
        return no_value(text, "unparsed", f"no volume figure, only {what}", "no-figure")
    return no_value(text, "unparsed", "no number, unit or unknown phrase recognised", "no-figure")
