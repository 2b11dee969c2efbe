"""Foreign command lines rewritten as ours.

Ours (see designer/kernel/command_template.py) is one line split like a shell would split it,
run without a shell, with `${{inputs.x}}`, `${{outputs.y}}`, `${{params.z}}` placeholders (each
one command-line word) and `$[[ ... ]]` optional blocks. Azure ML writes nearly the same, but runs
its line in a shell and calls every input `inputs.x`; Kubeflow writes an argument list with
`{inputValue: x}`-style placeholders. Plain Python: no Django.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from typing import Any

from designer.kernel.command_template import PLACEHOLDER, TemplateError, segments

AZURE_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
AZURE_PORT = re.compile(r"(inputs|outputs)\.([A-Za-z_][A-Za-z0-9_]*)")
AZURE_BARE_BLOCK = re.compile(r"\$\[\[\s*(inputs\.[A-Za-z_][A-Za-z0-9_]*)\s*\]\]")
SHELL_SYNTAX = re.compile(r"[|&;<>()$`\\*?~\n]|^\s*[A-Za-z_][A-Za-z0-9_]*=")

# (section as written, name as written) -> our placeholder text, or None when unknown.
Placeholders = Callable[[str, str], str | None]


class CommandRefused(ValueError):
    """The command cannot be written as ours; the message says what and why."""


def from_azure(command: str, placeholder: Placeholders) -> str:
    """An Azure ML `command:` as ours: placeholders renamed, shell syntax kept by running the
    line through `sh -c` (Azure runs every command in a shell)."""
    # `$[[inputs.x]]` is the short form of `$[[${{inputs.x}}]]`.
    text = AZURE_BARE_BLOCK.sub(lambda m: "$[[${{" + m.group(1) + "}}]]", command.strip())
    text = AZURE_EXPRESSION.sub(lambda m: _azure_placeholder(m, placeholder), text)
    try:
        blocks = any(segment.optional for segment in segments(text))
    except TemplateError as error:
        raise CommandRefused(str(error)) from None
    if not needs_shell(text):
        return text
    if blocks:
        raise CommandRefused(
            "the command uses shell syntax (pipes, redirections, variables, several lines) "
            "together with $[[ ]] optional blocks, which cannot be combined here; move the shell "
            "part into a script in the code folder"
        )
    return shell_wrapped(text)


def _azure_placeholder(match: re.Match[str], placeholder: Placeholders) -> str:
    expression = match.group(1)
    port = AZURE_PORT.fullmatch(expression)
    ours = placeholder(port.group(1), port.group(2)) if port else None
    if ours is None:
        raise CommandRefused(
            f"{match.group(0)} names nothing this component declares; only "
            "${{inputs.NAME}} and ${{outputs.NAME}} of declared inputs and outputs can be used"
        )
    return ours


def needs_shell(template: str) -> bool:
    """Whether the line means more than words: pipes, redirections, variables, globs, lines."""
    bare = PLACEHOLDER.sub(" ", template).replace("$[[", " ").replace("]]", " ")
    return SHELL_SYNTAX.search(bare.strip()) is not None


def shell_wrapped(template: str) -> str:
    """`sh -c 'SCRIPT' sh ARGS…`: each placeholder becomes a positional argument of the script,
    so its value reaches the shell as one word, whatever characters it holds."""
    order: list[str] = []

    def positional(match: re.Match[str]) -> str:
        if match.group(0) not in order:
            order.append(match.group(0))
        return '"${' + str(order.index(match.group(0)) + 1) + '}"'

    script = PLACEHOLDER.sub(positional, template)
    return " ".join(["sh", "-c", shlex.quote(script), "sh", *order])


def from_kfp(items: list[Any], placeholder: Callable[[str, str], str], field: str) -> str:
    """A Kubeflow v1 `command` + `args` list as one line of ours.

    `placeholder(kind, name)` gives our placeholder for `inputValue`, `inputPath`, `outputPath`
    (and, for `isPresent`, the one its input has); `if: {cond: {isPresent: x}, then: [...]}`
    becomes an optional block."""
    words = [_kfp_item(item, placeholder, f"{field}[{index}]") for index, item in enumerate(items)]
    return " ".join(word for word in words if word)


def _kfp_item(item: Any, placeholder: Callable[[str, str], str], field: str) -> str:
    if isinstance(item, Mapping) and set(item) == {"if"}:
        return _kfp_condition(item["if"], placeholder, f"{field}.if")
    return _kfp_word(item, placeholder, field)


def _kfp_word(item: Any, placeholder: Callable[[str, str], str], field: str) -> str:
    if isinstance(item, str):
        return shlex.quote(item)
    if isinstance(item, Mapping) and len(item) == 1:
        ((kind, value),) = item.items()
        if kind in ("inputValue", "inputPath", "outputPath") and isinstance(value, str):
            return placeholder(kind, value)
        if kind == "concat" and isinstance(value, list):
            return "".join(
                _kfp_word(part, placeholder, f"{field}.concat[{index}]")
                for index, part in enumerate(value)
            )
    raise CommandRefused(
        f"{field}: {_show(item)} is not supported; a command may hold text, inputValue, "
        "inputPath, outputPath, concat and if/isPresent (inputUri, outputUri, executorInput and "
        "conditions other than isPresent have no counterpart here)"
    )


def _kfp_condition(body: Any, placeholder: Callable[[str, str], str], field: str) -> str:
    if not isinstance(body, Mapping) or set(body) - {"cond", "then", "else"}:
        raise CommandRefused(f"{field}: an if needs cond and then (and may have else)")
    cond = body.get("cond")
    if not (isinstance(cond, Mapping) and set(cond) == {"isPresent"}):
        raise CommandRefused(
            f"{field}.cond: only isPresent conditions can be imported, got {_show(cond)}"
        )
    if body.get("else"):
        raise CommandRefused(
            f"{field}.else: an else branch has no counterpart here (an optional block is "
            "either kept or dropped); remove it or split the component"
        )
    then = body.get("then") or []
    if not isinstance(then, list):
        then = [then]
    if any(isinstance(item, Mapping) and "if" in item for item in then):
        raise CommandRefused(f"{field}.then: conditions inside conditions cannot be imported")
    words = " ".join(
        _kfp_word(item, placeholder, f"{field}.then[{n}]") for n, item in enumerate(then)
    )
    if placeholder("isPresent", cond["isPresent"]) not in words:
        raise CommandRefused(
            f"{field}: the branch for isPresent {cond['isPresent']!r} uses no value of that "
            "input, so there is nothing to decide the optional block on"
        )
    return f"$[[{words}]]"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
