"""Reading and checking the `schema:` rule of a dataframe output port (see `schema_rules`).

`parse_rule` checks a rule against the component's inputs and parameters and reports every
problem through `report(field, message)`, like the rest of the spec parser, so one pass finds
them all. It must not compute columns; `schema_rules.apply_rule` does that.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from designer.kernel.params import ParamSpec, show_value
from designer.kernel.schema_rules import AddEach, AddNumbered, Column, SchemaRule, case_key
from designer.kernel.spec_fields import Report, check_keys, join

RULE_KINDS = ("same_as", "columns", "by_param", "concat")
SAME_AS_KEYS = ("add", "drop_param", "keep_param", "add_each")
RULE_KEYS = (*RULE_KINDS, *SAME_AS_KEYS, "add_numbered", "cases", "duplicates")
COLUMN_KEYS = ("name", "dtype")
ADD_EACH_KEYS = ("param", "name", "dtype")
# The kinds a numbered run of columns may follow: the input's columns, or fixed ones.
NUMBERED_KINDS = ("same_as", "columns")
DUPLICATES = ("suffix", "once")
COLUMN_PARAMS = ("column", "columns")

Params = Mapping[str, ParamSpec]
Body = Mapping[Any, Any]
Types = Mapping[str, str]


def parse_rule(
    body: object,
    path: str,
    input_types: Mapping[str, str],
    parameters: Sequence[ParamSpec],
    report: Report,
) -> SchemaRule | None:
    """The rule at `path` (like "outputs.scored.schema"), or None after reporting its problems."""
    found: list[tuple[str, str]] = []

    def note(field: str, message: str) -> None:
        found.append((field, message))

    rule = _parse(body, path, input_types, {p.name: p for p in parameters}, note)
    for field, message in found:
        report(field, message)
    return None if found else rule


def _parse(
    body: object, path: str, input_types: Mapping[str, str], params: Params, report: Report
) -> SchemaRule | None:
    if not isinstance(body, Mapping):
        report(path, f"a schema must be a mapping like {{same_as: data}}; got {show_value(body)}")
        return None
    check_keys(body, RULE_KEYS, path, report)
    kinds = [kind for kind in RULE_KINDS if kind in body]
    if len(kinds) != 1:
        given = f"it gives {', '.join(kinds)}" if kinds else "it gives none"
        report(path, f"a schema needs exactly one of {', '.join(RULE_KINDS)}; {given}")
        return None
    kind = kinds[0]
    for key in SAME_AS_KEYS if kind != "same_as" else ():
        if key in body:
            report(join(path, key), f"{key} only goes with same_as; remove it")
    if "add_numbered" in body and kind not in NUMBERED_KINDS:
        report(join(path, "add_numbered"), "add_numbered only goes with same_as or columns")
    if "cases" in body and kind != "by_param":
        report(join(path, "cases"), "cases only go with by_param; remove them")
    if "duplicates" in body and kind != "concat":
        report(join(path, "duplicates"), "duplicates only goes with concat; remove it")
    if kind == "same_as":
        return _same_as(body, path, input_types, params, report)
    if kind == "columns":
        return SchemaRule(
            columns=parse_columns(body["columns"], join(path, "columns"), report),
            add_numbered=_numbered(body, path, params, report),
        )
    if kind == "by_param":
        return _by_param(body, path, input_types, params, report)
    return _concat(body, path, input_types, report)


def _same_as(
    body: Body, path: str, input_types: Types, params: Params, report: Report
) -> SchemaRule:
    source = _frame_input(body["same_as"], join(path, "same_as"), input_types, report)
    add = parse_columns(body["add"], join(path, "add"), report) if "add" in body else ()
    if "drop_param" in body and "keep_param" in body:
        report(join(path, "keep_param"), "give drop_param or keep_param, not both")

    def pick(key: str) -> str | None:
        if key not in body:
            return None
        return _column_param(body[key], join(path, key), source, params, report)

    each = None
    if "add_each" in body:
        each = _add_each(body["add_each"], join(path, "add_each"), source, params, report)
    return SchemaRule(
        same_as=source,
        add=add,
        add_each=each,
        add_numbered=_numbered(body, path, params, report),
        drop_param=pick("drop_param"),
        keep_param=pick("keep_param"),
    )


def _by_param(
    body: Body, path: str, input_types: Types, params: Params, report: Report
) -> SchemaRule:
    name = body["by_param"]
    param = params.get(name) if isinstance(name, str) else None
    if param is None or param.type not in ("enum", "boolean"):
        choices = [p.name for p in params.values() if p.type in ("enum", "boolean")]
        hint = f"use one of {', '.join(choices)}" if choices else "this component has none"
        message = f"by_param {show_value(name)} is not an enum or boolean parameter; {hint}"
        report(join(path, "by_param"), message)
        return SchemaRule()
    allowed = ("true", "false") if param.type == "boolean" else param.values
    cases = body.get("cases")
    if not isinstance(cases, Mapping) or not cases:
        report(
            join(path, "cases"),
            f"by_param needs cases: a mapping of values of {name} ({', '.join(allowed)}) to "
            "a column list or a rule",
        )
        return SchemaRule()
    parsed = []
    for value, case in cases.items():
        where = join(path, "cases", show_value(value) if isinstance(value, bool) else str(value))
        key = case_key(value)
        if key not in allowed:
            report(where, f"{show_value(value)} is not a value of {name}: {', '.join(allowed)}")
            continue
        if isinstance(case, list):
            rule: SchemaRule | None = SchemaRule(columns=parse_columns(case, where, report))
        else:
            rule = _parse(case, where, input_types, params, report)
        if rule is not None:
            parsed.append((key, rule))
    return SchemaRule(by_param=name, cases=tuple(parsed))


def _concat(
    body: Mapping[Any, Any], path: str, input_types: Mapping[str, str], report: Report
) -> SchemaRule:
    names = body["concat"]
    where = join(path, "concat")
    if not isinstance(names, list) or len(names) < 2:
        report(where, f"concat needs a list of two or more inputs, got {show_value(names)}")
        return SchemaRule()
    sources = tuple(_frame_input(name, where, input_types, report) or "?" for name in names)
    if len(set(sources)) != len(sources):
        report(where, "concat names an input more than once")
    duplicates = body.get("duplicates", "suffix")
    if duplicates not in DUPLICATES:
        report(
            join(path, "duplicates"),
            "duplicates must be suffix (add _2, like Add Columns) or once (keep the first); "
            f"got {show_value(duplicates)}",
        )
    return SchemaRule(concat=sources, duplicates=str(duplicates))


def _add_each(
    body: object, path: str, source: str | None, params: Params, report: Report
) -> AddEach | None:
    if not isinstance(body, Mapping):
        report(path, f"add_each must be a mapping {{param, name, dtype}}; got {show_value(body)}")
        return None
    check_keys(body, ADD_EACH_KEYS, path, report)
    param = _column_param(body.get("param"), join(path, "param"), source, params, report)
    template, dtype = body.get("name"), body.get("dtype")
    if not isinstance(dtype, str) or not dtype.strip():
        report(join(path, "dtype"), "dtype must be a non-empty string like int64 or double")
    if not isinstance(template, str) or "{column}" not in template:
        report(join(path, "name"), 'name must be a text with {column} in it, like "{column}_bin"')
        return None
    problem = _template_problem(template, params)
    if problem is not None:
        report(join(path, "name"), problem)
    if param is None or problem is not None or not isinstance(dtype, str) or not dtype.strip():
        return None
    return AddEach(param=param, name=template, dtype=dtype)


def _numbered(body: Body, path: str, params: Params, report: Report) -> AddNumbered | None:
    if "add_numbered" not in body:
        return None
    where, numbered = join(path, "add_numbered"), body["add_numbered"]
    if not isinstance(numbered, Mapping):
        report(
            where,
            f"add_numbered must be a mapping {{param, name, dtype}}; got {show_value(numbered)}",
        )
        return None
    check_keys(numbered, ADD_EACH_KEYS, where, report)
    name, template, dtype = numbered.get("param"), numbered.get("name"), numbered.get("dtype")
    param = params.get(name) if isinstance(name, str) else None
    fine = True
    if param is None or param.type != "integer":
        choices = [p.name for p in params.values() if p.type == "integer"]
        hint = f"use one of {', '.join(choices)}" if choices else "this component has none"
        report(join(where, "param"), f"{show_value(name)} is not an integer parameter; {hint}")
        fine = False
    if not isinstance(template, str) or not _numbers_columns(template):
        report(join(where, "name"), 'name must be a text with {index} in it, like "topic_{index}"')
        fine = False
    if not isinstance(dtype, str) or not dtype.strip():
        report(join(where, "dtype"), "dtype must be a non-empty string like int64 or double")
        fine = False
    return AddNumbered(str(name), str(template), str(dtype)) if fine else None


def _numbers_columns(template: str) -> bool:
    """True when ``template`` uses {index} and nothing else in braces."""
    try:
        fields = [
            field for _, field, _, _ in string.Formatter().parse(template) if field is not None
        ]
    except ValueError:
        return False
    return bool(fields) and set(fields) == {"index"}


def _template_problem(template: str, params: Params) -> str | None:
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field]
    except ValueError as exc:
        return f"name {template!r} is not a valid template: {exc}"
    unknown = [field for field in fields if field != "column" and field not in params]
    if unknown:
        return (
            f"name {template!r} uses {', '.join('{' + f + '}' for f in unknown)}; "
            "use {column} and parameter names only"
        )
    return None


def parse_columns(value: object, path: str, report: Report) -> tuple[Column, ...]:
    """A list of `{name, dtype}` mappings with distinct names."""
    if not isinstance(value, list) or not value:
        report(
            path,
            "columns must be a non-empty list like [{name: age, dtype: double}]; "
            f"got {show_value(value)}",
        )
        return ()
    columns: list[Column] = []
    for index, item in enumerate(value):
        column = _column(item, f"{path}.{index}", report)
        if column is None:
            continue
        if any(existing.name == column.name for existing in columns):
            report(f"{path}.{index}.name", f"column '{column.name}' is listed twice")
            continue
        columns.append(column)
    return tuple(columns)


def _column(item: object, path: str, report: Report) -> Column | None:
    if not isinstance(item, Mapping):
        report(path, f"a column must be a mapping {{name, dtype}}; got {show_value(item)}")
        return None
    check_keys(item, COLUMN_KEYS, path, report)
    fine = True
    for key in COLUMN_KEYS:
        text = item.get(key)
        if not isinstance(text, str) or not text.strip():
            hint = " like double, int64, large_string or bool" if key == "dtype" else ""
            report(join(path, key), f"{key} must be a non-empty string{hint}")
            fine = False
    return Column(item["name"], item["dtype"]) if fine else None


def _frame_input(
    name: object, path: str, input_types: Mapping[str, str], report: Report
) -> str | None:
    if isinstance(name, str) and input_types.get(name) == "dataframe":
        return name
    frames = [port for port, kind in input_types.items() if kind == "dataframe"]
    hint = f"use one of {', '.join(frames)}" if frames else "this component has no dataframe input"
    report(path, f"{show_value(name)} is not a dataframe input of this component; {hint}")
    return None


def _column_param(
    name: object, path: str, source: str | None, params: Params, report: Report
) -> str | None:
    param = params.get(name) if isinstance(name, str) else None
    if param is None or param.type not in COLUMN_PARAMS:
        choices = [p.name for p in params.values() if p.type in COLUMN_PARAMS]
        hint = f"use one of {', '.join(choices)}" if choices else "this component has none"
        report(path, f"{show_value(name)} is not a column or columns parameter; {hint}")
        return None
    if source is not None and param.input not in (None, source):
        report(path, f"{param.name} picks columns of input {param.input}, not of {source}")
        return None
    return param.name
