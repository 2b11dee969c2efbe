"""Edit Metadata: cast, rename and mark chosen columns; the marks live in ``df.attrs``.

Order of work: cast, then rename, then mark, so the marks carry the new names; a rename also
updates existing marks. Must not turn a value it cannot convert into a missing one: a cast that
fails names the column, the row and the value.
"""

from __future__ import annotations

import pandas as pd
from casts import CASTS  # casts.py beside this file; the component folder is on sys.path

LABEL_KEY = "label_column"
CATEGORICAL_KEY = "categorical_columns"


def run(
    data: pd.DataFrame,
    columns: list[str],
    new_names: str | None = None,
    cast: str = "unchanged",
    label: bool = False,
    categorical: bool = False,
) -> pd.DataFrame:
    chosen = _known_columns(data, columns)
    if cast != "unchanged" and cast not in CASTS:
        raise ValueError(f"cast must be unchanged or one of {', '.join(CASTS)}, not {cast!r}")
    if label and len(chosen) != 1:
        raise ValueError(f"label marks exactly one column; {len(chosen)} are chosen")
    edited = data.copy()
    edited.attrs = dict(data.attrs)
    for column in chosen:
        if cast != "unchanged":
            edited[column] = CASTS[cast](data[column], column)
        if categorical:
            edited[column] = edited[column].astype("category")
    renames = _renames(data, chosen, new_names)
    edited = _renamed(edited, renames)
    names = [renames.get(column, column) for column in chosen]
    if label:
        edited.attrs[LABEL_KEY] = names[0]
    if categorical:
        marked = list(edited.attrs.get(CATEGORICAL_KEY, []))
        edited.attrs[CATEGORICAL_KEY] = list(dict.fromkeys([*marked, *names]))
    return edited


def _known_columns(data: pd.DataFrame, columns: list[str] | str) -> list[str]:
    chosen = list(dict.fromkeys([columns] if isinstance(columns, str) else columns or []))
    if not chosen:
        raise ValueError("choose at least one column to edit")
    unknown = [column for column in chosen if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        names = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {names}; the data has: {available}")
    return chosen


def _renames(data: pd.DataFrame, chosen: list[str], new_names: str | None) -> dict[str, str]:
    if not new_names or not new_names.strip():
        return {}
    names = [name.strip() for name in new_names.split(",")]
    if len(names) != len(chosen) or not all(names):
        raise ValueError(
            f"new_names lists {len(names)} name(s) for {len(chosen)} chosen column(s): "
            f"give one non-empty name per column, in order ({', '.join(chosen)})"
        )
    renames = dict(zip(chosen, names, strict=True))
    final = [renames.get(str(column), str(column)) for column in data.columns]
    repeated = sorted({name for name in final if final.count(name) > 1})
    if repeated:
        raise ValueError(f"renaming would give several columns the name(s) {', '.join(repeated)}")
    return renames


def _renamed(frame: pd.DataFrame, renames: dict[str, str]) -> pd.DataFrame:
    if not renames:
        return frame
    renamed = frame.rename(columns=renames)
    renamed.attrs = dict(frame.attrs)
    if renamed.attrs.get(LABEL_KEY) in renames:
        renamed.attrs[LABEL_KEY] = renames[renamed.attrs[LABEL_KEY]]
    if CATEGORICAL_KEY in renamed.attrs:
        marked = renamed.attrs[CATEGORICAL_KEY]
        renamed.attrs[CATEGORICAL_KEY] = [renames.get(name, name) for name in marked]
    return renamed
