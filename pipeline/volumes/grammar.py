"""A small grammar over the vocabulary tables: text -> matches -> figures.

The grammar of one figure, each part optional except the number::

    [qualifiers] [between] NUMBER [scale] [[unit] (- | to | and) NUMBER [scale] [unit]] [+]
        [up to 3 words] [unit [up to 3 words] [rate]] [qualifier after]

:class:`_Grammar` compiles it, with the numbers that are not volumes (dates, financial years,
references, money, legal citations) and the whole-cell phrases (unknown, zero), into one regular
expression built from :mod:`.vocab`: every phrase table becomes a trie-shaped alternation that
matches the longest phrase first. The text is lower-cased once and scanned left to right; each
match is a figure, an ignored number or a phrase. :func:`_figure` then gives a figure its kind (its
unit, else the kind of the figure before it, else the ``bare_number`` policy), value, bounds and
rule; a unit such as "systems", "%" or "years" sets it aside as no volume. :func:`parse_volume`
picks the primary.

Pure functions, no I/O. Pint is only consulted through the cached factors in :mod:`.units`.
Written for speed (about 10 microseconds a cell, see ``python -m pipeline.bench``): the regular
expression does the reading, so the Python around it stays short and flat.
"""

from __future__ import annotations

import re

from . import units, vocab
from .model import DEFAULT_POLICY, Figure, Parse, Policy

#: A letter of the Latin, Greek or Cyrillic scripts, the ones volume texts are written in. An explicit
#: class, because the regex engine tests it several times faster than the Unicode letter category.
LETTER = "[a-zA-Z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff]"
_WORD_CHAR = "[0-9_" + LETTER[1:]
_WORD_START = rf"(?<!{LETTER})"
_WORD_END = rf"(?!{LETTER})"

# --- patterns from phrase tables ------------------------------------------------------------


def phrase_pattern(phrases, before_number=()) -> str:
    """A regex source matching any of ``phrases`` as whole words, the longest that fits first.

    The phrases are merged into a trie so that the regex engine branches once per character. A
    space in a phrase matches any run of white space; a phrase starting with a letter must start a
    word, and no phrase may run on into a letter (the engine backtracks to a shorter one if it does).

    ``before_number`` phrases only match when a number follows (in the same trie walk).

    >>> rx = re.compile(phrase_pattern(["per day", "per annum", "pa", "p.a."], before_number=["year"]))
    >>> [m.group() for m in rx.finditer("5 per  annum, 6 pa, 7 p.a. but not paid, year 11, a year")]
    ['per  annum', 'pa', 'p.a.', 'year 1']
    """
    trie = _trie(phrases, before_number)
    words = {k: v for k, v in trie.items() if k.isalpha()}
    symbols = {k: v for k, v in trie.items() if not k.isalpha()}
    alts = []
    if words:
        alts.append(_WORD_START + _trie_source(words))
    if symbols:
        alts.append(_trie_source(symbols))
    return "(?:" + "|".join(alts) + ")" + _WORD_END


def _trie(phrases, before_number=()) -> dict:
    """The phrases as a trie of regex pieces (see :func:`_pieces`); ``""`` marks where a phrase ends."""
    trie: dict = {}
    pieces = [_pieces(p) for p in phrases] + [[*_pieces(p), r"\s?[0-9]"] for p in before_number]
    for phrase in pieces:
        node = trie
        for piece in phrase:
            node = node.setdefault(piece, {})
        node[""] = {}
    return trie


def _pieces(phrase: str) -> list[str]:
    """A phrase as regex pieces: one per character, one per run of white space.

    >>> _pieces("p.a. x")
    ['p', '\\\\.', 'a', '\\\\.', '\\\\s+', 'x']
    """
    out: list[str] = []
    for part in re.split(r"(\s+)", phrase.strip()):
        if part.isspace():
            out.append(r"\s+")
        else:
            out.extend(re.escape(c) for c in part)
    return out


def _trie_source(node: dict) -> str:
    """The alternation for a trie node: longer continuations first, then (if a phrase ends here) stop."""
    alts = [piece + _trie_source(child) for piece, child in sorted(node.items()) if piece]
    if "" in node:
        alts.append("")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# --- the grammar ------------------------------------------------------------------------------


