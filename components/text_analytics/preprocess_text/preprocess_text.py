"""Preprocess Text: lower-case a text column and strip punctuation, numbers and stop words.

Each step is optional and they run in a fixed order (case, numbers, punctuation, stop words,
then runs of white space collapse to one space). Must not touch other columns or drop rows; a
missing text stays missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

# A small English list without negations (no, nor, not): "not good" must not become "good".
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves
    """.split()
)
NUMBER = re.compile(r"(?<!\w)\d+(?:[.,:]\d+)*(?!\w)")
APOSTROPHE = re.compile(r"['’]")
PUNCTUATION = re.compile(r"[^\w\s]|_")
EDGE_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~’“”"


@dataclass(frozen=True)
class Cleaning:
    """Which steps to apply."""

    lowercase: bool
    remove_punctuation: bool
    remove_numbers: bool
    remove_stopwords: bool

    def apply(self, text: str) -> str:
        if self.lowercase:
            text = text.lower()
        if self.remove_numbers:
            text = NUMBER.sub(" ", text)
        if self.remove_punctuation:
            text = PUNCTUATION.sub(" ", APOSTROPHE.sub("", text))
        words = text.split()
        if self.remove_stopwords:
            words = [w for w in words if w.strip(EDGE_PUNCTUATION).lower() not in STOPWORDS]
        return " ".join(words)


def run(
    data: pd.DataFrame,
    text_column: str,
    lowercase: bool = True,
    remove_punctuation: bool = True,
    remove_numbers: bool = True,
    remove_stopwords: bool = True,
    output_column: str | None = None,
) -> pd.DataFrame:
    if text_column not in data.columns:
        raise ValueError(f"text column {text_column!r} is not in the data")
    target = output_column or text_column
    if target != text_column and target in data.columns:
        raise ValueError(f"output column {target!r} already exists; choose a new name")
    cleaning = Cleaning(lowercase, remove_punctuation, remove_numbers, remove_stopwords)
    cleaned = data.copy()
    cleaned[target] = data[text_column].map(
        lambda value: value if pd.isna(value) else cleaning.apply(str(value))
    )
    return cleaned
