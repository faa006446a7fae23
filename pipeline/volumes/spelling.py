"""Near misses of scale and unit words: "milion" is a million, "gigbytes" gigabytes, "thousnad" a thousand.

The reader asks only about a word after a number that is no vocabulary (the fast path, a known word,
never comes here), and each word's answer is cached. A word is a near miss of a target when it starts
with the same letter and is within one edit of it (two for words of nine letters or more), an edit
being a letter put in, taken out, changed, or two neighbours swapped. A word near two targets that
mean different things is no near miss of either.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

#: Shorter words are too near too many English words ("tb" is one edit from "to").
MIN_LENGTH = 4


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn ``a`` into ``b``: the optimal
    string alignment distance.

    >>> edit_distance("milion", "million"), edit_distance("thousnad", "thousand"), edit_distance("tb", "to")
    (1, 1, 1)
    >>> edit_distance("billing", "billion"), edit_distance("gigabtyes", "gigabytes")
    (2, 1)
    """
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, previous2[j - 2] + 1)
            row.append(best)
        previous2, previous = previous, row
    return previous[-1]


def allowed_edits(word: str) -> int:
    """How many edits a word of this length may be from its target: one, or two from nine letters on."""
    return 2 if len(word) >= 9 else 1


class Speller:
    """Near misses of ``targets`` (a word -> what it means: a scale, a unit), answered once a word.

    The meanings are compared by their ``repr``: two words that mean the same (1e6 for "million" and
    "millions") are one answer."""

    def __init__(self, targets: Mapping[str, Any]) -> None:
        self.targets = dict(targets)
        self.nearest = lru_cache(maxsize=4096)(self._nearest)

    def _nearest(self, word: str) -> tuple[str, ...]:
        """The targets nearest ``word`` within its allowed edits: one for a near miss, none, or several
        that mean different things (a near miss of no one of them). Targets that mean the same come
        back as the first of them.

        >>> Speller({"billion": 1e9, "billions": 1e9, "million": 1e6}).nearest("billios")
        ('billion',)
        >>> speller = Speller({"mile": "length", "mole": "amount", "billion": 1e9})
        >>> [speller.nearest(w) for w in ("mle", "mxle", "billing", "xillion")]
        [(), ('mile', 'mole'), (), ()]
        """
        if len(word) < MIN_LENGTH:
            return ()
        limit = allowed_edits(word)
        best: list[str] = []
        best_distance = limit + 1
        for target in self.targets:
            if target[0] != word[0] or abs(len(target) - len(word)) > limit:
                continue
            distance = edit_distance(word, target)
            if distance > limit:
                continue
            if distance < best_distance:
                best, best_distance = [target], distance
            elif distance == best_distance:
                best.append(target)
        meanings = {repr(self.targets[t]): t for t in reversed(best)}  # the first target of each meaning
        return tuple(sorted(meanings.values()))