def _key(phrase: str) -> str:
    """A matched phrase as a table key: lower case already, white space runs made single spaces."""
    return " ".join(phrase.split())


class _Grammar:
    """The compiled scanner and the tables that give matched phrases their meaning."""

    #: The groups of a figure, in the order :func:`_figure` reads them.
    FIGURE = ("qual", "btw", "n1", "s1", "u1", "n2", "s2", "u2", "plus", "u", "rate", "after", "ratio")

    def __init__(self) -> None:
        months = phrase_pattern(vocab.MONTHS)
        months_not_may = phrase_pattern(m for m in vocab.MONTHS if m != "may")
        count = phrase_pattern(vocab.COUNT_NOUNS)
        storage = phrase_pattern(vocab.STORAGE_UNITS)
        unit_or_rate = phrase_pattern([*vocab.STORAGE_UNITS, *vocab.COUNT_NOUNS, *vocab.NON_VOLUME_NOUNS,
                                       *vocab.RATES])
        rate = phrase_pattern(vocab.RATES)
        # A figure reaches across up to three words to its unit or rate ("2 million unique pupil
        # records", "29,000 records processed annually"), the fewest first, never across a separator,
        # a subset marker or a rate ("1,200 a day" is a rate, not 1,200 "day"s).
        stop = phrase_pattern([*vocab.RATES, *vocab.SEPARATORS, *vocab.SUBSET_MARKERS])
        reach = rf"(?:\s+(?!{stop})(?>{LETTER}+(?:['’-]{LETTER}+)*)){{0,3}}?\s*"
        qualifier = phrase_pattern([*vocab.HEDGES_BEFORE, *vocab.LOWER_BOUNDS, *vocab.UPPER_BOUNDS,
                                    *vocab.SUBSET_MARKERS])
        after = phrase_pattern([*vocab.HEDGES_AFTER, *vocab.LOWER_BOUNDS_AFTER, *vocab.UPPER_BOUNDS_AFTER])
        small = phrase_pattern([*vocab.SMALL_NUMBERS, *vocab.FRACTIONS])
        magnitude = phrase_pattern(vocab.MAGNITUDES)
        number_word = phrase_pattern([*vocab.SMALL_NUMBERS, *vocab.FRACTIONS, *vocab.MAGNITUDES])
        fraction = phrase_pattern(vocab.FRACTIONS)
        signs = re.escape("".join(vocab.CURRENCY_SIGNS))

        # one pass, no backtracking: leading digits, then comma or space groups, then decimals
        digits = r"""(?>[0-9]+(?:
                  ,[0-9]+                                            # 19,654,000; 1,00,000; 2,5 (see _number)
                | (?<![0-9]{4}),?[ \u00a0\u2009\u202f][0-9]{3}(?![0-9])  # 19 654 000; 160, 000 (a typo)
            )*(?:(?:\.[0-9]{3}){2,}(?![0-9]))?(?:\.[0-9]+)?|\.[0-9]+)  # 1.200.000; 2.75; .5
        """
        # "one and a half million", "three quarters of a million", "twenty-five thousand", "a billion"
        glue = rf"""(?:
              \s+and\s+an?\s+(?={fraction})
            | (?:{"|".join(f"(?<={m})" for m in vocab.MAGNITUDES)})\s+and\s+       # two hundred and fifty
            | \s+(?:of\s+)?an?\s+(?={magnitude})
            | \s*-\s* | \s+
            )"""
        words = rf"(?:{_WORD_START}an?\s+(?={magnitude}|{fraction})|(?={small})){number_word}(?:{glue}{number_word})*"
        number = rf"(?>{digits}|{words})"
        # "2.5b records": b is a scale before a counted noun, a byte otherwise
        scale = rf"(?:{phrase_pattern(vocab.SCALES)}|{phrase_pattern(vocab.STORAGE_OR_SCALE)}(?={reach}{count}))"

        # Numbers that are not volumes, with the reason they are ignored. Percentages, ordinals,
        # "5 million pounds" and counts of other things are read as figures, then set aside by their
        # unit (NON_VOLUME_NOUNS).
        not_after_number = r"(?<![0-9.,])"
        ordinal = r"(?:st|nd|rd|th)?"
        dated = {  # starting with a digit: tried before a figure at the same place
            "date": rf"""{not_after_number}(?:
                    [0-9]{{1,2}}(?:[/.-][0-9]{{1,2}}[/.-][0-9]{{2,4}}(?![0-9])                 # 31/03/16
                    | {ordinal}\s+(?:of\s+)?(?:{months}\.?,?\s+(?:[0-9]{{4}}|'?[0-9]{{2}})(?![0-9]|,[0-9])  # 1 April 2015, 31 March 16
                                         |{months_not_may}))
                  | [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?![0-9]))                                # 2016-06-17
            """,
            "fy": rf"{not_after_number}{phrase_pattern(_financial_years())}(?![0-9,])",  # 2015/16, 2015-2016
            "ref": rf"""{not_after_number}(?:(?:19|20)[0-9]{{2}}[-/][0-9]{{5,}}           # 2016-0027740
                    | [0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)(?![0-9])                      # 10:30
            """,
        }
        # a quick look first: each has a separator or a month within a few characters of its start
        # (the leading digit taken out of both branches, so a letter fails on it at once)
        looks_dated = rf"(?=[0-9](?:[0-9]?+{ordinal}\s+{LETTER}|[0-9]{{0,3}}+\s*+[/.:–-]))"
        worded = {  # starting with a word or a sign: tried after figures and phrases
            "mdate": rf"""{_WORD_START}(?:{months}\.?\s+[0-9]{{1,2}}{ordinal},?\s+[0-9]{{4}}   # June 17, 2016
                      | {months}\.?,?\s+[0-9]{{4}}                                # June 2016
                      | q[1-4]\s*[0-9]{{4}}(?:\s?[/-]\s?[0-9]{{2}}(?:[0-9]{{2}})?)?)(?![0-9])  # Q3 2016, Q4 2015/16
            """,
            "fyp": rf"{_WORD_START}fy\s?(?:19|20)?[0-9]{{2}}(?:\s?[/-]\s?[0-9]{{2}}(?:[0-9]{{2}})?)?(?![0-9])",
            "refm": rf"{phrase_pattern(vocab.REFERENCE_MARKERS)}[\s:#.]*(?:no\.?\s*)?[0-9](?:[0-9/-]*[0-9])?",
            "legal": rf"{phrase_pattern(vocab.LEGAL_MARKERS)}\s?[0-9]+[a-z]?(?:\s?\([0-9a-z]{{1,4}}\))*",
            # a label's number is short and plain: "year 11", "aged 0-5", but never "year 5,000"
            "label": rf"{phrase_pattern(vocab.LABEL_MARKERS)}\s?[0-9]{{1,5}}(?:\s?[-–]\s?[0-9]{{1,5}})?(?![0-9]|[.,][0-9])",
            "money": rf"[{signs}]\s*{digits}(?:\s*{scale})?",
            "footnote": r"\[[0-9]{1,3}\]",  # "2,000 records [1]" (a superscript ¹ is never a digit here)
        }
        self.ignored_reasons = {
            "date": "a date", "mdate": "a date", "fy": "a financial year", "fyp": "a financial year",
            "ref": "a reference or time", "refm": "a reference or time", "legal": "a legal reference",
            "label": "a label", "footnote": "a footnote marker",
            "money": "an amount of money",
        }
        # after a qualifier: any year pair, financial or not, is no volume ("over 2015/16")
        year_pair = rf"(?:19|20)[0-9]{{2}}\s*[/–-]\s*[0-9]{{2}}"
        not_a_volume = looks_dated + f"(?:{dated['date']}|{year_pair}|{dated['ref']})"

        # Optional parts are possessive (?+): once read, never given back, so the engine does not
        # retry shorter readings when a later optional part is absent.
        figure = rf"""
            (?:(?![0-9])(?P<qual>(?>(?:{qualifier}[\s:]*)+))(?!{not_a_volume}))?   # circa, over, of which...
            (?:(?P<btw>between)\s+)?
            (?P<n1>{number})(?:\s*(?P<s1>{scale}))?+
            (?:(?=\s*(?:[a-z]{{1,10}}+\s*)?(?:[-–—]|to|and))                    # a range:
               (?:\s*(?P<u1>{storage}))?                                       # 500GB to 1TB
               \s*(?:[-–—]|to{_WORD_END}|(?(btw)and{_WORD_END}|(?!)))\s*
               (?P<n2>{number})(?:\s*(?P<s2>{scale}))?(?(u1)\s*(?P<u2>{storage}))
            )?+
            (?P<plus>\s*\+(?!\s*[0-9]))?+
            (?:{reach}(?P<u>{unit_or_rate})(?:\s+{count})*+(?:{reach}(?P<rate>{rate}))?+)?+
            (?:\s*(?P<after>{after})(?!\s*[0-9]))?+
            (?(rate)|(?P<ratio>\s+(?:per|each|for\s+each|for\s+every)\s+(?!{rate}){LETTER}+))?+  # 1 record per customer
        """
        phrases = phrase_pattern([*vocab.UNKNOWN_PHRASES, *vocab.ZERO_PHRASES])
        alternatives = [looks_dated + "(?:" + "|".join(f"(?P<{name}>{source})" for name, source in dated.items()) + ")"]
        alternatives += [f"(?P<fig>{figure})", f"(?P<phrase>{phrases})"]
        alternatives += [f"(?P<{name}>{source})" for name, source in worded.items()]
        flags = re.VERBOSE
        # Every match starts on a digit, a sign, or a phrase, never inside a word. Checking that
        # first (one trie walk) spares the engine trying every alternative at every other position.
        phrase_starts = [
            *vocab.MONTHS, "fy", "q1", "q2", "q3", "q4", *vocab.REFERENCE_MARKERS, *vocab.LEGAL_MARKERS,
            *vocab.HEDGES_BEFORE, *vocab.LOWER_BOUNDS, *vocab.UPPER_BOUNDS, *vocab.SUBSET_MARKERS, "between",
            *vocab.SMALL_NUMBERS, *vocab.FRACTIONS, *vocab.MAGNITUDES,
            *(f"{a} {m}" for a in ("a", "an") for m in vocab.MAGNITUDES),
            *vocab.UNKNOWN_PHRASES, *vocab.ZERO_PHRASES]
        # A number glued to a word by a hyphen is part of a name ("Post-16", "Covid-19"), not a start,
        # and nor is a digit after a decimal point or a comma. Each lookbehind comes after the digit
        # (or point and digit) it is about, so it reaches back over it.
        number_start = (rf"[0-9](?<![0-9][.,][0-9])(?<!{LETTER}-[0-9])"
                        rf"|\.[0-9](?<![0-9][.,]\.[0-9])(?<!{LETTER}-\.[0-9])")
        # label words are common ("year", "table"): a match starts on one only when a number follows.
        # One trie for words and symbols alike, with no word-start check: the gate has made sure already
        # that the start is not after a word character.
        starts = _trie_source(_trie(phrase_starts, before_number=vocab.LABEL_MARKERS)) + _WORD_END
        # A single lookahead whose alternatives each start with a character or a class, so the engine
        # skips the ones that cannot start here without trying them.
        start = rf"(?<!{_WORD_CHAR})(?={number_start}|[{signs}\[]|{starts})"
        self.scan = re.compile(rf"{start}(?:{'|'.join(alternatives)})", flags)
        self.scan_groups = tuple(self.scan.groupindex[name] for name in self.FIGURE)
        self.qualifier = re.compile(qualifier)

        self.scales = {**vocab.SCALES, **vocab.STORAGE_OR_SCALE}
        self.units = {
            **{k: ("rate", v) for k, v in vocab.RATES.items()},
            **{k: ("nonvol", v) for k, v in vocab.NON_VOLUME_NOUNS.items()},
            **{k: ("count", None) for k in vocab.COUNT_NOUNS},
            **{k: ("storage", v) for k, v in vocab.STORAGE_UNITS.items()},
        }
        self.rates = vocab.RATES
        self.qualifiers = {
            **dict.fromkeys([*vocab.HEDGES_BEFORE, *vocab.HEDGES_AFTER], "approximate"),
            **dict.fromkeys([*vocab.LOWER_BOUNDS, *vocab.LOWER_BOUNDS_AFTER], "lower_bound"),
            **dict.fromkeys([*vocab.UPPER_BOUNDS, *vocab.UPPER_BOUNDS_AFTER], "upper_bound"),
            **dict.fromkeys(vocab.SUBSET_MARKERS, "subset"),
        }
        self.phrases = {**dict.fromkeys(vocab.UNKNOWN_PHRASES, "unknown"), **dict.fromkeys(vocab.ZERO_PHRASES, "zero")}


