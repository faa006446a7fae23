"""A small grammar over the vocabulary tables: text -> atoms -> tokens -> figures.

1. :func:`atomize` splits text into atoms with one regular expression: things that look like
   numbers but are not volumes (dates, financial years, percentages, legal references), numbers,
   words and single symbols.
2. :func:`lex` merges atoms into tokens: the longest phrase from the vocabulary tables wins
   ("per annum", "in excess of", "personal records"), runs of number words become one number.
3. :func:`assemble` reads figures from the tokens: ``[qualifiers] number [scale] [range] [+]
   [unit] [rate] [hedge]``, with separators ending a figure's reach.

Pure functions, no I/O. Pint is only consulted through the cached factors in :mod:`.units`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import units, vocab
from .model import DEFAULT_POLICY, Figure, Parse, Policy

# --- atoms ---------------------------------------------------------------------------------

_MONTH = "|".join(sorted(vocab.MONTHS, key=len, reverse=True))
_MONTH_NOT_MAY = "|".join(sorted((m for m in vocab.MONTHS if m != "may"), key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_NOT_AFTER_NUMBER = r"(?<![\d.,])"

ATOM = re.compile(
    rf"""
    (?=\d)(?:  # atoms that start with a digit
        (?P<date>{_NOT_AFTER_NUMBER}(?:
            \d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}(?!\d)
          | \d{{4}}-\d{{2}}-\d{{2}}(?!\d)
          | \d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTH})\.?,?\s+\d{{4}}(?!\d)
          | \d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTH_NOT_MAY})(?![a-z])
        ))
      | (?P<fy>{_NOT_AFTER_NUMBER}(?P<fy1>(?:19|20)\d{{2}})\s?[/-]\s?(?P<fy2>\d{{2}}(?:\d{{2}})?)(?![\d,]))
      | (?P<ref>{_NOT_AFTER_NUMBER}(?:\d+[-/]\d{{5,}}|\d{{1,2}}:\d{{2}}(?::\d{{2}})?)(?!\d))
      | (?P<pct>{_NOT_AFTER_NUMBER}\d+(?:[.,]\d+)?\s?(?:%|per\s?cent(?![a-z])|pc(?![a-z])))
      | (?P<ordinal>{_NOT_AFTER_NUMBER}\d+(?:st|nd|rd|th)(?![a-z]))
      | (?P<num>(?<!\d)(?<!\d[.,])(?<![a-bd-z_])(?<![a-z]c)(?:
            \d{{1,3}}(?:,\d{{3}})+(?![\d])
          | \d{{1,3}}(?:[ \u00a0\u2009\u202f]\d{{3}})+(?!\d)
          | \d{{1,3}}(?:\.\d{{3}}){{2,}}(?!\d)
          | \d+(?:,\d+)+
          | \d+
        )(?:\.\d+)?(?!\d))
    )
  | (?=[^\W\d_])(?:  # atoms that start with a letter
        (?P<mdate>(?<![a-z])(?=jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4])(?:
            (?:{_MONTH})\.?\s+\d{{1,2}}{_ORD},?\s+\d{{4}}(?!\d)
          | (?:{_MONTH})\.?,?\s+\d{{4}}(?!\d)
          | q[1-4]\s*\d{{4}}(?!\d)
        ))
      | (?P<legal>(?<![a-z\d])(?=s|art|reg|sch|para)(?:ss?\.?\s?(?=\d)|sections?\s|sec\.\s?|articles?\s|art\.\s?
            |regulations?\s|reg\.\s?|schedule\s|sch\.\s?|paragraph\s|para\.?\s?)\d+[a-z]?(?:\s?\(\w{{1,4}}\))*)
      | (?P<fyp>fy\s?(?:19|20)\d{{2}}(?:\s?[/-]\s?\d{{2}}(?:\d{{2}})?)?(?!\d))
      | (?P<word>[^\W\d_]+(?:'s)?)
    )
  | (?P<sym>[^\w\s])
    """,
    re.IGNORECASE | re.VERBOSE,
)

IGNORED_REASONS = {
    "date": "a date",
    "fy": "a financial year",
    "ref": "a reference or time",
    "pct": "a percentage",
    "legal": "a legal reference",
    "ordinal": "an ordinal",
}


class Atom(NamedTuple):
    kind: str
    text: str  # lower case
    start: int
    end: int


def atomize(text: str) -> list[Atom]:
    """Split ``text`` into atoms.

    >>> [a.kind for a in atomize("Circa 160,000 personal records (as at 31/03/16)")]
    ['word', 'num', 'word', 'word', 'sym', 'word', 'word', 'date', 'sym']
    """
    atoms = []
    for m in ATOM.finditer(text):
        kind = m.lastgroup
        if kind == "fy2":  # lastgroup names the last group that closed: fy's inner one
            kind = "fy"
        elif kind == "mdate":
            kind = "date"
        elif kind == "fyp":
            kind = "fy"
        if kind == "fy" and m.group("fy1") and not _is_financial_year(m.group("fy1"), m.group("fy2")):
            atoms.extend(_split_number_pair(m))
            continue
        atoms.append(Atom(kind, m.group().lower(), m.start(), m.end()))
    return atoms


def _is_financial_year(first: str, second: str) -> bool:
    """2015/16, 2015-2016: the second year follows the first."""
    nxt = int(first) + 1
    return int(second) == (nxt % 100 if len(second) == 2 else nxt)


def _split_number_pair(m: re.Match) -> list[Atom]:
    """A number pair that looked like a financial year but is not one ("2000-3000")."""
    out = [Atom("num", m.group("fy1"), m.start("fy1"), m.end("fy1"))]
    gap = m.string[m.end("fy1"):m.start("fy2")]
    sep = gap.strip()
    at = m.end("fy1") + gap.index(sep)
    out.append(Atom("sym", sep, at, at + 1))
    out.append(Atom("num", m.group("fy2"), m.start("fy2"), m.end("fy2")))
    return out


# --- tokens --------------------------------------------------------------------------------


class Token(NamedTuple):
    kind: str
    value: object  # number value, scale, unit payload, period, phrase meaning...
    start: int
    end: int
    flag: str = ""  # number shape ("words", "irregular", ...) or phrase text


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(a.text for a in atomize(phrase))


def _build_phrases() -> dict[str, dict[tuple[str, ...], tuple[str, object]]]:
    """Index every vocabulary phrase by its first atom: {first: {atoms: (kind, payload)}}.

    Later tables win over earlier ones for the same phrase, so the order below is precedence.
    """
    table: dict[tuple[str, ...], tuple[str, object]] = {}

    def add(phrases, kind, payload=None):
        for p in phrases:
            table[_phrase_key(p)] = (kind, payload(p) if callable(payload) else p if payload is None else payload)

    add(vocab.SEPARATORS, "sep")
    add(["and"], "and")
    add(["-", "–", "—", "to"], "dash")
    add(["+"], "plus")
    add(["£", "$", "€", "pounds", "gbp", "eur", "usd", "dollars", "euros"], "money")
    add(["between"], "between")
    add(vocab.HEDGES_BEFORE + vocab.HEDGES_AFTER, "hedge")
    add(vocab.LOWER_BOUNDS, "bound", "lower_bound")
    add(vocab.UPPER_BOUNDS, "bound", "upper_bound")
    add(vocab.BOUNDING_HEDGES, "bound", vocab.BOUNDING_HEDGES.get)
    add(vocab.SUBSET_MARKERS, "subset")
    add(vocab.NON_VOLUME_NOUNS, "nonvol", vocab.NON_VOLUME_NOUNS.get)
    add(vocab.COUNT_NOUNS, "count")
    add(vocab.STORAGE_UNITS, "storage", vocab.STORAGE_UNITS.get)
    add(vocab.SCALES, "scale", vocab.SCALES.get)
    add(vocab.RATES, "rate", vocab.RATES.get)
    add(vocab.ZERO_PHRASES, "zero")
    add(vocab.UNKNOWN_PHRASES, "unknown")

    index: dict[str, dict[tuple[str, ...], tuple[str, object]]] = {}
    for key, meaning in table.items():
        index.setdefault(key[0], {})[key] = meaning
    return index


PHRASES = _build_phrases()
#: For each first atom, the phrase lengths to try, longest first.
PHRASE_LENGTHS = {first: sorted({len(k) for k in keys}, reverse=True) for first, keys in PHRASES.items()}

_NUMBER_WORDS = {**vocab.SMALL_NUMBERS, **vocab.MAGNITUDES, **vocab.FRACTIONS, "hundred": 100.0, "dozen": 12.0}
_NUMBER_GLUE = frozenset({"a", "an", "and", "of", "-"})


def lex(text: str) -> list[Token]:
    """Tokens of ``text``: vocabulary phrases merged, numbers valued, the rest kept as words/symbols."""
    atoms = atomize(text)
    tokens: list[Token] = []
    i, n = 0, len(atoms)
    while i < n:
        a = atoms[i]
        kind = a.kind
        if kind == "num":
            value, shape = _number_value(a.text)
            tokens.append(Token("num", value, a.start, a.end, shape))
            i += 1
            continue
        if kind == "word" or kind == "sym":
            words = _word_number(atoms, i)
            if words is not None:
                value, j = words
                tokens.append(Token("num", value, a.start, atoms[j - 1].end, "words"))
                i = j
                continue
            lengths = PHRASE_LENGTHS.get(a.text)
            if lengths is not None:
                keys = PHRASES[a.text]
                for length in lengths:
                    if i + length > n:
                        continue
                    key = tuple(x.text for x in atoms[i:i + length]) if length > 1 else (a.text,)
                    meaning = keys.get(key)
                    if meaning is not None:
                        tokens.append(Token(meaning[0], meaning[1], a.start, atoms[i + length - 1].end, key[-1]))
                        i += length
                        break
                else:
                    tokens.append(Token(kind, None, a.start, a.end, a.text))
                    i += 1
                continue
            tokens.append(Token(kind, None, a.start, a.end, a.text))
            i += 1
            continue
        tokens.append(Token("ignored", IGNORED_REASONS[kind], a.start, a.end, a.text))
        i += 1
    return tokens


def _number_value(text: str) -> tuple[float, str]:
    """The value of a digit string and its shape.

    >>> _number_value("19,654,000"), _number_value("2,3"), _number_value("1,00,000")
    ((19654000.0, 'digits'), (2.3, 'decimal-comma'), (100000.0, 'irregular-grouping'))
    """
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    if "," not in text and " " not in text:
        if text.count(".") > 1:  # 1.200.000: dots as thousands separators
            return float(text.replace(".", "")), "dot-grouping"
        return float(text), "digits"
    whole, _, frac = text.partition(".")
    groups = re.split(r"[, ]", whole)
    if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
        return float("".join(groups) + ("." + frac if frac else "")), "digits"
    if len(groups) == 2 and len(groups[1]) <= 2 and not frac:
        return float(groups[0] + "." + groups[1]), "decimal-comma"
    return float("".join(groups) + ("." + frac if frac else "")), "irregular-grouping"


def _word_number(atoms: list[Atom], i: int) -> tuple[float, int] | None:
    """A run of number words starting at ``i`` ("two million", "half a million"): (value, end index).

    The run must hold a counting word (one..ninety) or a magnitude (hundred, million...): "a day"
    and "a quarter" alone are not numbers.
    """
    j, n = i, len(atoms)
    last_real = -1
    while j < n:
        t = atoms[j].text
        if t in _NUMBER_WORDS:
            last_real = j
        elif t not in _NUMBER_GLUE:
            break
        j += 1
    if last_real < 0:
        return None
    words = [a.text for a in atoms[i:last_real + 1]]
    if not any(w in vocab.SMALL_NUMBERS or w == "dozen" or w in _NUMBER_GLUE or w in vocab.FRACTIONS for w in words):
        return None  # a bare "million" is a scale word for the number before it
    if words[0] in _NUMBER_GLUE and not any(w in vocab.MAGNITUDES or w == "hundred" for w in words):
        return None  # "a half", "an eleven" are not numbers
    return _words_value(words), last_real + 1


def _words_value(words: list[str]) -> float:
    """>>> _words_value("three quarters of a million".split()), _words_value("one and a half million".split())
    (750000.0, 1500000.0)
    """
    total = current = frac = 0.0
    for w in words:
        if w in vocab.SMALL_NUMBERS:
            current += vocab.SMALL_NUMBERS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "half":
            frac = 0.5
        elif w in ("quarter", "quarters"):
            frac = 0.25 * (current if w == "quarters" and current else 1)
            if w == "quarters":
                current = 0
        elif w in vocab.MAGNITUDES:
            total += ((current + frac) or 1) * vocab.MAGNITUDES[w]
            current = frac = 0.0
    return total + current + frac


# --- figures -------------------------------------------------------------------------------

_QUALIFIER_KINDS = frozenset({"hedge", "bound", "between", "subset"})
_UNIT_KINDS = frozenset({"storage", "count", "nonvol"})
_MAX_FILLER = 3


class _Draft:
    """A figure being assembled; becomes a :class:`Figure` once roles are known."""

    __slots__ = ("kind", "value", "unit", "lower", "upper", "qualifier", "start", "end", "rule",
                 "subset", "assumed", "notes", "reason", "factor")

    def __init__(self, start: int) -> None:
        self.start = start
        self.kind = "records"
        self.unit = "record"
        self.qualifier = "exact"
        self.lower = self.upper = self.value = None
        self.subset = self.assumed = False
        self.notes: list[str] = []
        self.reason = None
        self.factor = 1.0
        self.rule: list[str] = []


def parse_volume(text: str, policy: Policy = DEFAULT_POLICY) -> Parse:
    """Read every volume figure in ``text``. Never raises on text: unreadable text is ``unparsed``.

    >>> p = parse_volume("Circa 85,000 personal records, with circa 54,000 in the public domain")
    >>> [(f.kind, f.value, f.qualifier, f.role) for f in p.figures]
    [('records', 85000.0, 'approximate', 'primary'), ('records', 54000.0, 'approximate', 'secondary')]
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    stripped = text.strip()
    if stripped.lower() in vocab.UNKNOWN_PLACEHOLDERS:
        if not stripped:
            return Parse(text, (_whole(text, "unparsed", "empty text", "empty"),))
        return Parse(text, (_whole(text, "unknown", f"placeholder {stripped!r}", "placeholder"),))
    tokens = lex(text)
    drafts, ignored, unknowns, zeros = _assemble(tokens, text, policy)
    if not drafts:
        return Parse(text, (_no_figure(text, tokens, ignored, unknowns, zeros),), tuple(ignored))
    return Parse(text, _finish(drafts, text), tuple(ignored))


def _assemble(tokens: list[Token], text: str, policy: Policy):
    drafts: list[_Draft] = []
    ignored: list[tuple[int, int, str]] = []
    unknowns: list[Token] = []
    zeros: list[Token] = []
    pending: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        k = t.kind
        if k == "num":
            if i > 0 and tokens[i - 1].kind == "money":
                ignored.append((t.start, t.end, "an amount of money"))
                i += 1
                continue
            i = _read_figure(tokens, i, pending, drafts, ignored, policy)
            pending = []
        elif k in _QUALIFIER_KINDS:
            pending.append(t)
            i += 1
        elif k == "sep" or k == "and" or k == "dash":
            pending = [p for p in pending if p.kind == "subset"] if k == "sep" and t.flag == "," else []
            i += 1
        else:
            if k == "unknown":
                unknowns.append(t)
            elif k == "zero":
                zeros.append(t)
            elif k == "ignored":
                ignored.append((t.start, t.end, t.value))
            i += 1
    return drafts, ignored, unknowns, zeros


def _read_figure(tokens, i, pending, drafts, ignored, policy) -> int:
    """Read one figure starting at the number ``tokens[i]``; return the index after it."""
    n = len(tokens)
    first = tokens[i]
    d = _Draft(first.start)
    rule = d.rule
    rule.append("words" if first.flag == "words" else "number")
    if first.flag in ("irregular-grouping", "decimal-comma", "dot-grouping"):
        rule.append(first.flag)
    value = first.value
    end = first.end
    j = i + 1
    scaled = False
    if j < n and tokens[j].kind == "scale":
        value *= tokens[j].value
        end = tokens[j].end
        scaled = True
        rule.append("scale")
        j += 1
    elif j < n and tokens[j].kind == "storage" and tokens[j].flag in vocab.STORAGE_OR_SCALE and _count_follows(tokens, j + 1):
        value *= vocab.STORAGE_OR_SCALE[tokens[j].flag]
        end = tokens[j].end
        scaled = True
        rule.append("scale")
        j += 1

    between = any(p.kind == "between" for p in pending)
    lo = hi = None
    if j + 1 < n and tokens[j + 1].kind == "num" and (tokens[j].kind == "dash" or (between and tokens[j].kind == "and")):
        second = tokens[j + 1]
        v2 = second.value
        end = second.end
        j += 2
        if j < n and tokens[j].kind == "scale":
            v2 *= tokens[j].value
            if not scaled:
                value *= tokens[j].value
            end = tokens[j].end
            j += 1
        lo, hi = min(value, v2), max(value, v2)
        rule.append("range")

    plus = False
    if j < n and tokens[j].kind == "plus":
        plus = True
        end = tokens[j].end
        j += 1

    # unit, possibly after a few filler words ("2 million unique pupil records")
    u = j
    while u < n and tokens[u].kind == "word" and u - j < _MAX_FILLER:
        u += 1
    unit_tok = tokens[u] if u < n and tokens[u].kind in _UNIT_KINDS else None
    if unit_tok is not None:
        j = u + 1
        while j < n and tokens[j].kind == "count":  # "pupil records"
            j += 1
        end = tokens[j - 1].end
        if unit_tok.kind == "nonvol":
            ignored.append((first.start, end, unit_tok.value))
            return j
    elif lo is None and not scaled and not plus and _is_year(first, pending):
        ignored.append((first.start, first.end, "a year"))
        return j

    # rate, possibly after a few filler words ("29,000 personal records processed annually")
    r = j
    while r < n and tokens[r].kind == "word" and r - j < _MAX_FILLER:
        r += 1
    period = None
    if r < n and tokens[r].kind == "rate":
        period = tokens[r].value
        end = tokens[r].end
        j = r + 1

    hedge_after = False
    if j < n and tokens[j].kind == "hedge" and not (j + 1 < n and tokens[j + 1].kind == "num"):
        hedge_after = True
        end = tokens[j].end
        j += 1

    # kind and unit
    factor = 1.0
    if unit_tok is not None and unit_tok.kind == "storage":
        prefix, binary = unit_tok.value
        factor = units.bytes_per(prefix, binary or policy.storage_prefixes == "binary")
        d.kind, d.unit = "storage", "byte"
        rule.append("storage")
        if prefix and not binary:
            d.notes.append(policy.storage_note)
    elif unit_tok is not None:
        rule.append("count")
    else:
        stock = next((x for x in reversed(drafts) if x.kind in ("records", "storage", "record_rate")), None)
        if stock is not None:
            d.kind, d.unit = stock.kind, stock.unit
            d.assumed = stock.assumed
            rule.append("inherit")
            if stock.kind == "record_rate" and period is None:
                d.kind, d.unit = "records", "record"
            elif stock.kind == "storage":
                factor = stock.factor
                d.notes.extend(stock.notes)
        elif policy.bare_number == "records":
            d.assumed = True
            d.notes.append("bare number=records")
            rule.append("bare")
        else:
            d.kind, d.unit, d.reason = "unparsed", None, "a number with no unit (policy bare_number=unparsed)"
            rule.append("bare")
    d.factor = factor

    if period is not None:
        rule.append("rate")
        if d.kind == "records":
            d.kind, d.unit = "record_rate", "record / year"
            factor *= units.per_year(period, policy.days_per_year)
            if period in ("day", "week", "hour"):
                d.notes.append(policy.year_note)
        elif d.kind == "storage":
            d.kind, d.unit, d.reason = "unparsed", None, "a storage rate (bytes per period) is not a volume held"

    # qualifier
    bound = next((p.value for p in reversed(pending) if p.kind == "bound"), None)
    hedged = hedge_after or any(p.kind == "hedge" for p in pending)
    if lo is not None:
        d.qualifier = "range"
        d.lower, d.upper = lo * factor, hi * factor
        d.value = (d.lower + d.upper) / 2
    else:
        d.value = value * factor
        if plus or bound == "lower_bound":
            d.qualifier, d.lower = "lower_bound", d.value
            rule.insert(0, "bound") if bound else rule.append("plus")
        elif bound == "upper_bound":
            d.qualifier, d.upper = "upper_bound", d.value
            rule.insert(0, "bound")
        elif hedged:
            d.qualifier = "approximate"
        else:
            d.lower = d.upper = d.value
    if hedged:
        rule.insert(0, "hedge")
    if any(p.kind == "subset" for p in pending) and any(not x.subset for x in drafts):
        d.subset = True
        rule.insert(0, "subset")
    if d.kind == "unparsed":
        d.value = d.lower = d.upper = None
        d.qualifier = "unknown"
    d.start = min([first.start] + [p.start for p in pending if p.kind in ("hedge", "bound", "between")])
    d.end = end
    drafts.append(d)
    return j


def _count_follows(tokens: list[Token], j: int) -> bool:
    while j < len(tokens) and tokens[j].kind == "word" and j < len(tokens):
        j += 1
    return j < len(tokens) and tokens[j].kind == "count"


def _is_year(tok: Token, pending: list[Token]) -> bool:
    """A bare 19xx/20xx with nothing to make it a count is a year, not a volume."""
    return (
        tok.flag == "digits"
        and 1900 <= tok.value <= 2099
        and tok.value == int(tok.value)
        and "," not in str(tok.value)
        and not any(p.kind in ("hedge", "bound") for p in pending)
    )


def _finish(drafts: list[_Draft], text: str) -> tuple[Figure, ...]:
    """Give roles: the first whole stock (records or storage) is primary, else the first figure."""
    whole = [d for d in drafts if not d.subset and d.kind != "unparsed"]
    primary = next((d for d in whole if d.kind in ("records", "storage")), whole[0] if whole else drafts[0])
    ordered = [primary] + [d for d in drafts if d is not primary]
    return tuple(
        Figure(
            kind=d.kind, value=d.value, unit=d.unit, lower=d.lower, upper=d.upper,
            qualifier=d.qualifier, role="primary" if d is primary else "secondary",
            start=d.start, end=d.end, rule="+".join(d.rule), surface=text[d.start:d.end],
            subset=d.subset, assumed_unit=d.assumed, policy="; ".join(d.notes), reason=d.reason,
        )
        for d in ordered
    )


def _whole(text: str, kind: str, reason: str, rule: str, start: int = 0, end: int | None = None) -> Figure:
    end = len(text) if end is None else end
    return Figure(
        kind=kind, value=None, unit=None, lower=None, upper=None, qualifier="unknown", role="primary",
        start=start, end=end, rule=rule, surface=text[start:end], reason=reason,
    )


def _no_figure(text, tokens, ignored, unknowns, zeros) -> Figure:
    if unknowns:
        u = unknowns[0]
        return _whole(text, "unknown", text[u.start:u.end], "unknown-phrase", u.start, u.end)
    if zeros:
        z = zeros[0]
        return Figure(
            kind="records", value=0.0, unit="record", lower=0.0, upper=0.0, qualifier="exact",
            role="primary", start=z.start, end=z.end, rule="zero-word", surface=text[z.start:z.end],
        )
    if ignored:
        what = "; ".join(f"{reason} {text[s:e]!r}" for s, e, reason in ignored)
        return _whole(text, "unparsed", f"no volume figure, only {what}", "no-figure")
    return _whole(text, "unparsed", "no number, unit or unknown phrase recognised", "no-figure")
