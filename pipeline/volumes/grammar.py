"""A small grammar over the vocabulary tables: text -> matches.

The grammar of one figure, each part optional except the number::

    [qualifiers] [between] NUMBER [scale] [[unit] (- | to | and) NUMBER [scale] [unit]] [+]
        [up to 3 words] [unit [up to 3 words] [rate]] [qualifier after]

:class:`Grammar` compiles it, with the numbers that are not volumes (dates, financial years,
references, money, legal citations) and the whole-cell phrases (unknown, zero), into one regular
expression built from :mod:`.vocab`: every phrase table becomes a trie-shaped alternation that
matches the longest phrase first. The text is lower-cased once and scanned left to right; each
match is a figure, an ignored number or a phrase. :mod:`.reader` turns the matches into figures,
with the tables kept here that give matched phrases their meaning.

No I/O, and nothing is compiled at import: :func:`grammar` builds the scanner on first use.
Written for speed (see ``benchmarks/parser_speed.py``): the regular expression does the reading, so
the Python around it stays short and flat.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from . import vocab
from .spelling import Speller

#: A letter of the Latin, Greek or Cyrillic scripts, the ones volume texts are written in. An explicit
#: class, because the regex engine tests it several times faster than the Unicode letter category.
LETTER = "[a-zA-Z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff]"
_WORD_CHAR = "[0-9_" + LETTER[1:]
_WORD_START = rf"(?<!{LETTER})"
_WORD_END = rf"(?!{LETTER})"

# --- patterns from phrase tables ------------------------------------------------------------


def phrase_pattern(phrases: Iterable[str], before_number: Iterable[str] = (), word_start: bool = True) -> str:
    """A regex source matching any of ``phrases`` as whole words, the longest that fits first.

    The phrases are merged into a trie so that the regex engine branches once per character. A
    space in a phrase matches any run of white space; a phrase starting with a letter must start a
    word, and no phrase may run on into a letter (the engine backtracks to a shorter one if it does).

    ``before_number`` phrases only match when a number follows (in the same trie walk).
    ``word_start=False`` leaves out the check that a phrase starts a word, for a place where the
    character before cannot be a letter (each phrase inside the scanner; see :class:`Grammar`).

    >>> rx = re.compile(phrase_pattern(["per day", "per annum", "pa", "p.a."], before_number=["year"]))
    >>> [m.group() for m in rx.finditer("5 per  annum, 6 pa, 7 p.a. but not paid, year 11, a year")]
    ['per  annum', 'pa', 'p.a.', 'year 1']
    """
    trie = _trie(phrases, before_number)
    if not word_start:
        return _trie_source(trie) + _WORD_END
    words = {k: v for k, v in trie.items() if k.isalpha()}
    symbols = {k: v for k, v in trie.items() if not k.isalpha()}
    alts = []
    if words:
        alts.append(_WORD_START + _trie_source(words))
    if symbols:
        alts.append(_trie_source(symbols))
    return "(?:" + "|".join(alts) + ")" + _WORD_END


def _trie(phrases: Iterable[str], before_number: Iterable[str] = ()) -> dict:
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


def _trie_size(node: dict) -> int:
    """How many phrases a trie node leads to."""
    return 1 if not node else sum(map(_trie_size, node.values()))


def _trie_source(node: dict) -> str:
    """The alternation for a trie node: longer continuations first, then (if a phrase ends here) stop.

    The continuations are mutually exclusive (each starts with its own piece), so their order is free:
    those leading to more phrases come first, so the engine, which tries them in turn, tries the
    likelier first."""
    ordered = sorted(node.items(), key=lambda item: (-_trie_size(item[1]), item[0]))
    alts = [piece + _trie_source(child) for piece, child in ordered if piece]
    if "" in node:
        alts.append("")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# --- the grammar ------------------------------------------------------------------------------


def phrase_key(phrase: str) -> str:
    """A matched phrase as a table key: lower case already, white space runs made single spaces."""
    return " ".join(phrase.split())


class Grammar:
    """The compiled scanner and the tables that give matched phrases their meaning."""

    #: The groups of a figure, in the order :mod:`.reader` reads them.
    FIGURE = (
        "lead",
        "qual",
        "btw",
        "times",
        "n1",
        "s1",
        "u1",
        "n2",
        "s2",
        "u2",
        "pm",
        "plus",
        "gap",
        "u",
        "rate",
        "after",
        "ratio",
    )

    def __init__(self) -> None:
        # Inside the scanner no phrase needs to check that it starts a word: a match starts after
        # no word character (the start gate checks), and every later phrase follows a space, a digit,
        # a symbol or a phrase that may not run on into a letter.
        inner = functools.partial(phrase_pattern, word_start=False)
        months = inner(vocab.MONTHS)
        months_not_may = inner(m for m in vocab.MONTHS if m != "may")
        count = inner(vocab.COUNT_NOUNS)
        storage = inner(vocab.STORAGE_UNITS)
        unit_or_rate = inner(
            [
                *vocab.STORAGE_UNITS,
                *vocab.BIT_UNITS,
                *vocab.COUNT_NOUNS,
                *vocab.ITEM_NOUNS,
                *vocab.NON_VOLUME_NOUNS,
                *vocab.RATES,
            ]
        )
        rate = inner(vocab.RATES)
        # A figure reaches across up to three words to its unit or rate ("2 million unique pupil
        # records", "29,000 records processed annually"), the fewest first, never across a separator,
        # a subset marker or a rate ("1,200 a day" is a rate, not 1,200 "day"s).
        stop = inner([*vocab.RATES, *vocab.SEPARATORS, *vocab.SUBSET_MARKERS])
        word = rf"\s+(?!{stop})(?>{LETTER}+(?:['’-]{LETTER}+)*)"
        # (?:word){0,3}? written as nested alternations, the empty branch first: the same reach, the
        # fewest words first, but the engine tries an alternation faster than a lazy repeat
        reach = rf"(?:|{word}(?:|{word}(?:|{word})))\s*"
        # the same before the unit, its words kept (group gap): the reader looks at the first of them,
        # where a scale or unit belongs ("5 milion records")
        reach_unit = rf"(?:|(?P<gap>{word}(?:|{word}(?:|{word}))))\s*"
        qualifiers_before = [
            *vocab.HEDGES_BEFORE,
            *vocab.LOWER_BOUNDS,
            *vocab.UPPER_BOUNDS,
            *vocab.CAPACITY_MARKERS,
            *vocab.ORDER_MARKERS,
            *vocab.SUBSET_MARKERS,
        ]
        qualifier = inner(qualifiers_before)
        after = inner([*vocab.HEDGES_AFTER, *vocab.LOWER_BOUNDS_AFTER, *vocab.UPPER_BOUNDS_AFTER])
        small = inner([*vocab.SMALL_NUMBERS, *vocab.FRACTIONS])
        magnitude = inner(vocab.MAGNITUDES)
        number_word = inner(
            [*vocab.SMALL_NUMBERS, *vocab.FRACTIONS, *vocab.MAGNITUDES, *vocab.PLURAL_MAGNITUDES]
        )
        vague = inner(vocab.VAGUE_COUNTS)
        plural = inner(vocab.PLURAL_MAGNITUDES)
        vague_of = ["tens", *vocab.PLURAL_MAGNITUDES]  # "tens of", "hundreds of" thousands
        tens = [w for w, v in vocab.SMALL_NUMBERS.items() if v >= 20 and v % 10 == 0]  # "twenty-" five
        fraction = inner(vocab.FRACTIONS)
        digit_word = inner(w for w, v in vocab.SMALL_NUMBERS.items() if v < 10)
        signs = re.escape("".join(vocab.CURRENCY_SIGNS))

        # One pass, no backtracking: leading digits, then comma or space groups, then decimals. Each
        # alternative starts on a character, and each optional part is an alternation with an empty
        # branch (not a "?"), so the engine skips what cannot follow on one character test.
        group = r"""(?:
                  ,(?:[0-9]+                                                # 19,654,000; 1,00,000; 2,5
                     |(?<![0-9]{4},)[ \u00a0\u2009\u202f][0-9]{3}(?![0-9]))  # 160, 000 (a typo)
                | [ \u00a0\u2009\u202f](?<![0-9]{4}.)[0-9]{3}(?![0-9])       # 19 654 000
            )"""
        # a repeat costs the engine more than an alternation: only a number with a group has one
        digits = rf"""(?>[0-9]+(?:/[0-9]{{1,2}}(?:\s+of|)(?:\s+an?|)(?=\s+{magnitude})   # 3/4 (of a) million
            |(?:{group}{group}*|)
            (?:\.[0-9]{{3}}\.[0-9]{{3}}(?:\.[0-9]{{3}})*(?![0-9])|)             # 1.200.000
            (?:\.[0-9]+(?:e[+-]?[0-9]{{1,3}}(?![0-9])|)|e\+[0-9]{{1,3}}(?![0-9])|)  # 2.75; 1.2e6, 5E+03, 9.8e-3
            (?:\^[0-9]{{1,2}}(?![0-9])                                                # 2^10
               |[ ]?+(?:[x×]\s?10(?:\^[−-]?|[−-])[0-9]{{1,2}}(?![0-9])|point\s+[0-9]+(?![0-9.,]))
               |))                                                       # 1 point 1; 1.2 x 10^6, 2.48×10−5
            |\.[0-9]+|point\s+[0-9]+(?![0-9.,]))                               # .5, point 77
        """
        # "one and a half million", "three quarters of a million", "twenty-five thousand", "a billion"
        glue = rf"""(?:
              \s+and\s+an?\s+(?={fraction})
            | (?:{"|".join(f"(?<={m})" for m in vocab.MAGNITUDES)})\s+and\s+       # two hundred and fifty
            | \s+(?:of\s+)?an?\s+(?={magnitude})
            | (?:{"|".join(f"(?<={w})" for w in vague_of)})\s+of\s+(?={plural})        # hundreds of thousands
            | (?=\s*-)(?:{"|".join(f"(?<={w})" for w in tens)})\s*-\s*              # twenty-five
            | \s+point\s+(?={digit_word})                                     # two point two million
            | (?:(?<=illion)|(?<=thousand)|(?<=hundred)),\s+(?={small})          # three million, two hundred
            | \s+
            )"""
        # a vague count only before a magnitude ("several thousand", "tens of thousands"), never alone
        words = rf"""(?:an?\s+(?={magnitude}|{fraction}|dozen)|(?={small}|{plural})|{vague}\s+(?:of\s+)?(?={magnitude}|{plural}))
                     {number_word}(?:{glue}{number_word})*"""
        # "a single record", "a pair of files", "a few records" (at least two): only before a counted noun
        lone = rf"""(?:{inner([*vocab.LONE_NUMBERS, *vocab.VAGUE_ALONE])}(?=\s+{count}|\s*$)
                   |{inner(vocab.WHOLE_CELL_NUMBERS)}(?=\s*$))"""
        number = rf"(?>{digits}|{words}|{lone})"
        number2 = rf"(?>{digits}|{words})"  # a range's second end: never a lone word
        # "2.5b records": b is a scale before a counted noun, a byte otherwise
        # (only after a b: a repeat, and the engine's copies of the expression stay small)
        scale = (
            rf"(?:{inner(vocab.SCALES)}|{inner(vocab.STORAGE_OR_SCALE)}(?=(?:\s+{LETTER}+){{0,3}}\s*{count}))"
        )
        plain_scale = inner(vocab.SCALES)  # where no counted noun follows: money, tolerances, users

        # Numbers that are not volumes, with the reason they are ignored. Percentages, ordinals,
        # "5 million pounds" and counts of other things are read as figures, then set aside by their
        # unit (NON_VOLUME_NOUNS).
        not_after_number = r"(?<![0-9.,])"
        ordinal = r"(?:st|nd|rd|th|)"
        dated = {  # starting with a digit: tried before a figure at the same place
            "date": rf"""{not_after_number}(?:
                    [0-9]{{1,2}}(?:[/.-][0-9]{{1,2}}[/.-][0-9]{{2,4}}(?![0-9])                 # 31/03/16
                    | {ordinal}\s+(?:of\s+)?(?:{months}\.?,?\s+(?:[0-9]{{4}}|'?[0-9]{{2}})(?![0-9]|,[0-9])  # 1 April 2015, 31 March 16
                                         |{months_not_may}))
                  | [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?![0-9]))                                # 2016-06-17
            """,
            "fy": rf"{not_after_number}{inner(_financial_years())}(?![0-9,])",  # 2015/16, 2015-2016
            "ref": rf"""{not_after_number}(?:(?:19|20)[0-9]{{2}}[-/][0-9]{{5,}}           # 2016-0027740
                    | [0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)(?![0-9])                      # 10:30
            """,
            # "1/5", "Volumes 1/2": a fraction with no magnitude after it is no count
            "fraction": rf"""{not_after_number}[0-9]{{1,3}}/[0-9]{{1,3}}(?![0-9/]|[.,][0-9])
                (?!\s+(?:of\s+)?(?:an?\s+)?{magnitude})""",
        }
        # a quick look first: each has a separator or a month within a few characters of its start
        # (the leading digit taken out of both branches, so a letter fails on it at once)
        looks_dated = rf"(?=[0-9](?:[0-9]?+{ordinal}\s+{LETTER}|[0-9]{{0,3}}+\s*+[/.:–-]))"
        worded = {  # starting with a word or a sign: tried after figures and phrases
            "mdate": rf"""(?:{months}\.?\s+[0-9]{{1,2}}{ordinal},?\s+[0-9]{{4}}   # June 17, 2016
                      | {months}\.?,?\s+[0-9]{{4}}                                # June 2016
                      | q[1-4]\s*[0-9]{{4}}(?:\s?[/-]\s?[0-9]{{2}}(?:[0-9]{{2}})?)?)(?![0-9])  # Q3 2016, Q4 2015/16
            """,
            "fyp": r"fy\s?(?:19|20)?[0-9]{2}(?:\s?[/-]\s?[0-9]{2}(?:[0-9]{2})?)?(?![0-9])",
            "refm": rf"{inner(vocab.REFERENCE_MARKERS)}[\s:#.]*(?:no\.?\s*)?[0-9](?:[0-9/-]*[0-9])?",
            "legal": rf"{inner(vocab.LEGAL_MARKERS)}\s?[0-9]+[a-z]?(?:\s?\([0-9a-z]{{1,4}}\))*",
            # a label's number is short and plain: "year 11", "aged 0-5", but never "year 5,000"
            # and a short range: "aged 40 to 69", "visits 1 and 2", "Year 11 & 12"
            "label": rf"""{inner(vocab.LABEL_MARKERS)}\s?[0-9]{{1,5}}
                (?:\s*(?:[-–]|to{_WORD_END})\s*[0-9]{{1,5}}|\s*(?:and{_WORD_END}|&)\s*[0-9]{{1,2}}|)(?![0-9]|[.,][0-9])""",
            "money": rf"[{signs}]\s*{digits}(?:\s*{plain_scale})?",
            "footnote2": r"\[[0-9]{1,3}\]",  # "2,000 records [1]" (a superscript ¹ is never a digit here)
            "tolerance": rf"(?:\+\s?/\s?-|±)\s*{digits}(?:\s*{plain_scale}|)",  # "+/- 10,000": no figure
            "negative2": rf"(?:minus|negative)\s+{digits}(?:\s*{plain_scale}|)",  # "minus 1,200,000"
            # "used by 3,000 staff": the people who use a system, not the records it holds
            "users": rf"{inner(vocab.USER_MARKERS)}\s+(?:{qualifier}[\s:]*)?{digits}(?:\s*{plain_scale}|)(?:\s+{LETTER}+|)",
        }
        self.ignored_reasons = {
            "date": "a date",
            "mdate": "a date",
            "fy": "a financial year",
            "fyp": "a financial year",
            "ref": "a reference or time",
            "fraction": "a fraction with no magnitude",
            "refm": "a reference or time",
            "legal": "a legal reference",
            "label": "a label",
            "footnote": "a footnote marker",
            "footnote2": "a footnote marker",
            "tolerance": "a tolerance with no figure before it",
            "negative": "a negative number (no volume is below zero)",
            "negative2": "a negative number (no volume is below zero)",
            "exponent": "an exponent",
            "users": "count of users",
            "money": "an amount of money",
        }
        # after a qualifier: any year pair, financial or not, is no volume ("over 2015/16")
        year_pair = r"(?:19|20)[0-9]{2}\s*[/–-]\s*[0-9]{2}"
        not_a_volume = looks_dated + f"(?:{dated['date']}|{year_pair}|{dated['ref']})"
        # after a rate leading a figure, a short or year-like number is a label ("each Year 11")
        label_number = r"(?:[0-9]{1,2}|(?:19|20)[0-9]{2})(?![0-9]|[.,][0-9])"

        # Each optional part is an alternation with an empty branch, "(?:part|)", not "(?:part)?":
        # the engine runs a repeat for a "?" around a group, and only an alternation when there is
        # none. Everything after the first number is optional, so no part is ever given back.
        figure = rf"""
            (?:(?P<lead>{inner([*vocab.RATE_LEADS, *vocab.ADVERB_LEADS])})                  # each year, annually...
               \s*(?:[:,–-][\s:,–-]*(?!{not_a_volume})|(?!{not_a_volume}|{label_number}))|)
            (?:(?![0-9])(?P<qual>(?>(?:{qualifier}[\s:]*)+))(?!{not_a_volume})|)   # circa, over, of which...
            (?:(?P<btw>between)\s+|)
            (?:(?P<times>[0-9]{{1,3}}+)(?![0-9.,])\s*[x×]\s*(?=\.?[0-9])(?!{not_a_volume})|)  # 3 x 2TB
            (?P<n1>{number})(?:\s*(?P<s1>{scale})|)
            (?:(?=\s*+(?:[-–—]|to|and|[a-z]{{1,10}}+\s*+(?:[-–—]|to|and)))   # a range:
               (?:\s*(?P<u1>{storage}))?                                       # 500GB to 1TB
               \s*(?:[-–—]|to{_WORD_END}|(?(btw)and{_WORD_END}|(?!)))\s*(?:[~≈]\s*|)   # ~5GB to ~100GB
               (?P<n2>{number2})(?:\s*(?P<s2>{scale}))?(?(u1)\s*(?P<u2>{storage}))
            |)
            (?:\s*+(?:(?P<pm>\+\s?/\s?-|±)\s*{digits}(?:\s*{plain_scale}|)(?:\s*%|)   # 50,000 +/- 10,000
                     |(?P<plus>\+)(?!\s*[0-9]))|)                                      # 5,000+
            (?:(?:-(?=[a-z])|{reach_unit})(?P<u>{unit_or_rate})(?:\s+{count})*+(?:{reach}(?P<rate>{rate})|)|)   # 27-kilometer
            (?:\s*(?P<after>{after})(?!\s*[0-9])|)
            (?(rate)|(?:(?P<ratio>\s+(?:per|each|for\s+each|for\s+every)\s+(?!{rate}){LETTER}+)|))  # 1 record per customer
        """
        phrases = inner([*vocab.UNKNOWN_PHRASES, *vocab.WITHHELD_PHRASES, *vocab.ZERO_PHRASES])
        # what the character before a number says of it, tried before it is read as a figure: a minus
        # sign ("-504": refused, never dropped), an exponent ("2^10": read with its base), a footnote
        # digit glued to a word ("HES APC.3")
        glued = {
            "negative": rf"(?<![0-9a-z.][-−])(?<=[-−]){digits}(?:\s*{plain_scale}|)",
            "exponent": r"(?<=\^)[0-9]{1,3}",
            "footnote": r"(?<=[a-z]\.)[0-9]{1,2}(?![0-9]|[.,][0-9])",
        }
        # Every capture group costs the engine at every match (the more so numbered before a figure's) and
        # the reader at every figure, so the rarer numbers set aside share one: a run of members next to
        # each other in their family is one group, and the reader asks the run's own expression (its members
        # in the same order, each with its group) which it is, at the same place. The same member matches
        # there as in the scanner, so the reason is the same.
        runs = {
            "dated": (dated, [["date"], ["fy"], ["ref", "fraction"]]),
            "glued": (glued, [["negative", "exponent", "footnote"]]),
            "worded": (
                worded,
                [
                    ["mdate", "fyp"],
                    ["refm"],
                    ["legal"],
                    ["label"],
                    ["money", "footnote2", "tolerance", "negative2", "users"],
                ],
            ),
        }
        #: a group of several members -> the expression that tells which of them matched
        self.families: dict[str, re.Pattern] = {}

        def family(name: str) -> str:
            members, grouped = runs[name]
            assert [m for run in grouped for m in run] == list(members), f"every member of {name}, in order"
            parts = []
            for i, run in enumerate(grouped):
                if len(run) == 1:
                    parts.append(f"(?P<{run[0]}>{members[run[0]]})")
                else:
                    group = f"{name}{i}"
                    parts.append(f"(?P<{group}>" + "|".join(f"(?:{members[m]})" for m in run) + ")")
                    self.families[group] = re.compile(
                        "|".join(f"(?P<{m}>{members[m]})" for m in run), re.VERBOSE
                    )
            return "(?:" + "|".join(parts) + ")"

        alternatives = [looks_dated + family("dated"), r"(?<=[-−^.])" + family("glued")]
        # a figure has no group of its own (its text would be copied out for nothing): a match whose last
        # group is one of FIGURE's is a figure
        alternatives += [f"(?:{figure})", f"(?P<phrase>{phrases})"]
        # a rate phrase no figure took, closing a clause: "... records of admitted patient care each year."
        alternatives += [rf"(?P<crate>{rate})(?=[\s.]*(?:[.;)\n]|<br|$))"]
        # the worded ones behind one look at how any of them starts, so a position where none can (a hedge
        # with no number after it) tries none
        worded_starts = _trie_source(
            _trie(
                [
                    *vocab.MONTHS, "fy", "q", *vocab.REFERENCE_MARKERS, *vocab.LEGAL_MARKERS,
                    *vocab.LABEL_MARKERS, *vocab.CURRENCY_SIGNS, "[", "+", "±", *vocab.USER_MARKERS, "minus",
                    "negative",
                ]
            )
        )  # fmt: skip
        alternatives += [f"(?={worded_starts}){family('worded')}"]
        flags = re.VERBOSE
        # Every match starts on a digit, a sign, or a phrase, never inside a word. Checking that
        # first (one trie walk) spares the engine trying every alternative at every other position.
        phrase_starts = [
            *vocab.MONTHS,
            "fy",
            "q1",
            "q2",
            "q3",
            "q4",
            *vocab.RATE_LEADS,
            *vocab.ADVERB_LEADS,
            *vocab.CAPACITY_MARKERS,
            *vocab.ORDER_MARKERS,
            *vocab.USER_MARKERS,
            "point",
            "minus",
            "negative",
            *vocab.REFERENCE_MARKERS,
            *vocab.LEGAL_MARKERS,
            *vocab.HEDGES_BEFORE,
            *vocab.LOWER_BOUNDS,
            *vocab.UPPER_BOUNDS,
            *vocab.SUBSET_MARKERS,
            "between",
            *vocab.SMALL_NUMBERS,
            *vocab.FRACTIONS,
            *vocab.MAGNITUDES,
            *vocab.VAGUE_COUNTS,
            *vocab.LONE_NUMBERS,
            *vocab.VAGUE_ALONE,
            *vocab.WHOLE_CELL_NUMBERS,
            *vocab.PLURAL_MAGNITUDES,
            *(f"{a} {m}" for a in ("a", "an") for m in [*vocab.MAGNITUDES, "dozen"]),
            *vocab.UNKNOWN_PHRASES,
            *vocab.WITHHELD_PHRASES,
            *vocab.ZERO_PHRASES,
            *vocab.RATES,
        ]
        # A number glued to a word by a hyphen is part of a name ("Post-16", "Covid-19"), not a start,
        # and nor is a digit after a decimal point or a comma. Each lookbehind comes after the digit
        # (or point and digit) it is about, so it reaches back over it.
        number_start = (
            rf"[0-9](?<![0-9][.,][0-9])(?<!{LETTER}-[0-9])"
            rf"|\.[0-9](?<![0-9][.,]\.[0-9])(?<!{LETTER}-\.[0-9])"
        )
        # label words are common ("year", "table"): a match starts on one only when a number follows.
        # One trie for words and symbols alike, with no word-start check: the gate has made sure already
        # that the start is not after a word character.
        starts = _trie_source(_trie(phrase_starts, before_number=vocab.LABEL_MARKERS)) + _WORD_END
        # A single lookahead whose alternatives each start with a character or a class, so the engine
        # skips the ones that cannot start here without trying them.
        start = rf"(?<!{_WORD_CHAR})(?={number_start}|[{signs}\[±+]|{starts})"
        self.scan = re.compile(rf"{start}(?:{'|'.join(alternatives)})", flags)
        numbers = [self.scan.groupindex[name] for name in self.FIGURE]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), "a figure's groups are in order"
        self.figure_groups = slice(numbers[0] - 1, numbers[-1])  # of Match.groups(), which starts at group 1
        self.figure_names = frozenset(self.FIGURE)
        self.n1_group, self.times_group, self.lead_group, self.qual_group, self.btw_group, self.unit_group = (
            self.scan.groupindex[name] for name in ("n1", "times", "lead", "qual", "btw", "u")
        )
        self.n2_group = self.scan.groupindex["n2"]
        self.qualifier = re.compile(phrase_pattern(qualifiers_before))  # alone, it checks word starts itself

        self.scales = {**vocab.SCALES, **vocab.STORAGE_OR_SCALE}
        self.storage_or_scale = frozenset(vocab.STORAGE_OR_SCALE)
        #: a unit phrase -> (its kind: rate | nonvol | count | storage, what that kind needs)
        self.units: dict[str, tuple[str, Any]] = {
            **{k: ("rate", v) for k, v in vocab.RATES.items()},
            **{k: ("nonvol", v) for k, v in vocab.NON_VOLUME_NOUNS.items()},
            **dict.fromkeys(vocab.COUNT_NOUNS, ("count", None)),
            **dict.fromkeys(vocab.ITEM_NOUNS, ("items", None)),
            **{k: ("storage", v) for k, v in vocab.STORAGE_UNITS.items()},
            **{k: ("bits", v) for k, v in vocab.BIT_UNITS.items()},
        }
        self.rates = vocab.RATES
        self.qualifiers = {
            **dict.fromkeys([*vocab.HEDGES_BEFORE, *vocab.HEDGES_AFTER], "approximate"),
            **dict.fromkeys([*vocab.LOWER_BOUNDS, *vocab.LOWER_BOUNDS_AFTER], "lower_bound"),
            **dict.fromkeys([*vocab.UPPER_BOUNDS, *vocab.UPPER_BOUNDS_AFTER], "upper_bound"),
            **dict.fromkeys(vocab.CAPACITY_MARKERS, "capacity"),
            **dict.fromkeys(vocab.ORDER_MARKERS, "order"),
            **dict.fromkeys(vocab.SUBSET_MARKERS, "subset"),
        }
        self.phrases = {
            **dict.fromkeys(vocab.UNKNOWN_PHRASES, "unknown"),
            **dict.fromkeys(vocab.WITHHELD_PHRASES, "withheld"),
            **dict.fromkeys(vocab.ZERO_PHRASES, "zero"),
        }
        # the clause around a figure: a period closing it, what breaks it, verbs of upkeep, growth
        self.clause_break = re.compile(r"[.;\n]|<br")
        self.upkeep = re.compile(phrase_pattern(vocab.UPKEEP_VERBS))
        self.growth = re.compile(phrase_pattern(vocab.GROWTH_WORDS))
        self.exemptions = vocab.EXEMPTIONS
        self.legal_marker = re.compile(r"([a-z.]+)\s?([0-9]+)")

        # A word after a number where a scale or unit belongs: known (any table's first word, or one of
        # WORDS_AFTER_A_NUMBER), else a near miss of a scale or unit word, else refused
        self.next_word = re.compile(rf"\s*({LETTER}+)")
        tables: list[Iterable[str]] = [
            vocab.SCALES, vocab.STORAGE_OR_SCALE, vocab.SMALL_NUMBERS, vocab.MAGNITUDES, vocab.FRACTIONS,
            vocab.VAGUE_COUNTS, vocab.PLURAL_MAGNITUDES, vocab.LONE_NUMBERS, vocab.STORAGE_UNITS,
            vocab.BIT_UNITS, vocab.COUNT_NOUNS, vocab.ITEM_NOUNS, vocab.NON_VOLUME_NOUNS, vocab.RATES,
            qualifiers_before, vocab.HEDGES_AFTER, vocab.LOWER_BOUNDS_AFTER, vocab.UPPER_BOUNDS_AFTER, vocab.SEPARATORS,
            vocab.REFERENCE_MARKERS, vocab.LEGAL_MARKERS, vocab.LABEL_MARKERS, vocab.UNKNOWN_PHRASES,
            vocab.WITHHELD_PHRASES, vocab.ZERO_PHRASES, vocab.MONTHS, vocab.WORDS_AFTER_A_NUMBER,
        ]  # fmt: skip
        # a single letter only as a whole phrase ("k", "b", "x"), not as the start of one ("t b", "p.a.")
        self.known = frozenset(
            first
            for table in tables
            for phrase in table
            if (first := re.split(r"[^a-z]+", phrase)[0]) and (len(first) > 1 or first == phrase)
        )
        corrections: dict[str, tuple[str, Any]] = {
            **{w: ("scale", vocab.SCALES[w]) for w in vocab.CORRECTABLE if w in vocab.SCALES},
            **{w: ("count", None) for w in vocab.CORRECTABLE if w in vocab.COUNT_NOUNS},
            **{w: ("storage", v) for w, v in vocab.STORAGE_UNITS.items() if w.isalpha() and len(w) > 3},
            **{w: ("bits", v) for w, v in vocab.BIT_UNITS.items() if w.isalpha() and len(w) > 3},
        }
        self.corrections = corrections
        self.speller = Speller(corrections)
        self.scale_endings = vocab.SCALE_ENDINGS


def _financial_years() -> list[str]:
    """Every financial or academic year 1900/01 to 2099/00 as written: 2015/16, 2015-2016, 2015 – 16...

    A number pair that is not one ("2000-3000", "2010-2015") is left to be read as a range.

    >>> years = _financial_years()
    >>> "2015/16" in years, "1999-2000" in years, "2015 - 16" in years, "2015-17" in years
    (True, True, True, False)
    """
    return [
        f"{year}{gap}{sep}{gap}{following}"
        for year in range(1900, 2100)
        for following in (f"{(year + 1) % 100:02d}", str(year + 1))
        for sep in "/-–"
        for gap in ("", " ")
    ]


@functools.cache
def grammar() -> Grammar:
    """The compiled grammar, built on first use (not at import)."""
    return Grammar()
