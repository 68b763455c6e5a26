"""NearDup's `news` normalization and word 5-gram shingles, in Python.

The same shingle strings as NearDup's `Sources/NearDup/Text` (ParagraphSplitter in `lines`
mode, TextNormalizer, Shingler with `word:5`), so that the peers and the scoring work on the
shingle sets NearDup works on:

- A document is cut into lines at `\\r\\n`, `\\r` or `\\n` (not at other Unicode line breaks).
- Text is normalized with Unicode NFKC, then case folding (`Straße` -> `strasse`).
- Every character whose Unicode general category is not a letter (L*), a mark (M*) or a number
  (N*) separates words; so do the modifier-letter apostrophes U+02BB and U+02BC.
- A line with at least 5 words gives the runs of 5 consecutive words, joined by one space; a line
  with 1-4 words gives one shingle, its whole normalized text; a line with no word gives none.
- A document's shingle set is the union of its lines' shingles: shingles never span a line
  break, and NearDup's whole-text set is this union over its content paragraphs (all of them with
  `--no-boilerplate`).

Python's `unicodedata` may be an older Unicode version than Swift's; the two differ only on
characters assigned in between. `check_shingles.py` compares the result with NearDup's own.
"""

import re
import sys
import unicodedata

SHINGLE_WORDS = 5

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _word_pattern(last: int) -> "re.Pattern[str]":
    """A regular expression for one word: a maximal run of letters, marks and numbers up to the
    code point `last`."""
    ranges = []
    start = None
    for code in range(last + 2):
        is_word = (
            code <= last
            and unicodedata.category(chr(code))[0] in "LMN"
            and code not in (0x02BB, 0x02BC)
        )
        if is_word and start is None:
            start = code
        elif not is_word and start is not None:
            ranges.append(f"\\U{start:08x}-\\U{code - 1:08x}")
            start = None
    return re.compile("[" + "".join(ranges) + "]+")


# `re` tests a Basic Multilingual Plane character against a bitmap but the ranges beyond it one
# by one, for every separator: ten times slower. So text without such characters (nearly all
# news) uses the pattern without them; both give the same words on it.
_WORD_BMP = _word_pattern(0xFFFF)
_WORD_ALL = _word_pattern(sys.maxunicode)
_BEYOND_BMP = re.compile("[\\U00010000-\\U0010ffff]")


def shingles(text: str) -> set[str]:
    """The set of word 5-gram shingles of a document, as NearDup builds them."""
    # NFKC and case folding never create or remove line breaks, and a line break never composes
    # with its neighbours, so normalizing the whole text equals normalizing line by line.
    folded = unicodedata.normalize("NFKC", text).casefold()
    word = _WORD_ALL if _BEYOND_BMP.search(folded) else _WORD_BMP
    result: set[str] = set()
    for line in _LINE_BREAK.split(folded):
        words = word.findall(line)
        if len(words) >= SHINGLE_WORDS:
            result.update(
                " ".join(words[first : first + SHINGLE_WORDS])
                for first in range(len(words) - SHINGLE_WORDS + 1)
            )
        elif words:
            result.add(" ".join(words))
    return result
