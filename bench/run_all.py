"""Run every bench/bench_*.py in turn (each is also runnable alone) and stop on none failing silently."""

import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main():
    selected = sys.argv[1:]
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if selected:
        scripts = [script for script in scripts if any(name in script.name for name in selected)]
    failures = []
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR.parent).returncode != 0:
            failures.append(script.name)
    if failures:
        print(f"\nFailed: {', '.join(failures)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
