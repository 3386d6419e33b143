"""The deployment files stay true: every process they start is a real ``sdgbot`` command.

Each systemd unit's ``ExecStart`` and each compose service's ``command`` is parsed by
``sdgbot``'s own argument parser (compose's ``${VAR:-default}`` read as its default);
the topology has a unit and a service for every process type, the README's
production section names them, and the scheduler runs beside the web and queue workers.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from bot.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
PROCESSES = {"migrate", "serve", "worker", "scheduler"}


def _parses(argv: list[str]) -> str:
    assert argv[0].endswith("sdgbot"), argv
    args = build_parser().parse_args(argv[1:])
    return str(args.command)


def _units() -> dict[str, list[str]]:
    out = {}
    for unit in sorted(DEPLOY.glob("*.service")):
        [line] = [ln for ln in unit.read_text().splitlines() if ln.startswith("ExecStart=")]
        out[unit.name] = shlex.split(line.removeprefix("ExecStart="))
    return out


def _services() -> dict[str, list[str]]:
    text = (DEPLOY / "compose.yaml").read_text()
    text = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)
    out = {}
    for name, body in re.findall(r"^  ([a-z]+):\n((?:    .*\n|\s*\n)+)", text, re.M):
        found = re.search(r"command: (\[.*?\])", body, re.S)
        if found:
            out[name] = json.loads(found.group(1))
    return out


@pytest.mark.parametrize("unit", sorted(_units()))
def test_each_unit_runs_a_real_command(unit: str) -> None:
    assert _parses(_units()[unit]) in PROCESSES


def test_every_process_type_has_a_unit_and_a_service() -> None:
    assert {_parses(a) for a in _units().values()} == PROCESSES
    services = _services()
    assert {_parses(a) for a in services.values()} == PROCESSES
    assert set(services) == {"migrate", "web", "worker", "scheduler"}


def test_the_readme_names_every_unit() -> None:
    production = (ROOT / "README.md").read_text().split("## Production", 1)[1]
    production = production.split("\n## ", 1)[0]
    for unit in _units():
        assert unit in production, unit
    assert "compose.yaml" in production
