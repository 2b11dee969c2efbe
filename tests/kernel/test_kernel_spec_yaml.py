"""Tests for designer.kernel.spec.load_spec_text: component.yaml text to a spec."""

from __future__ import annotations

import pytest

from designer.kernel.spec import SpecError, SpecIssue, load_spec_text

VALID = """\
name: to_upper
version: 0.2.0
outputs:
  result: {type: json}
python: upper.py:run
"""


def error_of(text: str, source: str = "component.yaml") -> SpecIssue:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, source)
    assert len(caught.value.errors) == 1
    return caught.value.errors[0]


def test_valid_text() -> None:
    assert load_spec_text(VALID).ref == "to_upper@0.2.0"


def test_yaml_syntax_error_names_the_line() -> None:
    issue = error_of("name: to_upper\noutputs: {result: [\n", source="x/component.yaml")
    assert issue.file == "x/component.yaml"
    assert issue.field == ""
    assert "invalid YAML at line 3" in issue.message


def test_bad_indentation_is_a_spec_error() -> None:
    issue = error_of("name: a\n  version: 1.0.0\n")
    assert issue.message.startswith("invalid YAML at line 2")


@pytest.mark.parametrize("text", ["- name\n- version\n", "just text\n", "42\n"])
def test_a_document_that_is_not_a_mapping(text: str) -> None:
    issue = error_of(text)
    assert issue.field == ""
    assert "must be a mapping" in issue.message


def test_an_empty_document() -> None:
    assert "empty" in error_of("# nothing here\n").message


def test_a_repeated_key_is_refused() -> None:
    issue = error_of(VALID + "python: other.py:run\n")
    assert "'python' appears twice" in issue.message
    assert "line 6" in issue.message


def test_a_repeated_nested_key_is_refused() -> None:
    text = VALID.replace("result: {type: json}", "result: {type: json, type: file}")
    assert "'type' appears twice" in error_of(text).message


def test_yaml_tags_that_build_objects_are_refused() -> None:
    issue = error_of("name: !!python/object:os.system {}\n")
    assert issue.message.startswith("invalid YAML")


def test_validation_errors_come_through() -> None:
    issue = error_of(VALID.replace("0.2.0", "0.2"))
    assert issue.field == "version"
