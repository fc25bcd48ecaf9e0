"""What the figures were measured on: the machine, how busy it was, and which code."""

import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    """CPU model, cores, memory, OS and Python."""
    cpu = memory = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        models = [line.split(":", 1)[1] for line in cpuinfo.splitlines() if "model name" in line]
        cpu = models[0].strip() if models else ""
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        system = f"{platform.system()} {platform.release()}"
    parts = [cpu or platform.processor() or platform.machine(), f"{os.cpu_count()} cores"]
    parts += [memory] if memory else []
    return " · ".join([*parts, system, f"Python {platform.python_version()}"])


def load_average() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def _git(*args: str) -> str:
    return subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout


def code_state() -> str:
    """The commit, and whether (and where) the working tree differs from it."""
    try:
        commit = _git("rev-parse", "--short", "HEAD").strip()
        changed = [line[3:] for line in _git("status", "--porcelain").splitlines() if line]
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    if not changed:
        return f"commit {commit}, working tree clean"
    tops = sorted(
        {path.strip('"').split("/", 1)[0] + ("/" if "/" in path else "") for path in changed}
    )
    return f"commit {commit}, working tree dirty ({len(changed)} paths in {', '.join(tops)})"
