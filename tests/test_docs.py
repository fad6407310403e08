"""The README keeps up with the command line.

Every command of ``lagebild`` has an example in README.md, and every example
line in the README's Commands section names an existing command with options
that command has, parsed by click itself.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from lagebild.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(markdown: str, title: str) -> str:
    """The text of the ``## title`` section of a Markdown document."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def example_lines(markdown: str) -> list[str]:
    """The ``lagebild ...`` lines of the fenced code blocks, without comments and redirections."""
    lines = []
    for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", markdown, re.S):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("lagebild "):
                words = shlex.split(line, comments=True)
                lines.append(shlex.join(words[: words.index(">")] if ">" in words else words))
    return lines


COMMAND_EXAMPLES = example_lines(section(README, "Commands"))


def parse(line: str) -> click.Context:
    """Parse one example line with click, as the shell would call ``lagebild``."""
    name, *rest = shlex.split(line)[1:]
    parent = click.Context(main, info_name="lagebild")
    command = main.get_command(parent, name)
    if command is None:
        raise click.UsageError(f"No such command {name!r}.", parent)
    return command.make_context(name, rest, parent=parent)


def test_docs_commands_section_has_examples() -> None:
    assert len(COMMAND_EXAMPLES) >= len(main.commands)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_every_command_has_an_example(command: str) -> None:
    assert re.search(rf"^\s*(?:\.venv/bin/)?lagebild {command}\b", README, re.M), f"no 'lagebild {command}' example"
    assert any(line.startswith(f"lagebild {command} ") for line in COMMAND_EXAMPLES)


@pytest.mark.parametrize("line", COMMAND_EXAMPLES)
def test_docs_example_parses(line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name paths relative to the repository
    ctx = parse(line)
    assert ctx.command.name == shlex.split(line)[1]
    given = {word.split("=")[0] for word in shlex.split(line) if word.startswith("--")}
    known = {opt for param in ctx.command.params for opt in param.opts}
    assert given <= known


@pytest.mark.parametrize(
    "line",
    ["lagebild extrct examples/seeds", "lagebild events --frmat csv", "lagebild events --limit 0"],
)
def test_docs_parse_rejects_wrong_lines(line: str) -> None:
    with pytest.raises(click.UsageError):
        parse(line)
