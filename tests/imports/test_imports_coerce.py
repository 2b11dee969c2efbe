"""Values from foreign YAML are typed by what the file declares, not by YAML 1.1's guesses."""

import pytest

from designer.imports import azure, kfp
from designer.imports.coerce import CoerceError, coerce, infer, to_name, to_version
from designer.imports.documents import Bundle, ImportRefused, Quoted, load_text
from designer.imports.drafts import ImportPlan


def text(yaml_text: str):
    return load_text(yaml_text.encode(), "test.yml")


def test_every_scalar_is_read_as_its_text() -> None:
    data = text("a: 1e-3\nversion: 01\nflag: True\nquoted: '7'\nempty:\nlist: [1, x]\n")
    assert data == {
        "a": "1e-3",
        "version": "01",
        "flag": "True",
        "quoted": "7",
        "empty": "",
        "list": ["1", "x"],
    }
    assert isinstance(data["quoted"], Quoted) and not isinstance(data["a"], Quoted)


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("1e-3", "number", 0.001),  # YAML 1.1 reads this as a string
        ("0.3", "number", 0.3),
        ("1000", "integer", 1000),  # Kubeflow writes every default as text
        ("1_000", "integer", 1000),
        ("2.0", "integer", 2),
        ("10", "number", 10),
        ("True", "string", "True"),  # an enum of 'True'/'False' with a bare True default
        ("01", "string", "01"),
        ("true", "boolean", True),
        ("False", "boolean", False),
        ("yes", "boolean", True),
        ("off", "boolean", False),
        ("null", "integer", None),
        ("", "number", None),
        ("", "string", ""),
    ],
)
def test_coerce_by_declared_type(raw: str, kind: str, value) -> None:
    result = coerce(raw, kind)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize(
    ("raw", "kind", "message"),
    [
        ("1.5", "integer", "expected a whole number, got '1.5'"),
        ("abc", "number", "expected a number, got 'abc'"),
        ("nan", "number", "expected a number"),
        ("maybe", "boolean", "expected true or false, got 'maybe'"),
    ],
)
def test_values_that_do_not_fit_are_refused(raw: str, kind: str, message: str) -> None:
    with pytest.raises(CoerceError, match=message):
        coerce(raw, kind)


def test_untyped_literals_follow_yaml_1_2() -> None:
    assert infer("20") == ("integer", 20)
    assert infer("1.8") == ("number", 1.8)
    assert infer("1e-3") == ("number", 0.001)
    assert infer("true") == ("boolean", True)
    assert infer("yes") == ("string", "yes")  # YAML 1.1's booleans are text in 1.2
    assert infer(Quoted("20")) == ("string", "20")
    assert infer("time-based") == ("string", "time-based")


def test_names_and_versions_become_ours() -> None:
    assert to_name("curl options") == "curl_options"
    assert to_name("Chicago Taxi Trips dataset") == "chicago_taxi_trips_dataset"
    assert to_name("PredictTaxiFares") == "predict_taxi_fares"
    assert to_name("uci-heart-train") == "uci_heart_train"
    assert to_name("1a_e2e") == "n_1a_e2e"
    assert to_version("01") == "1.0.0"
    assert to_version("10") == "10.0.0"
    assert to_version("1.10") == "1.10.0"
    assert to_version("0.0.1-beta.2") == "0.0.1-beta.2"
    with pytest.raises(CoerceError, match="'2024-preview' cannot be read as a semantic version"):
        to_version("2024-preview")


def azure_component(body: str):
    return azure.read_component(text(body), "c.yml", Bundle({}), ImportPlan())


def test_azure_defaults_bounds_and_enums_are_coerced_by_type() -> None:
    draft = azure_component(
        """
name: sweep
version: 01
type: command
inputs:
  lr: {type: number, default: 1e-3, min: 0, max: 1}
  epochs: {type: integer, default: '5'}
  use_gpu: {type: string, enum: ['True', 'False'], default: True}
  verbose: {type: boolean, default: 'false'}
outputs:
  model: {type: mlflow_model}
command: python train.py --lr ${{inputs.lr}}
"""
    )
    params = draft.spec["parameters"]
    assert params["lr"] == {
        "type": "number",
        "description": "",
        "default": 0.001,
        "min": 0,
        "max": 1,
    }
    assert params["epochs"]["default"] == 5
    assert params["use_gpu"] == {
        "type": "enum",
        "description": "",
        "default": "True",
        "values": ["True", "False"],
    }
    assert params["verbose"]["default"] is False
    assert draft.spec["version"] == "1.0.0" and draft.spec["origin"]["version"] == "01"


def test_a_default_that_does_not_fit_is_refused_naming_the_field() -> None:
    with pytest.raises(ImportRefused) as refused:
        azure_component(
            "name: x\ntype: command\ninputs:\n  n: {type: integer, default: many}\n"
            "outputs:\n  o: {type: uri_folder}\ncommand: run ${{inputs.n}}\n"
        )
    (refusal,) = refused.value.refusals
    assert refusal.field == "inputs.n.default"
    assert "expected a whole number, got 'many'" in refusal.message


def test_kfp_string_defaults_follow_the_declared_type() -> None:
    draft = kfp.read_component(
        text(
            """
name: Typed defaults
inputs:
- {name: Limit, type: Integer, default: '1000'}
- {name: Rate, type: Float, default: '0.3'}
- {name: Flag, type: Bool, default: 'True'}
- {name: Options, type: JsonObject, default: '{"a": 1}'}
- {name: Label, type: String, default: '01'}
outputs:
- {name: out}
implementation:
  container:
    image: python:3.12
    command: [echo, {inputValue: Limit}, {inputValue: Rate}, {inputValue: Flag},
              {inputValue: Options}, {inputValue: Label}, {outputPath: out}]
"""
        ),
        "typed.yaml",
    )
    params = draft.spec["parameters"]
    assert params["limit"]["default"] == 1000
    assert params["rate"]["default"] == 0.3
    assert params["flag"]["default"] is True
    assert params["options"] == {"type": "string", "description": "", "default": '{"a": 1}'}
    assert params["label"]["default"] == "01"
