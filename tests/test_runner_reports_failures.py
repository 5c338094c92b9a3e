"""The Odoo test runner behind `make test` must turn a failing test into a
failed run: exit status non-zero and the failure counted in its summary."""

import re
import subprocess

from conftest import REPO


def test_a_failing_odoo_test_fails_the_run(tmp_path):
    log = tmp_path / "selftest.log"
    run = subprocess.run(
        [
            "bash",
            "scripts/odoo-tests.sh",
            "--addons-path",
            str(REPO / "tests" / "odoo_addons"),
            "--log",
            str(log),
            "cim_selftest_failing",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode != 0, run.stdout + run.stderr
    summary = re.search(r"^odoo: (\d+) passed, (\d+) failed$", run.stdout, re.M)
    assert summary, run.stdout
    assert summary.groups() == ("1", "1")
    assert "test_fails_on_purpose" in log.read_text()
