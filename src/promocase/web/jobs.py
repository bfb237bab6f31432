"""Long imports run off the request: a thread with its own workspace connection, progress the
page polls, and the result (or the error) kept until the page shows it.

The server stays responsive while a big repository is read, judged and written: every other
route keeps answering from its own connection, and SQLite (WAL, BEGIN IMMEDIATE) keeps the two
apart. No business logic here: a job runs a service call and records what it reports.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from promocase.core.errors import PromocaseError
from promocase.workspace import Workspace

KEEP_SECONDS = 3600  # a finished job's result is kept this long for its page
# A request waits this long for its job before showing the progress page instead (quick
# imports answer at once; PROMOCASE_WEB_WAIT=0 always shows the progress page).
WAIT_SECONDS = float(os.environ.get("PROMOCASE_WEB_WAIT", "1.5"))


@dataclass
class Job:
    """One import in progress or done; the fields are what its page shows."""

    id: str
    title: str
    values: dict[str, str]
    dry_run: bool
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    read: int = 0  # items read so far (commits), before the total is known
    done: int = 0  # entries judged and written so far
    total: int = 0
    result: Any = None
    error: PromocaseError | None = None
    _event: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def running(self) -> bool:
        return not self._event.is_set()

    def on_read(self, count: int) -> None:
        self.read = count

    def on_progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def wait(self, seconds: float) -> bool:
        """Whether the job finished within `seconds` (blocks the calling thread)."""
        return self._event.wait(seconds)

    @property
    def percent(self) -> int | None:
        return min(100, self.done * 100 // self.total) if self.total else None


class Jobs:
    """The jobs of one server, by unguessable id."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(
        self,
        home: Any,
        title: str,
        values: dict[str, str],
        dry_run: bool,
        work: Callable[[Workspace, Job], Any],
    ) -> Job:
        """Run `work(workspace, job)` on a thread with a workspace of its own."""
        job = Job(secrets.token_urlsafe(16), title, dict(values), dry_run)
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(home, job, work), daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key, job in list(self._jobs.items()):
            if job.finished is not None and now - job.finished > KEEP_SECONDS:
                del self._jobs[key]

    @staticmethod
    def _run(home: Any, job: Job, work: Callable[[Workspace, Job], Any]) -> None:
        try:
            with Workspace(home) as ws:
                job.result = work(ws, job)
        except PromocaseError as exc:
            job.error = exc
        except Exception as exc:  # noqa: BLE001 - shown on the page instead of lost in a thread
            job.error = PromocaseError(
                f"The import stopped on an unexpected error: {exc}. Nothing was added.",
                hint="Try again; if it happens again, import from the command line to see more.",
            )
        finally:
            job.finished = time.monotonic()
            job._event.set()
