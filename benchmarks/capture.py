"""Capture speed: wall time of `promocase add "text"` against bare Python and jrnl, same run.

Usage: python benchmarks/capture.py [--runs N] [--no-jrnl]

jrnl is installed once into benchmarks/.cache/jrnl-venv (a throwaway environment). Target:
promocase add ≤ 0.5 × jrnl. Bytecode is compiled first, as a normal install would have it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
JRNL_VENV = CACHE / "jrnl-venv"


def interleaved(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, warmup: int = 3
) -> dict[str, list[float]]:
    """Time each command `runs` times, taking turns, so drift in machine speed hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(warmup + runs):
        for name, (cmd, env) in commands.items():
            args = [*cmd[:-1], f"{cmd[-1]} {i}"] if cmd[-1].startswith("Shipped") else cmd
            start = time.perf_counter()
            subprocess.run(
                args,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )
            if i >= warmup:
                times[name].append(time.perf_counter() - start)
    return times


def ensure_jrnl() -> Path | None:
    exe = JRNL_VENV / "bin" / "jrnl"
    if exe.exists():
        return exe
    CACHE.mkdir(exist_ok=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
        subprocess.run(
            [str(JRNL_VENV / "bin" / "pip"), "install", "-q", "jrnl"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except subprocess.CalledProcessError:
        shutil.rmtree(JRNL_VENV, ignore_errors=True)
        return None
    return exe if exe.exists() else None


def jrnl_env(root: Path) -> dict[str, str]:
    config = root / ".config" / "jrnl"
    config.mkdir(parents=True)
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: true\nindent_character: '|'\n"
        f"journals: {{default: {{journal: {root / 'journal.txt'}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.6\n",
        encoding="utf-8",
    )
    env = dict(os.environ, HOME=str(root), XDG_CONFIG_HOME=str(root / ".config"))
    env.pop("PROMOCASE_HOME", None)
    return env


def summary(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name:<28} mean {statistics.mean(ms):6.1f} ms   median {statistics.median(ms):6.1f}"
        f" ms   min {min(ms):6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-jrnl", action="store_true")
    args = parser.parse_args()

    import promocase

    compileall.compile_dir(str(Path(promocase.__file__).parent), quiet=1)
    promocase_exe = Path(sys.executable).parent / "promocase"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # The default workspace location, as a user has it (no PROMOCASE_HOME).
        env = dict(os.environ, XDG_DATA_HOME=str(root / "data"))
        env.pop("PROMOCASE_HOME", None)
        subprocess.run(
            [str(promocase_exe), "init", "--ladder", "software-engineer", "--current", "SE3"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        commands = {
            "python -c pass": ([sys.executable, "-c", "pass"], env),
            'promocase add "text"': (
                [str(promocase_exe), "add", "Shipped the export feature"],
                env,
            ),
        }
        jrnl = None if args.no_jrnl else ensure_jrnl()
        if jrnl is not None:
            jenv = jrnl_env(root / "jrnl-home")
            subprocess.run(
                [str(jrnl), "first entry"],
                env=jenv,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )
            commands['jrnl "text"'] = ([str(jrnl), "Shipped the export feature @work"], jenv)
        times = interleaved(commands, args.runs)
        print(f"runs: {args.runs} each, interleaved, after 3 warm-ups")
        for name, values in times.items():
            print(summary(name, values))
        add, bare = times['promocase add "text"'], times["python -c pass"]
        overhead = statistics.median(add) - statistics.median(bare)
        print(f"promocase above bare python (median): {overhead * 1000:.1f} ms")
        if jrnl is None:
            print("jrnl: not measured (install failed or --no-jrnl)")
            return 0
        ratio = statistics.median(add) / statistics.median(times['jrnl "text"'])
        print(
            f"promocase / jrnl (median): {ratio:.2f}  (target ≤ 0.50: "
            f"{'met' if ratio <= 0.5 else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
