"""The value of a number as written: digits in every notation (:func:`digits_value`) and number words
(:func:`words_value`). Pure functions over the strings the grammar matched as numbers."""

from __future__ import annotations

from . import vocab

#: "a few" -> few, "a couple of" -> couple: the word of a vague count that carries its least
_VAGUE = {phrase.removeprefix("a ").split()[0]: least for phrase, least in vocab.VAGUE_COUNTS.items()}
_LONE = {phrase.split()[1]: value for phrase, value in vocab.LONE_NUMBERS.items()}  # "a pair of" -> pair
_NUMBER_WORDS = {
    **vocab.SMALL_NUMBERS,
    **vocab.MAGNITUDES,
    **vocab.FRACTIONS,
    **_VAGUE,
    **_LONE,
    **vocab.WHOLE_CELL_NUMBERS,
    **vocab.PLURAL_MAGNITUDES,
}
_INFINITY = float("inf")
_NAN = float("nan")
_DIGIT_WORDS = {w: v for w, v in vocab.SMALL_NUMBERS.items() if v < 10}  # after "point": one digit each
_VAGUE_FIRST = frozenset([*_VAGUE, *vocab.PLURAL_MAGNITUDES])  # a vague run starts with one of these


def digits_value(text: str) -> tuple[float, str]:
    """The value of a digit string and its shape (which goes into the rule when not plain digits):
    inf past a float, NaN for a string no number reads as ("2,5 point 3", two decimal marks).

    >>> digits_value("19,654,000"), digits_value("12\u00a0500.5"), digits_value("2.75")
    ((19654000.0, 'number'), (12500.5, 'number'), (2.75, 'number'))
    >>> digits_value("2,3"), digits_value("1,00,000")
    ((2.3, 'number+decimal-comma'), (100000.0, 'number+irregular-grouping'))
    >>> digits_value("3/4 of a"), digits_value("1/2")
    ((0.75, 'number+fraction'), (0.5, 'number+fraction'))
    >>> digits_value("1 point 1"), digits_value("point 77")
    ((1.1, 'number+spoken-point'), (0.77, 'number+spoken-point'))
    >>> digits_value("160, 000"), digits_value("1.200.000"), digits_value("1.2e+06")
    ((160000.0, 'number+broken-grouping'), (1200000.0, 'number+dot-grouping'), (1200000.0, 'number+exponent'))
    """
    plain = text.replace(",", "")
    if plain.isdigit():  # digits and commas (1,200; 1,00,000; 2,5), the commonest shape: tested first
        if plain == text or text[-4::-4] == "," * (len(text) // 4) == "," * text.count(","):  # 1200, 1,200
            return float(plain), "number"
        groups = text.split(",")
        if len(groups) == 2 and len(groups[1]) <= 2:
            return float(groups[0] + "." + groups[1]), "number+decimal-comma"
        return float(plain), "number+irregular-grouping"
    if "point" in text:  # 1 point 1, point 77, 1,200 point 5: a decimal point spoken
        whole, _, decimals = text.partition("point")
        whole = whole.strip()
        digits = "".join(whole.replace(",", "").split()) or "0"  # 1,200 and 12 500 are whole numbers
        if not digits.isdigit() or (whole and digits_value(whole)[1] == "number+decimal-comma"):
            return _NAN, "number+spoken-point"  # "2,5 point 3", "35e+9 point 3": no number reads so
        return float(f"{digits}.{decimals.strip()}"), "number+spoken-point"
    if "^" in text or ("10" in text and ("x" in text or "×" in text)):  # 2^10; 1.2 x 10^6, 2.48×10−5
        return _power(text)
    if "/" in text:  # 3/4 (of a) million: the magnitude comes after
        numerator, _, denominator = text.split()[0].partition("/")
        below = float(denominator)
        return (float(numerator) / below if below else float("inf")), "number+fraction"
    if "e" in text:  # 1.2e6, and 1.2E+06 as spreadsheets write large numbers
        mantissa, _, exponent = text.partition("e")
        value, shape = digits_value(mantissa)
        return value * float(f"1e{exponent}"), shape + "+exponent"  # 1e999 is inf, never an error
    whole, _, frac = text.partition(".")
    if "." in frac:  # 1.200.000: dots as thousands separators
        return float("".join(c for c in text if c in "0123456789")), "number+dot-grouping"
    plain = whole.replace(",", "")
    tail = "." + frac if frac else ""
    if plain.isdigit():
        if plain == whole or whole[-4::-4] == "," * (len(whole) // 4) == "," * whole.count(
            ","
        ):  # 1200, 1,200
            return float(plain + tail), "number"
        groups = whole.split(",")
        if len(groups) == 2 and len(groups[1]) <= 2 and not frac:
            return float(groups[0] + "." + groups[1]), "number+decimal-comma"
        return float(plain + tail), "number+irregular-grouping"
    plain = "".join(plain.split())  # 19 654 000, or 160, 000 with a stray space
    return float(plain + tail), "number" if "," not in whole else "number+broken-grouping"


def _power(text: str) -> tuple[float, str]:
    """A number with a power: "2^10" is 1024, "1.2 x 10^6" 1.2 million (peers' suites write them).

    >>> _power("2^10"), _power("1.2 x 10^6"), _power("2.48×10−5")
    ((1024.0, 'number+power'), (1200000.0, 'number+power'), (2.48e-05, 'number+power'))
    """
    text = text.replace("−", "-")
    for sign in ("x", "×"):
        if sign in text:
            mantissa, _, power = text.partition(sign)
            exponent = power.strip()[2:].lstrip("^")  # "10^6" -> "6", "10-5" -> "-5"
            value = digits_value(mantissa.strip())[0]
            if not value < _INFINITY:  # 400 digits x 10^6: past a float already (refused as too large)
                return value, "number+power"
            digits, _, shift = repr(value).partition("e")  # 200 digits x 10^6: "1e+200" shifts by 6 more
            return float(f"{digits}e{int(shift or 0) + int(exponent)}"), "number+power"
    base, _, exponent = text.partition("^")
    try:  # 1,024^3; 2,8^3 (a decimal comma)
        return digits_value(base)[0] ** int(exponent), "number+power"
    except OverflowError:  # 99999^99: past a float (refused as too large)
        return _INFINITY, "number+power"


def words_value(text: str) -> float:
    """The value of a run of number words; a vague one ("several thousand") at its least; NaN for words
    out of the order numbers are spoken in ("one twenty two": a small number before a tens word, with
    no magnitude between, is no number this reads).

    >>> [words_value(t) for t in ("three quarters of a million", "one and a half million",
    ...  "a million and a half", "two hundred and fifty thousand", "twenty-five", "a dozen")]
    [750000.0, 1500000.0, 1500000.0, 250000.0, 25.0, 12.0]
    >>> vague = ("several thousand", "thousands", "tens of thousands", "hundreds of thousands", "dozens")
    >>> [words_value(t) for t in vague]
    [2000.0, 2000.0, 20000.0, 200000.0, 24.0]
    >>> [words_value(t) for t in ("two point two million", "three crore twelve lakh", "a pair of", "a few")]
    [2200000.0, 31200000.0, 2.0, 2.0]
    >>> words_value("three million, two hundred and forty thousand")
    3240000.0
    >>> words_value("one twenty two"), words_value("three million, two million")
    (nan, nan)
    """
    total = current = frac = 0.0
    last_magnitude = 0.0
    decimals = ""  # the digits spoken after "point"
    cap = _INFINITY  # after a comma, every magnitude is below the one before it
    for w in text.replace("-", " ").replace(",", " , ").split():
        if w == ",":
            cap = last_magnitude
            continue
        if decimals:
            if w in _DIGIT_WORDS:
                decimals += str(_DIGIT_WORDS[w])
                continue
            current += float(decimals)
            decimals = ""
        elif w == "point":
            decimals = "0."
            continue
        v = _NUMBER_WORDS.get(w)
        if v is None:  # glue: a, an, and, of
            continue
        if w in vocab.FRACTIONS:
            frac = v * (current if w == "quarters" and current else 1)
            if w == "quarters":
                current = 0.0
        elif w in vocab.MAGNITUDES or w in vocab.PLURAL_MAGNITUDES:
            if v >= cap:
                return float("nan")  # "three million, two million": two figures, not one
            least = 2.0 if w in vocab.PLURAL_MAGNITUDES else 1.0  # "thousands": at least two thousand
            if v == 100:
                current = (current or least) * v
            elif not current and not frac and total and v > last_magnitude:
                total *= v  # "two thousand million", "thousands of millions"
                last_magnitude = v
            else:
                total += ((current + frac) or least) * v
                current = frac = 0.0
                last_magnitude = v
        elif w == "dozen":
            current = current * v if current else v
        elif current and not _follows(current, v):
            return float("nan")  # "one twenty two", "twenty thirty"
        else:
            current += v
    if decimals:
        current += float(decimals)
    if frac and not current and last_magnitude:  # "a million and a half"
        return total + frac * last_magnitude
    return total + current + frac


def _follows(current: float, v: float) -> bool:
    """Whether the small number ``v`` may follow ``current`` in a spoken number: a unit after a round
    tens ("twenty five"), anything after a round hundred ("hundred and five")."""
    below_hundred = current % 100
    if v < 10:
        return below_hundred == 0 or (below_hundred >= 20 and below_hundred % 10 == 0)
    return below_hundred == 0


def is_vague(words: str) -> bool:
    """Whether a run of number words is vague: it starts with a vague count or a plural magnitude.

    >>> [is_vague(t) for t in ("several thousand", "a few million", "thousands", "two millions")]
    [True, True, True, False]
    """
    first = words.split(None, 2)
    return first[0] in _VAGUE_FIRST or (
        first[0] in ("a", "an") and len(first) > 1 and first[1] in _VAGUE_FIRST
    )


def has_magnitude(words: str) -> bool:
    """Whether a run of number words has a magnitude ("a million" does, "one" does not)."""
    return any(w in words for w in vocab.MAGNITUDES)


def is_year_like(digits: str) -> bool:
    """A plain 19xx or 20xx."""
    return len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20")
