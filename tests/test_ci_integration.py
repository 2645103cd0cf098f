"""The reusable GitHub Action and the pre-commit hook call the real CLI with documented options."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from datarelease.cli import main

REPO = Path(__file__).resolve().parent.parent


def _validate_options() -> set[str]:
    help_text = CliRunner().invoke(main, ["validate", "--help"]).output
    return set(re.findall(r"--[a-z][a-z-]+", help_text))


def test_the_action_installs_datarelease_and_runs_validate_with_annotations_and_a_summary() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    scripts = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    assert 'pip install --quiet "$GITHUB_ACTION_PATH"' in scripts
    assert "(validate " in scripts and "bin/datarelease\" \"${args[@]}\"" in scripts
    used = set(re.findall(r"--[a-z][a-z-]+", scripts)) - {"--quiet"}
    assert {"--format", "--summary", "--engine", "--allow-remote"} <= used
    assert used <= _validate_options()
    assert "--format github" in scripts and '--summary "$GITHUB_STEP_SUMMARY"' in scripts
    # inputs reach the script through the environment, never pasted into it
    assert "${{ inputs" not in scripts
    assert set(action["inputs"]) == {"path", "engine", "allow-remote", "python-version"}


def test_the_pre_commit_hook_runs_validate() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "datarelease validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "datapackage.json") and re.search(hook["files"], "data/x.csv")
    assert CliRunner().invoke(main, [*hook["entry"].split()[1:], "--help"]).exit_code == 0


def test_the_readme_documents_both() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "action.yml" in readme and ".pre-commit-hooks.yaml" in readme
    assert "id: datarelease-validate" in readme
