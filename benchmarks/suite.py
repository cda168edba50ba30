"""The README's test command, timed: the whole suite (nothing skipped or deselected by
this script), with the workers pyproject's addopts ask for (`-n auto`).

Prints the wall time, the CPU time of the test processes (user + system, every worker
included) and the outcome line of pytest; the last line is machine-readable:

    suite_wall_s=… suite_cpu_s=… exit=…

Run it on an otherwise idle machine: `.venv/bin/python benchmarks/suite.py`. Extra
arguments go to pytest (e.g. `-n 2`).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _, extra = parser.parse_known_args()
    command = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=os.environ)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    print(f"command: {' '.join(command[1:])}")
    print(f"cores: {os.cpu_count()}")
    for line in lines:
        if line.startswith("FAILED "):  # name any test that failed, so a flaky one is known
            print(line)
    print(f"pytest: {lines[-1] if lines else '(no output)'}")
    print(f"wall {wall:.1f} s, CPU {cpu:.1f} s (all test processes)")
    print(f"suite_wall_s={wall:.1f} suite_cpu_s={cpu:.1f} exit={proc.returncode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
