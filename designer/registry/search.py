"""Ranking components for a search: whole words, best kind of match first.

A search of "train model" must put Train Model first, "logistic" the logistic regressions,
"classification" every classifier (through its tags), and "roc" must not find Preprocess Text
(no match inside a word). Plain functions over plain text; the registry's service feeds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

WORD = re.compile(r"[a-z0-9]+")

# Tiers, best first.
EXACT, PREFIX, IN_NAME, IN_TAGS, ANYWHERE = range(5)


@dataclass(frozen=True)
class Searchable:
    """What a search looks at: the names (name, display name), the tags, and other text."""

    names: Sequence[str]
    tags: Sequence[str] = ()
    text: Sequence[str] = ()


def words(text: str) -> list[str]:
    """Lower-case words of `text`: `train_model`, "Train Model" and "train-model" all agree."""
    return WORD.findall(text.lower())


def tier(item: Searchable, query: list[str]) -> int | None:
    """How well `item` matches the query words, as one of the tiers; None when it does not.

    Every query word must be a whole word of the item's text; the last may be the start of
    one, so a palette can rank while the user is still typing ("logis").
    """
    names = [words(name) for name in item.names]
    if any(name == query for name in names):
        return EXACT
    if any(_starts_with(name, query) for name in names):
        return PREFIX
    name_words = {word for name in names for word in name}
    if _has_all(name_words, query):
        return IN_NAME
    tag_words = name_words | {word for tag in item.tags for word in words(tag)}
    if _has_all(tag_words, query):
        return IN_TAGS
    if _has_all(tag_words | {word for text in item.text for word in words(text)}, query):
        return ANYWHERE
    return None


def rank[T](items: Iterable[T], search: str, searchable: Callable[[T], Searchable]) -> list[T]:
    """The items that match `search`, best tier first; ties keep the order they came in.

    A search with no words matches everything, in the order given."""
    query = words(search)
    if not query:
        return list(items)
    scored = []
    for index, item in enumerate(items):
        found = tier(searchable(item), query)
        if found is not None:
            scored.append((found, index, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in scored]


def _starts_with(name: list[str], query: list[str]) -> bool:
    if len(query) > len(name) or name[: len(query) - 1] != query[:-1]:
        return False
    return name[len(query) - 1].startswith(query[-1])


def _has_all(vocabulary: set[str], query: list[str]) -> bool:
    *whole, last = query
    return all(word in vocabulary for word in whole) and (
        last in vocabulary or any(word.startswith(last) for word in vocabulary)
    )
