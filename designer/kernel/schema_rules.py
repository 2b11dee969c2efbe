"""The `schema:` rule of a dataframe output port, and how it computes the output's columns.

A rule says how an output's columns follow from the columns reaching the inputs and from the
parameter values, without running anything:

    {same_as: data}                            the columns reaching input `data`
    {same_as: data, add: [{name, dtype}...]}   ... then these columns added at the end
    {same_as: data, drop_param: columns}       ... without the columns a column(s) param names
    {same_as: data, keep_param: columns}       ... only those, in the order the param lists them
    {same_as: data, add_each: {param: columns, name: "{column}_bin", dtype: int64}}
                                               ... plus one column per column the param names
    {same_as: data, add_numbered: {param: topics, name: "topic_{index}", dtype: double}}
                                               ... plus as many columns as an integer param
                                               says, numbered from 0 (also after `columns`)
    {columns: [{name, dtype}...]}              these columns, whatever the inputs
    {by_param: dataset, cases: {iris: [...]}}  per value of an enum (or boolean) parameter:
                                               a column list, or a rule of its own
    {concat: [left, right]}                    the columns of both inputs, left first; a name
                                               right repeats gets `_2` (`duplicates: once`
                                               keeps it once instead)

Dtypes are Arrow type names ("double", "int64", "large_string", "bool"), the words an artifact's
stored schema uses. `schema_parse.parse_rule` reads and checks a rule; this module holds the
parsed form and applies it. It must not walk graphs (`schemas.py` does) nor import Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    """One column of a dataframe: its name and its Arrow type name."""

    name: str
    dtype: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "dtype": self.dtype}


@dataclass(frozen=True)
class AddEach:
    """One added column per column a column(s) parameter names, like `{column}_bin`."""

    param: str
    name: str
    dtype: str

    def to_dict(self) -> dict[str, str]:
        return {"param": self.param, "name": self.name, "dtype": self.dtype}


@dataclass(frozen=True)
class AddNumbered:
    """As many added columns as an integer parameter's value, like `topic_0`, `topic_1`, ..."""

    param: str
    name: str
    dtype: str

    def to_dict(self) -> dict[str, str]:
        return {"param": self.param, "name": self.name, "dtype": self.dtype}

    def columns(self, params: Mapping[str, Any]) -> list[Column] | None:
        """The numbered columns, or None while the count is not a whole number yet."""
        count = params.get(self.param)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            return None
        return [Column(self.name.format(index=index), self.dtype) for index in range(count)]


@dataclass(frozen=True)
class SchemaRule:
    """A parsed `schema:` rule; exactly one of same_as, columns, by_param, concat is set."""

    same_as: str | None = None
    add: tuple[Column, ...] = ()
    drop_param: str | None = None
    keep_param: str | None = None
    add_each: AddEach | None = None
    add_numbered: AddNumbered | None = None
    columns: tuple[Column, ...] | None = None
    by_param: str | None = None
    # Case keys are text: an enum value, or "true"/"false" for a boolean parameter.
    cases: tuple[tuple[str, SchemaRule], ...] = ()
    concat: tuple[str, ...] = ()
    duplicates: str = "suffix"

    def to_dict(self) -> Any:
        """The rule as written in component.yaml; `parse_rule` accepts it back."""
        if self.columns is not None:
            fixed: dict[str, Any] = {"columns": _column_dicts(self.columns)}
            if self.add_numbered is not None:
                fixed["add_numbered"] = self.add_numbered.to_dict()
            return fixed
        if self.by_param is not None:
            cases = {value: case.case_dict() for value, case in self.cases}
            return {"by_param": self.by_param, "cases": cases}
        if self.concat:
            data: dict[str, Any] = {"concat": list(self.concat)}
            if self.duplicates != "suffix":
                data["duplicates"] = self.duplicates
            return data
        data = {"same_as": self.same_as}
        if self.add:
            data["add"] = _column_dicts(self.add)
        for key in ("drop_param", "keep_param"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.add_each is not None:
            data["add_each"] = self.add_each.to_dict()
        if self.add_numbered is not None:
            data["add_numbered"] = self.add_numbered.to_dict()
        return data

    def case_dict(self) -> Any:
        """As a by_param case: a bare column list when the case is only fixed columns."""
        if self.columns is not None and self.add_numbered is None:
            return _column_dicts(self.columns)
        return self.to_dict()


def _column_dicts(columns: Sequence[Column]) -> list[dict[str, str]]:
    return [column.to_dict() for column in columns]


def case_key(value: object) -> str | None:
    """The case a parameter value selects: enum values as they are, booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else None


def apply_rule(
    rule: SchemaRule,
    inputs: Mapping[str, Sequence[Column] | None],
    params: Mapping[str, Any],
) -> list[Column] | None:
    """The output's columns, or None when they depend on something not known yet."""
    if rule.columns is not None:
        return _with_numbered(list(rule.columns), rule.add_numbered, params)
    if rule.by_param is not None:
        chosen = dict(rule.cases).get(case_key(params.get(rule.by_param)) or "")
        return None if chosen is None else apply_rule(chosen, inputs, params)
    if rule.concat:
        return _concat([inputs.get(name) for name in rule.concat], rule.duplicates)
    source = inputs.get(rule.same_as or "")
    if source is None:
        return None
    columns = list(source)
    if rule.keep_param is not None:
        wanted = _names(params.get(rule.keep_param))
        if not wanted:
            return None  # nothing chosen yet: the step cannot run as it is
        by_name = {column.name: column for column in columns}
        columns = [by_name[name] for name in wanted if name in by_name]
    if rule.drop_param is not None:
        dropped = set(_names(params.get(rule.drop_param)))
        columns = [column for column in columns if column.name not in dropped]
    added = list(rule.add)
    if rule.add_each is not None:
        added = _each(rule.add_each, params) + added
    present = {column.name for column in columns}
    for column in added:
        if column.name not in present:
            present.add(column.name)
            columns.append(column)
    return _with_numbered(columns, rule.add_numbered, params)


def _with_numbered(
    columns: list[Column], numbered: AddNumbered | None, params: Mapping[str, Any]
) -> list[Column] | None:
    if numbered is None:
        return columns
    added = numbered.columns(params)
    if added is None:
        return None
    present = {column.name for column in columns}
    return columns + [column for column in added if column.name not in present]


def _each(add_each: AddEach, params: Mapping[str, Any]) -> list[Column]:
    values = {name: "" if value is None else str(value) for name, value in params.items()}
    return [
        Column(add_each.name.format_map({**values, "column": name}), add_each.dtype)
        for name in _names(params.get(add_each.param))
    ]


def _concat(sources: Sequence[Sequence[Column] | None], duplicates: str) -> list[Column] | None:
    if any(source is None for source in sources):
        return None
    result: list[Column] = []
    taken: set[str] = set()
    for source in sources:
        for column in source or ():
            name = column.name
            if name in taken:
                if duplicates == "once":
                    continue
                name = _free_name(name, taken)
            taken.add(name)
            result.append(Column(name, column.dtype))
    return result


def _free_name(name: str, taken: set[str]) -> str:
    number = 2
    while f"{name}_{number}" in taken:
        number += 1
    return f"{name}_{number}"


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []
