"""Each placeholder form of Azure ML and Kubeflow becomes ours, and runs as it did there."""

import shlex
from pathlib import Path

import pytest
import yaml

from designer.imports import azure, kfp, kfp_v2_components
from designer.imports.commands import CommandRefused, from_azure, from_kfp, shell_wrapped
from designer.imports.documents import Bundle, ImportRefused, load_text
from designer.imports.drafts import ImportPlan
from designer.kernel.command_template import TemplateError, resolve_blocks, segments
from designer.kernel.spec import SpecError, parse_spec
from designer.runtime.testing import run_component

AZURE_NAMES = {
    ("inputs", "data"): "${{inputs.data}}",
    ("inputs", "rate"): "${{params.rate}}",
    ("inputs", "note"): "${{params.note}}",
    ("outputs", "model"): "${{outputs.model}}",
}


def azure_line(command: str) -> str:
    return from_azure(command, lambda section, name: AZURE_NAMES.get((section, name)))


def test_azure_inputs_become_ports_or_parameters_and_outputs_stay_outputs() -> None:
    line = azure_line(
        "python t.py --d ${{inputs.data}} --r ${{ inputs.rate }} -o ${{outputs.model}}"
    )
    assert line == "python t.py --d ${{inputs.data}} --r ${{params.rate}} -o ${{outputs.model}}"


def test_azure_optional_blocks_in_both_forms() -> None:
    assert azure_line("run $[[--note ${{inputs.note}}]]") == "run $[[--note ${{params.note}}]]"
    assert azure_line("run --note $[[inputs.note]]") == "run --note $[[${{params.note}}]]"


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("run ${{inputs.missing}}", r"\$\{\{inputs.missing\}\} names nothing this component"),
        ("run ${{search_space.lr}}", "names nothing this component declares"),
        ("run $[[--x ${{inputs.data}}", "never closed"),
        ("run $[[--x]]", "has no placeholder to decide on"),
        ("cat ${{inputs.data}} | head $[[-n ${{inputs.rate}}]]", "shell syntax"),
    ],
)
def test_azure_commands_that_cannot_be_ours_are_refused(command: str, message: str) -> None:
    with pytest.raises(CommandRefused, match=message):
        azure_line(command)


def test_shell_syntax_runs_through_sh_with_values_as_positional_words() -> None:
    line = azure_line('echo "world" >> ${{outputs.model}}/w.txt && ls ${{inputs.data}}')
    assert line == shell_wrapped('echo "world" >> ${{outputs.model}}/w.txt && ls ${{inputs.data}}')
    words = shlex.split(line)
    assert words[:2] == ["sh", "-c"] and words[3:] == [
        "sh",
        "${{outputs.model}}",
        "${{inputs.data}}",
    ]
    assert words[2] == 'echo "world" >> "${1}"/w.txt && ls "${2}"'


def kfp_line(items: list, params=("n", "flag"), ports=("table",)) -> str:
    def placeholder(kind: str, name: str) -> str:
        section = "outputs" if kind == "outputPath" else "params" if name in params else "inputs"
        return "${{" + f"{section}.{name}" + "}}"

    return from_kfp(items, placeholder, "implementation.container")


def test_kfp_placeholders_become_ours_one_word_each() -> None:
    line = kfp_line(
        [
            "python3",
            "-c",
            "print('two words')",
            {"inputPath": "table"},
            {"inputValue": "n"},
            {"concat": ["--out=", {"outputPath": "result"}, ".csv"]},
            {"if": {"cond": {"isPresent": "flag"}, "then": ["--flag", {"inputValue": "flag"}]}},
        ]
    )
    assert line == (
        "python3 -c 'print('\"'\"'two words'\"'\"')' ${{inputs.table}} ${{params.n}} "
        "--out=${{outputs.result}}.csv $[[--flag ${{params.flag}}]]"
    )


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"inputUri": "table"}, "is not supported"),
        ({"if": {"cond": {"inputValue": "flag"}, "then": ["-x"]}}, "only isPresent conditions"),
        (
            {
                "if": {
                    "cond": {"isPresent": "flag"},
                    "then": ["-x", {"inputValue": "flag"}],
                    "else": ["-y"],
                }
            },
            "an else branch has no counterpart",
        ),
        (
            {"if": {"cond": {"isPresent": "flag"}, "then": ["--verbose"]}},
            "uses no value of that input",
        ),
    ],
)
def test_kfp_constructs_without_a_counterpart_are_refused(item, message: str) -> None:
    with pytest.raises(CommandRefused, match=message):
        kfp_line(["run", item])


def test_kfp_v2_placeholders_become_ours() -> None:
    words = {
        "{{$.inputs.parameters['rate']}}": "${{params.rate}}",
        "{{$.inputs.artifacts['data'].path}}": "${{inputs.data}}",
        "{{$.outputs.artifacts['model'].path}}": "${{outputs.model}}",
        "{{$.outputs.parameters['score'].output_file}}": "${{outputs.score}}",
        "--rate={{$.inputs.parameters['rate']}}": "--rate=${{params.rate}}",
    }
    for theirs, ours in words.items():
        assert (
            kfp_v2_components.word(theirs, {"rate": {}}, {"data": {}}, {"model": {}, "score": {}})
            == ours
        )
    condition = (
        '{"IfPresent": {"InputName": "rate", '
        '"Then": ["--rate", "{{$.inputs.parameters[\'rate\']}}"]}}'
    )
    assert kfp_v2_components.word(condition, {"rate": {}}, {}, {}) == "$[[--rate ${{params.rate}}]]"
    with pytest.raises(ValueError, match="needs Kubeflow's own executor"):
        kfp_v2_components.word("{{$}}", {}, {}, {})


def test_optional_blocks_are_kept_only_when_every_value_is_there() -> None:
    template = "run $[[--a ${{params.a}}]] $[[--b ${{inputs.b}} --a ${{params.a}}]] end"
    assert resolve_blocks(template, lambda section, name: False) == (
        "run --a ${{params.a}} --b ${{inputs.b}} --a ${{params.a}} end"
    )
    assert (
        resolve_blocks(template, lambda section, name: name == "b") == "run --a ${{params.a}}  end"
    )
    with pytest.raises(TemplateError, match="cannot be nested"):
        segments("$[[ a $[[ ${{params.a}} ]] ]]")


def command_spec(command: str) -> dict:
    return {
        "name": "tool",
        "version": "1.0.0",
        "inputs": {"data": {"type": "file", "optional": True}},
        "outputs": {"out": {"type": "file"}},
        "parameters": {"note": {"type": "string", "optional": True}},
        "command": command,
    }


def test_the_spec_checks_blocks_and_the_names_inside_them() -> None:
    parse_spec(command_spec("run $[[--d ${{inputs.data}}]] ${{outputs.out}}"))
    with pytest.raises(SpecError, match="never closed"):
        parse_spec(command_spec("run $[[--d ${{inputs.data}} ${{outputs.out}}"))
    with pytest.raises(SpecError, match="names no input 'nope'"):
        parse_spec(command_spec("run $[[--d ${{inputs.nope}}]] ${{outputs.out}}"))


def test_image_and_origin_are_recorded_and_checked() -> None:
    data = command_spec("run ${{outputs.out}}") | {
        "image": "python:3.12-slim",
        "origin": {"format": "kfp", "name": "Tool", "types": {"out": "CSV"}},
    }
    spec = parse_spec(data)
    assert spec.image == "python:3.12-slim" and spec.to_dict()["origin"]["types"] == {"out": "CSV"}
    with pytest.raises(SpecError, match="image must be a container image reference"):
        parse_spec(data | {"image": "two words"})
    with pytest.raises(SpecError, match="origin.format must be one of azureml, kfp"):
        parse_spec(data | {"origin": {"format": "other"}})


TOOL = """
import sys
from pathlib import Path
Path(sys.argv[-1]).write_text(" | ".join(sys.argv[1:-1]))
"""


@pytest.mark.parametrize(
    ("inputs", "params", "written"),
    [
        ({}, {}, "start"),
        ({}, {"note": "two words"}, "start | --note | two words"),
        ({"data": "given"}, {"note": "n"}, "start | --data | <data> | --note | n"),
    ],
)
def test_a_command_with_optional_blocks_runs_with_only_what_it_was_given(
    tmp_path: Path, inputs: dict, params: dict, written: str
) -> None:
    folder = tmp_path / "tool"
    folder.mkdir()
    (folder / "tool.py").write_text(TOOL)
    spec = command_spec(
        "python tool.py start $[[--data ${{inputs.data}}]] $[[--note ${{params.note}}]] "
        "${{outputs.out}}"
    )
    (folder / "component.yaml").write_text(yaml.safe_dump(spec))
    given = {}
    if inputs:
        given["data"] = tmp_path / "data.txt"
        given["data"].write_text("x")
    outputs, _ = run_component(folder, inputs=given, params=params, tmp_dir=tmp_path / "work")
    expected = written.replace("<data>", str(given.get("data", "")))
    assert Path(outputs["out"]).read_text() == expected


def test_azure_train_xgb_keeps_both_block_forms() -> None:
    data = load_text(
        b"""
name: t
type: command
inputs:
  data: {type: uri_folder}
  name: {type: string, optional: true}
  transformations: {type: custom_model, optional: true}
outputs:
  model: {type: mlflow_model}
command: >-
  python t.py --data ${{inputs.data}}
  $[[--transformations ${{inputs.transformations}}]]
  --registered_model_name $[[inputs.name]]
  --model ${{outputs.model}}
""",
        "t.yml",
    )
    draft = azure.read_component(data, "t.yml", Bundle({}), ImportPlan())
    assert draft.spec["command"] == (
        "python t.py --data ${{inputs.data}} $[[--transformations ${{inputs.transformations}}]] "
        "--registered_model_name $[[${{params.name}}]] --model ${{outputs.model}}"
    )
    assert draft.spec["inputs"]["transformations"] == {
        "type": "folder",
        "description": "",
        "optional": True,
    }


def test_a_kfp_component_that_mixes_value_and_path_for_one_input_is_refused() -> None:
    data = load_text(
        b"""
name: Mixed
inputs: [{name: x}]
outputs: [{name: y}]
implementation:
  container:
    image: alpine
    command: [cat, {inputPath: x}, {inputValue: x}, {outputPath: y}]
""",
        "mixed.yaml",
    )
    with pytest.raises(ImportRefused, match="both by value and by path"):
        kfp.read_component(data, "mixed.yaml")
