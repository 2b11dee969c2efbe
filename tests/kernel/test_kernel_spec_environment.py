"""The `environment:` key of component.yaml, and requirement lines (kernel.spec_environment)."""

from __future__ import annotations

import pytest

from designer.kernel.spec import parse_spec
from designer.kernel.spec_environment import (
    EnvironmentSpec,
    normalize_requirement,
    parse_requirements_text,
    requirement_name,
)
from tests.kernel.factories import build, only_issue


def test_no_environment_is_the_default_one() -> None:
    spec = parse_spec(build())
    assert spec.environment is None
    assert "environment" not in spec.to_dict()


def test_inline_requirements_and_python_round_trip() -> None:
    declared = {"python": "3.12", "requirements": ["Toolz >= 1.0", "more_itertools", "toolz>=1.0"]}
    spec = parse_spec(build(environment=declared))
    assert spec.environment == EnvironmentSpec("3.12", ("toolz>=1.0", "more-itertools"))
    assert parse_spec(spec.to_dict()) == spec


def test_a_requirements_file_and_preload_round_trip() -> None:
    declared = {"requirements": "deps/requirements.txt", "preload": ["xgboost", "a.b_c"]}
    spec = parse_spec(build(environment=declared))
    assert spec.environment == EnvironmentSpec(
        requirements_file="deps/requirements.txt", preload=("xgboost", "a.b_c")
    )
    assert spec.to_dict()["environment"] == declared
    assert parse_spec(spec.to_dict()) == spec


@pytest.mark.parametrize(
    ("environment", "field", "words"),
    [
        ("toolz", "environment", "must be a mapping"),
        ({}, "environment", "needs python, requirements or both"),
        ({"python": 3.12}, "environment.python", "quote it"),
        ({"python": "2.7"}, "environment.python", 'like "3.12"'),
        ({"requirements": ["-r other.txt"]}, "environment.requirements[0]", "not allowed"),
        ({"requirements": ["./local/pkg"]}, "environment.requirements[0]", "local paths"),
        ({"requirements": [""]}, "environment.requirements[0]", "a package name"),
        ({"requirements": ["a\nb"]}, "environment.requirements[0]", "one line"),
        ({"requirements": "../outside.txt"}, "environment.requirements", "inside the component"),
        ({"requirements": {"toolz": 1}}, "environment.requirements", "a list like"),
        ({"python": "3.12", "preload": ["not a module"]}, "environment.preload", "module names"),
        ({"requirements": [], "conda": "env.yml"}, "environment.conda", "unknown key 'conda'"),
    ],
)
def test_a_bad_environment_says_what_to_write(environment, field, words) -> None:
    issue = only_issue(build(environment=environment))
    assert issue.field == field
    assert words in issue.message


def test_an_imported_components_origin_environment_is_untouched() -> None:
    origin = {"format": "azureml", "environment": "azureml:sklearn-env:3"}
    spec = parse_spec(build(origin=origin))
    assert spec.environment is None and spec.origin == origin


def test_requirement_names_are_canonical() -> None:
    assert normalize_requirement("  Scikit_Learn   >= 1.5 , <2 ") == "scikit-learn>=1.5,<2"
    assert normalize_requirement("toolz; python_version >= '3.8'") == "toolz; python_version>='3.8'"
    assert requirement_name("xgboost-cpu==3.4.1") == "xgboost-cpu"
    assert requirement_name("PyYAML; python_version > '3'") == "pyyaml"


def test_a_compiled_requirements_file_keeps_its_hashes() -> None:
    text = (
        "# compiled\n"
        "toolz==1.2.0 \\\n"
        "    --hash=sha256:ABCDEF0123 \\\n"
        "    --hash=sha256:abcdef4567\n"
        "\n"
        "More.Itertools  # the second one\n"
    )
    lines, problems = parse_requirements_text(text)
    assert problems == []
    assert lines == [
        "toolz==1.2.0 --hash=sha256:ABCDEF0123 --hash=sha256:abcdef4567",
        "more-itertools",
    ]


def test_options_in_a_requirements_file_are_refused_by_line() -> None:
    lines, problems = parse_requirements_text("toolz\n--index-url https://example.org\n-e .\n")
    assert lines == ["toolz"]
    assert problems == [
        "line 2: option '--index-url' is not allowed; only --hash= is",
        "line 3: option '-e' is not allowed; only --hash= is",
    ]