def _financial_years() -> list[str]:
    """Every financial or academic year 1900/01 to 2099/00 as written: 2015/16, 2015-2016, 2015 – 16...

    A number pair that is not one ("2000-3000", "2010-2015") is left to be read as a range.

    >>> years = _financial_years()
    >>> "2015/16" in years, "1999-2000" in years, "2015 - 16" in years, "2015-17" in years
    (True, True, True, False)
    """
    return [f"{year}{gap}{sep}{gap}{following}"
            for year in range(1900, 2100) for following in (f"{(year + 1) % 100:02d}", str(year + 1))
            for sep in "/-–" for gap in ("", " ")]


_GRAMMAR: _Grammar | None = None


def _grammar() -> _Grammar:
    """The compiled grammar, built on first use (not at import)."""
    global _GRAMMAR
    if _GRAMMAR is None:
        _GRAMMAR = _Grammar()
    return _GRAMMAR


# --- numbers ----------------------------------------------------------------------------------


def _number(text: str) -> tuple[float, str]:
    """The value of a digit string and its shape (which goes into the rule when not plain digits).

    >>> _number("19,654,000"), _number("12\u00a0500.5"), _number("2.75")
    ((19654000.0, 'number'), (12500.5, 'number'), (2.75, 'number'))
    >>> _number("2,3"), _number("1,00,000")
    ((2.3, 'number+decimal-comma'), (100000.0, 'number+irregular-grouping'))
    >>> _number("160, 000"), _number("1.200.000")
    ((160000.0, 'number+broken-grouping'), (1200000.0, 'number+dot-grouping'))
    """
    whole, _, frac = text.partition(".")
    if "." in frac:  # 1.200.000: dots as thousands separators
        return float("".join(c for c in text if c in "0123456789")), "number+dot-grouping"
    plain = whole.replace(",", "")
    tail = "." + frac if frac else ""
    if plain.isdigit():
        if plain == whole or whole[-4::-4] == "," * (len(whole) // 4) == "," * whole.count(","):  # 1200, 1,200
            return float(plain + tail), "number"
        groups = whole.split(",")
        if len(groups) == 2 and len(groups[1]) <= 2 and not frac:
            return float(groups[0] + "." + groups[1]), "number+decimal-comma"
        return float(plain + tail), "number+irregular-grouping"
    plain = "".join(plain.split())  # 19 654 000, or 160, 000 with a stray space
    return float(plain + tail), "number" if "," not in whole else "number+broken-grouping"


_NUMBER_WORDS = {**vocab.SMALL_NUMBERS, **vocab.MAGNITUDES, **vocab.FRACTIONS}


def _words_value(text: str) -> float:
    """The value of a run of number words.

    >>> [_words_value(t) for t in ("three quarters of a million", "one and a half million",
    ...  "a million and a half", "two hundred and fifty thousand", "twenty-five", "a dozen")]
    [750000.0, 1500000.0, 1500000.0, 250000.0, 25.0, 12.0]
    """
    total = current = frac = 0.0
    last_magnitude = 0.0
    for w in text.replace("-", " ").split():
        v = _NUMBER_WORDS.get(w)
        if v is None:  # glue: a, an, and, of
            continue
        if w in vocab.FRACTIONS:
            frac = v * (current if w == "quarters" and current else 1)
            if w == "quarters":
                current = 0.0
        elif w in vocab.MAGNITUDES:
            if w == "hundred":
                current = (current or 1) * v
            else:
                total += ((current + frac) or 1) * v
                current = frac = 0.0
                last_magnitude = v
        else:
            current = current * v if w == "dozen" and current else current + v
    if frac and not current and last_magnitude:  # "a million and a half"
        return total + frac * last_magnitude
    return total + current + frac


# --- figures ----------------------------------------------------------------------------------

_STOCKS = ("records", "storage")
_QUALIFIER_TAIL = " \t\n\r\f\v:"
_DAY_PERIODS = frozenset({"day", "week", "hour"})
_INFINITY = float("inf")
_new = tuple.__new__  # builds a named tuple from a ready tuple, skipping its argument handling


def parse_volume(text: str, policy: Policy = DEFAULT_POLICY) -> Parse:
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
            return Parse(text, (_whole(text, "unparsed", "empty text", "empty"),))
        return Parse(text, (_whole(text, "unknown", f"placeholder {text.strip()!r}", "placeholder"),))

    g = _GRAMMAR or _grammar()
    drafts: list[tuple[Figure, float]] = []  # each figure read, with its unit's size for a bare number after it
    ignored: list[tuple[int, int, str]] = []
    phrase = None
    for m in g.scan.finditer(low):
        kind = m.lastgroup
        if kind == "fig":
            _figure(m, g.scan_groups, text, stripped, policy, g, drafts, ignored)
        elif kind == "phrase":
            key = _key(m.group())
            if phrase is None or (g.phrases[phrase[2]] == "zero" and g.phrases[key] == "unknown"):
                phrase = (m.start(), m.end(), key)
        else:
            ignored.append((m.start(), m.end(), g.ignored_reasons[kind]))
    if len(drafts) == 1:
        figures: tuple[Figure, ...] = (drafts[0][0],)
    elif drafts:
        figures = _roles(drafts)
    else:
        figures = (_no_figure(text, phrase, ignored, g),)
    return _new(Parse, (text, figures, tuple(ignored) if ignored else ()))


def _figure(m: re.Match, groups: tuple[int, ...], text: str, stripped: str, policy: Policy, g: _Grammar,
            drafts: list, ignored: list) -> None:
    """Read the figure matched by ``m`` into ``drafts`` (or, if it is not a volume, into ``ignored``).

    ``groups`` are the numbers of the figure's groups in the scanner (see ``_Grammar.FIGURE``).
    Written for speed: this runs once per figure.
    """
    qual, btw, n1, s1, u1, n2, s2, u2, plus, u, rate, after, ratio = m.group(*groups)
    start = m.start(groups[2])
    end = m.end()

    # the unit (a rate may stand where the unit would: "800 per month"); some say it is no volume
    unit = u2 or u
    unit_kind = payload = None
    if unit is not None:
        unit_kind, payload = g.units.get(unit) or g.units[_key(unit)]
        if unit_kind == "rate":
            rate, unit, unit_kind = unit, None, None
        elif unit_kind == "nonvol":
            ignored.append((start, end, payload))
            return
        elif unit in vocab.STORAGE_OR_SCALE and u2 is None and not s1 and text[m.start(groups[9])] == unit:
            unit, unit_kind, s1 = None, None, unit  # "c.1.5b": written lower-case, b is a billion; B is a byte
    if ratio:
        ignored.append((start, end, "a ratio"))
        return
    words = n1[0].isalpha()
    plain = unit is None and rate is None and qual is None and not s1 and not s2 and not plus
    if plain and n2 is not None and _is_year_like(n1) and _is_year_like(n2):  # 2010-2015, between 2010 and 2016
        ignored.append((start, end, "a range of years"))
        return
    if plain and btw is None:
        if n2 is None and _is_year_like(n1) and stripped != n1:
            ignored.append((start, end, "a year"))
            return
        if words and n2 is None and not any(w in n1 for w in vocab.MAGNITUDES):
            ignored.append((start, end, "a number word with no unit"))  # "held in one place"
            return
        if text[end:end + 1].isalpha():
            ignored.append((start, end, "a number run into letters"))  # "1.2e6", "3x", "A4"
            return

    # qualifiers: before the number (a run of phrases; the span starts at the first that is not a
    # subset marker) and after it
    approximate = subset = False
    bound = None
    if qual:
        meaning = g.qualifiers.get(qual.rstrip(_QUALIFIER_TAIL))  # usually a single qualifier
        if meaning == "subset":
            subset = True
        elif meaning is not None:
            start = m.start(groups[0])
            if meaning == "approximate":
                approximate = True
            else:
                bound = meaning
        else:
            approximate, bound, subset, offset = _qualifiers(qual, g)
            if offset is not None:
                start = m.start(groups[0]) + offset
    if btw:
        start = min(start, m.start(groups[1]))
    if after:
        meaning = g.qualifiers.get(after) or g.qualifiers[_key(after)]
        if meaning == "approximate":
            approximate = True
        else:
            bound = meaning

    # the number, its scale, and the other end of a range
    if words:
        value, rule = _words_value(n1), "words"
    elif n1.isdigit():
        value, rule = float(n1), "number"
    else:
        value, rule = _number(n1)
    if s1:
        value *= g.scales.get(s1) or g.scales[_key(s1)]
        rule += "+scale"
    low_end = high_end = None
    if n2:
        if not n2[0].isalpha():
            second, second_scale = _number(n2)[0], 1.0
            if n1.isdigit() and "," in n2 and not s1 and not s2:  # "4-5,000": thousands shared by both ends
                shared = 1000.0 ** n2.count(",")
                if second / 10 <= value * shared < second:
                    value *= shared
                    rule += "+shared-thousands"
        else:  # "two to three million": the last magnitude word scales both ends
            second, second_scale = _words_value(n2), vocab.MAGNITUDES.get(n2.rsplit(None, 1)[-1], 1.0)
        if s2:
            second_scale = g.scales.get(s2) or g.scales[_key(s2)]
            second *= second_scale
        if not s1 and not (words and any(w in n1 for w in vocab.MAGNITUDES)):  # "10-15 million"
            value *= second_scale
        low_end, high_end = value, second
        rule += "+range"

    # the kind: from the unit, else from the figure before, else by policy
    kind, unit_name, factor, note, reason, assumed = "records", "record", 1.0, "", None, False
    if unit_kind == "count":
        rule += "+count"
    elif unit_kind == "storage":
        prefix, binary = payload
        kind, unit_name = "storage", "byte"
        factor = units.bytes_per(prefix, binary or policy.storage_prefixes == "binary")
        rule += "+storage"
        if prefix and not binary:
            note = policy.storage_note
        if u1 is not None:  # 500GB to 1TB: each end in its own unit
            prefix1, binary1 = (g.units.get(u1) or g.units[_key(u1)])[1]
            low_end *= units.bytes_per(prefix1, binary1 or policy.storage_prefixes == "binary") / factor
    elif drafts and (last := _last_stock(drafts)) is not None:
        stock, factor = last
        kind, assumed = ("records" if stock.kind == "record_rate" else stock.kind), stock.assumed_unit
        if kind == "storage":
            unit_name, note = "byte", stock.policy
        else:
            factor, note = 1.0, "bare number=records" if assumed else ""
        rule += "+inherit"
    elif policy.bare_number == "records":
        assumed, note = True, "bare number=records"
        rule += "+bare"
    else:
        kind, reason = "unparsed", "a number with no unit (policy bare_number=unparsed)"
        rule += "+bare"

    # a rate makes records a year
    stock_factor = factor
    if rate is not None:
        rule += "+rate"
        period = g.rates.get(rate) or g.rates[_key(rate)]
        if kind == "records":
            kind, unit_name = "record_rate", "record / year"
            factor *= units.per_year(period, policy.days_per_year)
            if period in _DAY_PERIODS:
                note = f"{note}; {policy.year_note}" if note else policy.year_note
        elif kind == "storage":
            kind, reason = "unparsed", "a storage rate (bytes per period) is not a volume held"

    # value, bounds and qualifier
    if low_end is not None:
        lower, upper = low_end * factor, high_end * factor
        if upper < lower:
            lower, upper = upper, lower
        value = lower + (upper - lower) / 2
        qualifier = "range"
    else:
        value *= factor
        lower = upper = value
        qualifier = "exact"
        if plus or bound == "lower_bound":
            qualifier, upper = "lower_bound", None
            if bound is None:
                rule += "+plus"
        elif bound == "upper_bound":
            qualifier, lower = "upper_bound", None
        elif approximate:
            qualifier, lower, upper = "approximate", None, None
    if bound:
        rule = "bound+" + rule
    if approximate:
        rule = "hedge+" + rule
    if subset and any(not f.subset for f, _ in drafts):
        rule = "subset+" + rule
    else:
        subset = False
    if kind == "unparsed":
        value = lower = upper = unit_name = None
        qualifier = "unknown"
    elif not (value < _INFINITY and (upper is None or upper < _INFINITY)):  # an overflow (inf, or nan)
        kind, unit_name, value, lower, upper, qualifier = "unparsed", None, None, None, None, "unknown"
        reason = "a number too large to be a volume"
    figure = _new(Figure, (kind, value, unit_name, lower, upper, qualifier, "primary", start, end, rule,
                           text[start:end], subset, assumed, note, reason))
    drafts.append((figure, stock_factor))


def _qualifiers(run: str, g: _Grammar) -> tuple[bool, str | None, bool, int | None]:
    """Read a run of qualifiers ("of which approximately", "estimated at around"): approximate,
    the bound if any, a subset marker, and where the span starts in the run (after subset markers).

    >>> _qualifiers("of which approximately ", _grammar())
    (True, None, True, 9)
    """
    approximate = subset = False
    bound = offset = None
    for q in g.qualifier.finditer(run):
        meaning = g.qualifiers[_key(q.group())]
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


def _last_stock(drafts: list[tuple[Figure, float]]) -> tuple[Figure, float] | None:
    """The last figure read that has a kind (not unparsed): a bare number after it takes its kind."""
    for draft in reversed(drafts):
        if draft[0].kind != "unparsed":
            return draft
    return None


def _is_year_like(digits: str) -> bool:
    """A plain 19xx or 20xx."""
    return len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20")


def _roles(drafts: list[tuple[Figure, float]]) -> tuple[Figure, ...]:
    """Several figures, primary first: the first whole stock (records or storage) with a unit of its
    own, else the first whole stock, else the first whole figure, else the first. Whole: not a subset
    and not unparsed. Every figure is read as primary; the others are made secondary here."""
    primary = assumed_stock = first_whole = None
    for f, _ in drafts:
        if f.subset or f.kind == "unparsed":
            continue
        if f.kind in _STOCKS:
            if not f.assumed_unit:
                primary = f
                break
            assumed_stock = assumed_stock or f
        first_whole = first_whole or f
    primary = primary or assumed_stock or first_whole or drafts[0][0]
    return (primary, *(_new(Figure, (*f[:6], "secondary", *f[7:])) for f, _ in drafts if f is not primary))


def _whole(text: str, kind: str, reason: str, rule: str, start: int = 0, end: int | None = None) -> Figure:
    """A figure with no value (unknown or unparsed), by default spanning the whole text."""
    end = len(text) if end is None else end
    return _new(Figure, (kind, None, None, None, None, "unknown", "primary", start, end, rule, text[start:end],
                         False, False, "", reason))


def _no_figure(text: str, phrase: tuple[int, int, str] | None, ignored: list, g: _Grammar) -> Figure:
    """The one figure of a text without a volume figure: unknown, zero, or unparsed with the reason."""
    if phrase is not None:
        start, end, key = phrase
        if g.phrases[key] == "unknown":
            return _whole(text, "unknown", text[start:end], "unknown-phrase", start, end)
        return _new(Figure, ("records", 0.0, "record", 0.0, 0.0, "exact", "primary", start, end, "zero-word",
                             text[start:end], False, False, "", None))
    if ignored:
        what = "; ".join(f"{reason} {text[s:e]!r}" for s, e, reason in ignored)
        return _whole(text, "unparsed", f"no volume figure, only {what}", "no-figure")
    return _whole(text, "unparsed", "no number, unit or unknown phrase recognised", "no-figure")
