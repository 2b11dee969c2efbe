"""Shell completion scripts, generated from the argument tree so they never fall behind it.

`pipewright completion bash >> ~/.bashrc` (or zsh, via bashcompinit), or for fish
`pipewright completion fish > ~/.config/fish/completions/pipewright.fish`. Command words and
options complete; anything else falls back to file names.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field


@dataclass
class Level:
    options: list[str] = field(default_factory=list)
    valued: list[str] = field(default_factory=list)  # options followed by a value
    commands: dict[str, Level] = field(default_factory=dict)


def command_tree(parser: argparse.ArgumentParser) -> Level:
    level = Level()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            level.commands = {name: command_tree(sub) for name, sub in action.choices.items()}
        elif action.option_strings:
            long = [o for o in action.option_strings if o.startswith("--")]
            level.options += long
            if action.nargs != 0:
                level.valued += action.option_strings
    return level


def _paths(level: Level, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Level]]:
    found = [(prefix, level)]
    for name, sub in level.commands.items():
        found += _paths(sub, (*prefix, name))
    return found


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    tree = command_tree(parser)
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](tree)


def _bash(tree: Level) -> str:
    valued = sorted({o for _, level in _paths(tree) for o in level.valued})
    cases = "\n".join(
        f'    {_bash_pattern(path, level)}) words="{_words(level)}" ;;'
        for path, level in _paths(tree)
    )
    return f"""# pipewright completion for bash: source this file, or add it to ~/.bashrc
_pipewright() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" path="" skip="" word words
  for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
    if [ -n "$skip" ]; then skip=""; continue; fi
    case " {" ".join(valued)} " in *" $word "*) skip=1; continue ;; esac
    case "$word" in -*) ;; *) path="${{path:+$path/}}$word" ;; esac
  done
  case "$path" in
{cases}
    *) words="" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}}
complete -o default -F _pipewright pipewright
"""


def _words(level: Level) -> str:
    return " ".join([*level.commands, *level.options])


def _bash_pattern(path: tuple[str, ...], level: Level) -> str:
    # A command without subcommands keeps completing its options after its arguments.
    joined = "/".join(path)
    return f'"{joined}"' if level.commands or not path else f'"{joined}"|"{joined}/"*'


def _zsh(tree: Level) -> str:
    return (
        "# pipewright completion for zsh\nautoload -U +X bashcompinit && bashcompinit\n"
        + _bash(tree).split("\n", 1)[1]
    )


def _fish(tree: Level) -> str:
    lines = ["# pipewright completion for fish"]
    for path, level in _paths(tree):
        condition = _fish_condition(path, tree)
        for name in level.commands:
            lines.append(f"complete -c pipewright -n '{condition}' -a {name}")
        for option in level.options:
            lines.append(f"complete -c pipewright -n '{condition}' -l {option[2:]}")
    return "\n".join(lines) + "\n"


def _fish_condition(path: tuple[str, ...], tree: Level) -> str:
    if not path:
        return "__fish_use_subcommand"
    tests = [f"__fish_seen_subcommand_from {word}" for word in path]
    level, deeper = tree, []
    for word in path:
        level = level.commands[word]
    deeper = list(level.commands)
    if deeper:
        tests.append(f"not __fish_seen_subcommand_from {' '.join(deeper)}")
    return "; and ".join(tests)
