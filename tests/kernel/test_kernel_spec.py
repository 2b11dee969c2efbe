"""Tests for designer.kernel.spec: the top level, ports and code of component.yaml."""

from __future__ import annotations

import json

import pytest

from designer.kernel.spec import (
    PORT_TYPES,
    ComponentSpec,
    ParamSpec,
    PortSpec,
    SpecError,
    SpecIssue,
    load_spec_text,
    parse_spec,
)
from tests.kernel.factories import DESIGN_EXAMPLE, build, fields, only_issue, with_param

# --- the valid example and defaults ---------------------------------------------------------


def test_design_example_parses() -> None:
    spec = load_spec_text(DESIGN_EXAMPLE)
    assert spec.ref == "split_data@1.0.0"
    assert spec.display_name == "Split Data"
    assert spec.category == "Data Transformation"
    assert spec.inputs == (PortSpec("data", "dataframe", "Rows to split"),)
    assert [port.name for port in spec.outputs] == ["first", "second"]
    assert [param.name for param in spec.parameters] == ["fraction", "seed", "mode", "stratify"]
    assert spec.python == "split.py:run" and spec.command is None
    assert (spec.deterministic, spec.compute, spec.timeout, spec.max_retries) == (
        True,
        "default",
        3600,
        0,
    )


def test_design_example_parameters() -> None:
    spec = load_spec_text(DESIGN_EXAMPLE)
    fraction = spec.param("fraction")
    assert fraction == ParamSpec("fraction", "number", default=0.7, min=0, max=1, has_default=True)
    mode = spec.param("mode")
    assert mode is not None and mode.values == ("random", "sequential")
    stratify = spec.param("stratify")
    assert stratify is not None
    assert (stratify.input, stratify.optional, stratify.has_default) == ("data", True, False)
    assert not stratify.required


def test_lookups_return_none_for_unknown_names() -> None:
    spec = load_spec_text(DESIGN_EXAMPLE)
    assert spec.input("data") is not None and spec.input("first") is None
    assert spec.output("second") is not None and spec.output("data") is None
    assert spec.param("seed") is not None and spec.param("nope") is None


def test_defaults_for_optional_top_level_keys() -> None:
    spec = parse_spec({**build(), "name": "train_xgboost_2nd"})
    assert spec.display_name == "Train Xgboost 2nd"
    assert spec.category == "Uncategorized"
    assert spec.description == ""
    assert spec.deterministic is True
    assert (spec.compute, spec.timeout, spec.max_retries) == ("default", 3600, 0)


def test_null_top_level_values_take_their_defaults() -> None:
    spec = parse_spec(build(display_name=None, category=None) | {"description": None})
    assert spec.display_name == "Clean Rows"
    assert spec.category == "Uncategorized"


def test_explicit_run_settings() -> None:
    data = build(deterministic=False, compute="gpu", timeout=60, max_retries=2)
    spec = parse_spec(data)
    assert (spec.deterministic, spec.compute, spec.timeout, spec.max_retries) == (
        False,
        "gpu",
        60,
        2,
    )


def test_command_component_with_placeholders() -> None:
    command = "python tool.py --in ${{inputs.data}} --out ${{outputs.result}} --k ${{params.k}}"
    data = build(python=None, command=command, parameters={"k": {"type": "integer", "default": 3}})
    spec = parse_spec(data)
    assert spec.command == command and spec.python is None


def test_inputs_and_parameters_may_be_absent() -> None:
    spec = parse_spec(build(inputs=None))
    assert spec.inputs == () and spec.parameters == ()


def test_source_name_is_used_in_issues() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(build(name="Bad"), source="components/x/component.yaml")
    assert caught.value.errors[0].file == "components/x/component.yaml"


# --- to_dict ----------------------------------------------------------------------------------


def test_to_dict_has_component_yaml_keys_in_spec_order() -> None:
    data = load_spec_text(DESIGN_EXAMPLE).to_dict()
    assert list(data) == [
        "name",
        "version",
        "display_name",
        "category",
        "description",
        "inputs",
        "outputs",
        "parameters",
        "python",
        "command",
        "deterministic",
        "compute",
        "timeout",
        "max_retries",
        "tags",
        "subcategory",
    ]
    assert list(data["parameters"]) == ["fraction", "seed", "mode", "stratify"]
    assert data["inputs"]["data"] == {
        "type": "dataframe",
        "description": "Rows to split",
        "optional": False,
    }
    assert json.loads(json.dumps(data)) == data


def test_to_dict_parameters_carry_every_key() -> None:
    data = load_spec_text(DESIGN_EXAMPLE).to_dict()
    assert data["parameters"]["mode"] == {
        "type": "enum",
        "default": "random",
        "optional": False,
        "min": None,
        "max": None,
        "values": ["random", "sequential"],
        "input": None,
        "language": None,
        "description": "",
    }


def test_to_dict_parses_back_to_the_same_spec() -> None:
    spec = load_spec_text(DESIGN_EXAMPLE)
    assert parse_spec(spec.to_dict()) == spec
    data = with_param("label", type="column", input="data")
    required = parse_spec(data)
    assert required.parameters[0].required
    assert parse_spec(required.to_dict()) == required


# --- names and versions -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Split", "1split", "split-data", "split data", "_x", "", 7])
def test_invalid_component_name(name: object) -> None:
    issue = only_issue(build(name=name))
    assert issue.field == "name"
    assert "lower-case letters" in issue.message


def test_missing_name_and_version_are_both_reported() -> None:
    assert fields(build(name=None, version=None)) == ["name", "version"]


@pytest.mark.parametrize("version", ["0.1.0", "1.0.0-beta.1", "10.20.30-rc1", "2.0.0-alpha-2"])
def test_valid_versions(version: str) -> None:
    assert parse_spec(build(version=version)).version == version


@pytest.mark.parametrize("version", ["1.0", "1", "v1.0.0", "1.0.0.0", "01.0.0", "1.0.0-", "1.x.0"])
def test_invalid_versions(version: str) -> None:
    issue = only_issue(build(version=version))
    assert issue.field == "version"
    assert "MAJOR.MINOR.PATCH" in issue.message


def test_version_read_as_a_number_by_yaml() -> None:
    issue = only_issue(build(version=1.0))
    assert issue.field == "version"
    assert "quote" in issue.message


def test_unknown_top_level_key_lists_the_allowed_keys() -> None:
    issue = only_issue(build(entrypoint="x.py:run"))
    assert issue.field == "entrypoint"
    assert "unknown key 'entrypoint'" in issue.message
    assert "name, version, display_name" in issue.message and "max_retries" in issue.message


@pytest.mark.parametrize("data", [None, [], ["name"], "split_data", 3])
def test_a_spec_that_is_not_a_mapping(data: object) -> None:
    issue = only_issue(data)
    assert issue.field == ""


@pytest.mark.parametrize(
    ("key", "value"),
    [("display_name", 3), ("category", ["a"]), ("description", {"a": 1})],
)
def test_text_fields_must_be_strings(key: str, value: object) -> None:
    issue = only_issue(build(**{key: value}))
    assert issue.field == key
    assert "must be a string" in issue.message


# --- ports ------------------------------------------------------------------------------------


def test_unknown_port_type_names_the_choices() -> None:
    issue = only_issue(build(inputs={"data": {"type": "table"}}))
    assert issue.field == "inputs.data.type"
    assert (
        issue.message
        == "unknown port type 'table'; use one of dataframe, model, file, folder, json"
    )


def test_every_port_type_is_accepted() -> None:
    outputs = {f"out_{kind}": {"type": kind} for kind in PORT_TYPES}
    spec = parse_spec(build(outputs=outputs))
    assert tuple(port.type for port in spec.outputs) == PORT_TYPES


def test_port_without_type() -> None:
    assert fields(build(outputs={"result": {"description": "x"}})) == ["outputs.result.type"]


@pytest.mark.parametrize("name", ["Data", "2nd", "in-put"])
def test_invalid_port_name(name: str) -> None:
    assert fields(build(inputs={name: {"type": "dataframe"}})) == [f"inputs.{name}"]


def test_port_declaration_must_be_a_mapping() -> None:
    assert fields(build(inputs={"data": "dataframe"})) == ["inputs.data"]


def test_ports_section_must_be_a_mapping() -> None:
    assert fields(build(inputs=[{"data": {"type": "dataframe"}}])) == ["inputs"]


def test_unknown_port_key() -> None:
    issue = only_issue(build(inputs={"data": {"type": "dataframe", "format": "csv"}}))
    assert issue.field == "inputs.data.format"
    assert "type, description, optional" in issue.message


def test_optional_input_is_allowed() -> None:
    spec = parse_spec(build(inputs={"data": {"type": "dataframe", "optional": True}}))
    assert spec.inputs[0].optional


def test_optional_output_is_refused() -> None:
    issue = only_issue(build(outputs={"result": {"type": "dataframe", "optional": True}}))
    assert issue.field == "outputs.result.optional"
    assert "remove optional" in issue.message


def test_optional_false_on_output_is_harmless() -> None:
    assert parse_spec(build(outputs={"result": {"type": "model", "optional": False}}))


def test_port_optional_must_be_boolean() -> None:
    assert fields(build(inputs={"data": {"type": "dataframe", "optional": "yes"}})) == [
        "inputs.data.optional"
    ]


@pytest.mark.parametrize("outputs", [None, {}])
def test_at_least_one_output(outputs: object) -> None:
    issue = only_issue(build(outputs=outputs))
    assert issue.field == "outputs"
    assert "at least one output" in issue.message


# --- code entry point -------------------------------------------------------------------------


def test_python_or_command_is_required() -> None:
    issue = only_issue(build(python=None))
    assert issue.field == "python"
    assert "file.py:function" in issue.message


def test_python_and_command_together_are_refused() -> None:
    issue = only_issue(build(command="python run.py"))
    assert issue.field == "command"
    assert "not both" in issue.message


@pytest.mark.parametrize(
    "target",
    ["clean.py", "clean:run", "clean.py:", "clean.py:1run", "/abs/x.py:run", "../x.py:f", 3],
)
def test_python_target_form(target: object) -> None:
    assert fields(build(python=target)) == ["python"]


def test_python_target_in_a_subfolder() -> None:
    assert parse_spec(build(python="src/clean.py:main")).python == "src/clean.py:main"


@pytest.mark.parametrize("command", ["", "   ", ["python", "x.py"]])
def test_command_must_be_a_non_empty_string(command: object) -> None:
    assert fields(build(python=None, command=command)) == ["command"]


@pytest.mark.parametrize(
    ("placeholder", "hint"),
    [
        ("${{inputs.rows}}", "no input 'rows'"),
        ("${{outputs.data}}", "no output 'data'"),
        ("${{params.k}}", "no parameter 'k'"),
        ("${{input.data}}", "is not valid"),
        ("${{ inputs.data }}", "is not valid"),
    ],
)
def test_command_placeholders_must_name_ports_and_params(placeholder: str, hint: str) -> None:
    issue = only_issue(build(python=None, command=f"tool --x {placeholder}"))
    assert issue.field == "command"
    assert placeholder in issue.message and hint in issue.message


def test_both_entry_points_are_still_each_checked() -> None:
    data = build(python="nope", command="tool ${{inputs.nope}}")
    assert fields(data) == ["command", "python", "command"]


# --- run settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("deterministic", "yes"),
        ("compute", ""),
        ("compute", 3),
        ("timeout", 0),
        ("timeout", -5),
        ("timeout", "1h"),
        ("timeout", True),
        ("timeout", 1.5),
        ("max_retries", -1),
        ("max_retries", 1.0),
    ],
)
def test_invalid_run_settings(key: str, value: object) -> None:
    assert fields(build(**{key: value})) == [key]


# --- all problems at once ---------------------------------------------------------------------


def test_every_problem_is_reported_at_once() -> None:
    data = build(
        name="Bad Name",
        inputs={"data": {"type": "table"}},
        outputs={"result": {"type": "dataframe", "optional": True}},
        parameters={"fraction": {"type": "number", "min": 1, "max": 0}},
        timeout=0,
        colour="red",
    )
    found = fields(data)
    assert sorted(found) == sorted(
        [
            "colour",
            "name",
            "inputs.data.type",
            "outputs.result.optional",
            "parameters.fraction.max",
            "timeout",
        ]
    )


def test_spec_error_text_lists_every_issue() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(build(name="X", timeout=0))
    text = str(caught.value)
    assert "2 problems" in text
    assert "component.yaml: name: " in text and "component.yaml: timeout: " in text


def test_spec_error_text_for_one_issue() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(build(timeout=0))
    assert str(caught.value).startswith("component.yaml: timeout: timeout must be")


def test_spec_issue_text_without_field() -> None:
    assert str(SpecIssue("c.yaml", "", "broken")) == "c.yaml: broken"


def test_result_is_a_component_spec() -> None:
    assert isinstance(parse_spec(build()), ComponentSpec)
