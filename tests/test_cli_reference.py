"""docs/cli.md is the CLI's own --help, regenerated: a flag added without regenerating fails here."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from bdp_lod.cli import cli
from bdp_lod.cli.reference import main, render

ROOT = Path(__file__).resolve().parent.parent


def test_docs_cli_md_is_current() -> None:
    committed = (ROOT / "docs" / "cli.md").read_bytes()
    assert committed == render().encode("utf-8"), "docs/cli.md is stale: run python -m bdp_lod.cli.reference"


def test_reference_renders_the_same_bytes_twice() -> None:
    assert render() == render()


def test_reference_has_a_section_for_every_command() -> None:
    text = render()
    for name in cli.list_commands(click.Context(cli)):
        assert f"## `bdp-lod {name}`" in text


def test_reference_does_not_depend_on_commands_run_before() -> None:
    before = render()
    CliRunner().invoke(cli, ["convert", "--help"])
    assert render() == before
    assert "-h, --help" in before


def test_help_prints_usage_and_writes_no_file(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--help"]) == 0
    assert "--check" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_option_is_a_usage_error_not_a_file_name(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--chek"]) == 2
    assert list(tmp_path.iterdir()) == []


def test_check_names_a_stale_file_and_exits_1(tmp_path: Path) -> None:
    stale = tmp_path / "cli.md"
    stale.write_text("old\n", encoding="utf-8")
    assert main([str(stale), "--check"]) == 1
    assert main([str(stale)]) == 0
    assert main([str(stale), "--check"]) == 0
