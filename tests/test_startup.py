"""What start-up loads and when: the light package import, and the command's collector pause."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import cli

ROOT = Path(__file__).resolve().parent.parent


def test_import_cleaner_loads_the_engine_on_first_use():
    code = ("import sys, cleaner\n"
            "assert not [m for m in sys.modules if m.startswith('cleaner.')], sorted(sys.modules)\n"
            "assert 'Cleaner' in dir(cleaner) and 'clean' in dir(cleaner)\n"
            "from cleaner import Cleaner, Config, Fix, apply_edits\n"
            "assert Cleaner.__module__ == 'cleaner.cleaner' and 'cleaner.cleaner' in sys.modules\n"
            "assert cleaner.Config is Config and cleaner.Fix is Fix\n"
            "assert cleaner.clean('Hello , world').text == 'Hello, world'\n"
            "try:\n    cleaner.Nothing\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit('no error')\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_version_loads_no_rules():
    code = ("import sys\nfrom cleaner.cli import main\nassert main(['--version']) == 0\n"
            "assert 'cleaner.cleaner' not in sys.modules and 'regex' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)


@pytest.mark.parametrize("enabled", [True, False])
def test_command_pauses_the_collector_until_the_rules_are_loaded(tmp_path, monkeypatch, enabled):
    path = tmp_path / "a.txt"
    path.write_text("Hello , world.\n", encoding="utf-8")
    seen = {}
    real_cleaner_for, real_run = cli.cleaner_for, cli.run

    def cleaner_for(config):
        seen.setdefault("loading", gc.isenabled())
        return real_cleaner_for(config)

    def run(options):
        seen["cleaning"] = (gc.isenabled(), gc.get_freeze_count() > 0)
        return real_run(options)

    monkeypatch.setattr(cli, "cleaner_for", cleaner_for)
    monkeypatch.setattr(cli, "run", run)
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert cli.main([str(path)]) == 1
        assert seen == {"loading": False, "cleaning": (enabled, True)}
        assert gc.isenabled() is enabled and gc.get_freeze_count() == 0  # restored for the caller
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_command_leaves_a_callers_frozen_objects_as_they_were(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hello , world.\n", encoding="utf-8")
    kept = [[] for _ in range(1000)]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        assert cli.main([str(path)]) == 1
        assert gc.get_freeze_count() == before  # nothing of the command's frozen for good, nothing thawed
    finally:
        gc.unfreeze()
    assert kept
