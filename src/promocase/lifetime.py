"""Objects the console process keeps until it ends, instead of freeing them one by one.

The `promocase` command ends with os._exit (cli.main): the operating system takes back the
memory at once. What a command frees before that is work nobody waits for but the user: a
100,000-commit import dropped its commits, then its candidates and judgements, then its
summary, 0.1-0.3 s in all, on the only busy core, right before exiting. Objects handed to
`keep` are never freed in that process. Only the console entry point turns this on; in any
other process (the web server, tests running commands in-process) `keep` does nothing and
everything is freed as usual.
"""

from __future__ import annotations

_kept: list[object] | None = None


def keep_until_exit() -> None:
    """Called by the console entry point: from now on `keep` holds what it is given."""
    global _kept  # noqa: PLW0603 - one switch per process
    if _kept is None:
        _kept = []


def keeping() -> bool:
    """Whether this process keeps objects until it exits."""
    return _kept is not None


def keep(*objects: object) -> None:
    """Hold these until the process exits, if it exits without freeing (else a no-op)."""
    if _kept is not None:
        _kept.extend(objects)
