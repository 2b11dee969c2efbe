"""Add Columns: the columns of two equally long dataframes side by side, matched by position.

Rows are matched by position, never by index labels, so two tables that came through different
steps line up as they are shown. Must not lose a column: a name that right shares with left gets
the suffix ``_2`` (or ``_3`` and up if that is taken too).
"""

from __future__ import annotations

import pandas as pd


def run(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    if len(left) != len(right):
        raise ValueError(
            f"both inputs need the same number of rows to be put side by side; "
            f"left has {len(left)}, right has {len(right)}"
        )
    taken = {str(column) for column in left.columns}
    renamed = {}
    for column in right.columns:
        name = _free_name(str(column), taken)
        taken.add(name)
        renamed[column] = name
    combined = pd.concat(
        [left.reset_index(drop=True), right.reset_index(drop=True).rename(columns=renamed)],
        axis="columns",
    )
    combined.attrs = dict(left.attrs)
    return combined


def _free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    number = 2
    while f"{name}_{number}" in taken:
        number += 1
    return f"{name}_{number}"
