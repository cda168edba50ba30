"""Mutation testing of the rules: every function in `src/samhandlingsdesk/domain/` is
mutated by mutmut (3.x) and the domain tests are run against each mutant.

What is mutated and which tests run is `[tool.mutmut]` in pyproject.toml: the domain
package, against `tests/domain` and `tests/service` (the statistics rules are tested
there), each mutant against only the tests that call the mutated function. Functions
that only build a table at import time carry `# pragma: no mutate block`: mutmut
switches a mutant on after the import, so it could never reach them; the tables they
build are pinned by tests instead (tests/domain/test_transition_fills.py and
test_lifecycle.py).

Prints the survivors and the mutants no test reaches, by function, then the counts; the
last line is machine-readable:

    mutants=… killed=… score_pct=…

where score_pct = (killed + timed out) / every mutant (survivors and mutants no test
reaches count against it). Needs the `mutation` extra (`pip install -e ".[mutation]"`).
Takes minutes (two workers by default, `--workers N`); it writes `mutants/` (ignored by
git) and removes the previous run's first unless `--keep`; `--again` keeps it and runs
only the mutants the last run left alive or untested (after tests were added);
`--only dates,refs` runs and scores only those modules of `domain/` (keeping the other
modules' verdicts from earlier runs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"


def mutmut(*args: str, log: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mutmut", *args]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if log is None:
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    with log.open("w") as out:
        return subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=out, text=True)


def results() -> dict[str, str]:
    """Each mutant's name and its verdict («killed», «survived», «no tests», …)."""
    done = mutmut("results", "--all", "true")
    verdicts: dict[str, str] = {}
    for line in done.stdout.splitlines():
        name, sep, verdict = line.strip().rpartition(": ")
        if sep:
            verdicts[name] = verdict
    return verdicts


PACKAGE = "samhandlingsdesk.domain."
DETECTED = ("killed", "timeout", "segfault")


def function_of(mutant: str) -> str:
    return mutant.rpartition("__mutmut_")[0].replace(PACKAGE, "")


def patterns(only: str) -> list[str]:
    """mutmut's name patterns for `--only a,b.c`: every mutant of those modules."""
    return [f"{PACKAGE}{module.strip()}.*" for module in only.split(",") if module.strip()]


def in_modules(mutant: str, modules: list[str]) -> bool:
    return not modules or any(mutant.startswith(m[:-1]) for m in modules)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="reuse the last run's results")
    parser.add_argument("--again", action="store_true", help="only the last run's survivors")
    parser.add_argument("--only", default="", help="modules of domain/, comma-separated")
    args = parser.parse_args()
    modules = patterns(args.only)
    selection: list[str] = modules
    if args.again:
        selection = sorted(
            m
            for m, v in results().items()
            if v in ("survived", "no tests") and in_modules(m, modules)
        )
        if not selection:
            print("nothing left alive to run again")
    elif not args.keep and not modules and MUTANTS.exists():
        shutil.rmtree(MUTANTS)
    MUTANTS.mkdir(exist_ok=True)
    log = MUTANTS / "run.log"
    started = time.perf_counter()
    run = mutmut("run", "--max-children", str(args.workers), *selection, log=log)
    wall = time.perf_counter() - started
    if run.returncode != 0:
        print(log.read_text()[-3000:], file=sys.stderr)
        print(f"mutmut run failed (exit {run.returncode}); its output is in {log}")
        return 1
    verdicts = {m: v for m, v in results().items() if in_modules(m, modules)}
    counts = Counter(verdicts.values())
    for verdict in ("survived", "no tests", "suspicious", "not checked"):
        by_function = Counter(function_of(m) for m, v in verdicts.items() if v == verdict)
        if by_function:
            print(f"{verdict}: {sum(by_function.values())}")
            for function, n in sorted(by_function.items()):
                print(f"  {n:4d}  {function}")
    total = len(verdicts) - counts["skipped"]
    detected = sum(counts[v] for v in DETECTED)
    score = 100 * detected / total if total else 0.0
    print(
        f"survived={counts['survived']} no_tests={counts['no tests']} "
        f"timeout={counts['timeout']} suspicious={counts['suspicious']} "
        f"skipped={counts['skipped']} wall_s={wall:.0f} workers={args.workers} "
        f"cores={os.cpu_count()} modules={args.only or 'all'}"
    )
    print(f"mutants={total} killed={detected} score_pct={score:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
