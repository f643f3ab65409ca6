import os
import subprocess
import sys

import pytest

from digitize import faults

CROSS_THREE_TIMES = (
    "from digitize import faults\nfor n in range(3):\n    print(n, flush=True)\n    faults.boundary('b')\n"
)


@pytest.mark.parametrize(
    ("fault", "printed", "killed"),
    [("", "0\n1\n2\n", False), ("b", "0\n", True), ("b@2", "0\n1\n", True), ("other", "0\n1\n2\n", False)],
)
def test_a_named_boundary_kills_the_process_at_the_crossing_asked(fault: str, printed: str, killed: bool):
    env = {**os.environ, faults.ENV_VAR: fault}
    done = subprocess.run([sys.executable, "-c", CROSS_THREE_TIMES], env=env, capture_output=True, text=True)
    assert done.stdout == printed
    assert done.returncode == (-9 if killed else 0)
