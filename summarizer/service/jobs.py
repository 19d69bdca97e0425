"""Batch jobs: kept in SQLite, run in the background by the batch engine, resumed on restart.

A job is its row (owner, status, counts) plus two files in its own folder: ``input.jsonl``,
written once when the job is accepted, and ``results.jsonl``, the batch engine's append-only
records. The results file is the truth: a job that was running when the service stopped is
started again with the engine's resume (torn last line cut, ids already recorded skipped), so
no record is lost or written twice. The counts in the row are a cache of that file.

Everything under the data directory is private to the service's user: folders 0700, files
0600 (articles and summaries may be confidential; the owner key is a secret).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import jsonl
from ..batch.engine import live_worker, run_items
from ..batch.inputs import Item, Selection, broken_item, jsonl_item
from ..batch.records import ResultsFile, Tally, write_results
from ..errors import SummarizerError
from ..record_format import Record, read_record
from ..settings import Settings
from .models import JobStatus

ACTIVE: tuple[JobStatus, ...] = ("queued", "running")
_ACTIVE_SQL = ", ".join(f"'{s}'" for s in ACTIVE)  # constants of ours, never user input

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    total INTEGER NOT NULL,
    ok INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_owner ON jobs (owner, status);
"""


@dataclass(frozen=True)
class Job:
    id: str
    owner: str
    status: JobStatus
    total: int
    ok: int
    failed: int
    duplicates: int
    error: str | None
    created: float
    updated: float

    def to_dict(self) -> dict[str, Any]:
        """The public view: never the owner key."""
        return {
            "id": self.id,
            "status": self.status,
            "total": self.total,
            "done": self.ok + self.failed + self.duplicates,
            "ok": self.ok,
            "failed": self.failed,
            "duplicates": self.duplicates,
            "error": self.error,
            # Stored as epoch seconds; shown as ISO 8601 in UTC, to the second.
            "created": utc_time(self.created),
            "updated": utc_time(self.updated),
        }


def utc_time(seconds: float) -> dt.datetime:
    """Epoch seconds as an aware UTC datetime without microseconds (``2026-12-06T05:33:02Z``)."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(microsecond=0)


PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (0700); one of ours that is readable by others is tightened."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    st = path.stat()
    if st.st_uid == os.getuid() and st.st_mode & 0o077:
        os.chmod(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty (0600) unless it exists; one of ours is tightened."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    st = path.stat()
    if st.st_uid == os.getuid() and st.st_mode & 0o077:
        os.chmod(path, PRIVATE_FILE)
    return path


class JobStore:
    """The jobs table; one connection shared by threads behind a lock (writes are tiny)."""

    def __init__(self, path: Path) -> None:
        private_dir(path.parent)
        # Created 0600 before SQLite opens it: its -wal and -shm files copy the mode.
        private_file(path)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def create(
        self, job_id: str, owner: str, total: int, *, limit: int | None = None
    ) -> Job | None:
        """Insert a queued job; None, and nothing inserted, when ``owner`` already has ``limit``
        unfinished jobs. The count and the insert are one transaction (``BEGIN IMMEDIATE``: a
        second process on the same data directory waits), so simultaneous requests cannot all
        pass the check before any of them is inserted."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if limit is not None:
                    (active,) = self._db.execute(
                        f"SELECT COUNT(*) FROM jobs WHERE owner = ? AND status IN ({_ACTIVE_SQL})",
                        (owner,),
                    ).fetchone()
                    if active >= limit:
                        self._db.execute("ROLLBACK")
                        return None
                self._db.execute(
                    "INSERT INTO jobs (id, owner, status, total, created, updated) "
                    "VALUES (?, ?, 'queued', ?, ?, ?)",
                    (job_id, owner, total, now, now),
                )
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job, or None if it does not exist or (given ``owner``) belongs to someone else."""
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        job = Job(*row)
        if owner is not None and not secrets.compare_digest(job.owner, owner):
            return None
        return job

    def active_count(self, owner: str) -> int:
        with self._lock:
            row = self._db.execute(
                f"SELECT COUNT(*) FROM jobs WHERE owner = ? AND status IN ({_ACTIVE_SQL})",
                (owner,),
            ).fetchone()
        return int(row[0])

    def active_ids(self) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT id FROM jobs WHERE status IN ({_ACTIVE_SQL}) ORDER BY created"
            ).fetchall()
        return [r[0] for r in rows]

    def update(self, job_id: str, **fields: Any) -> None:
        names = sorted(fields)
        assigns = ", ".join(f"{n} = ?" for n in names)
        with self._lock:
            self._db.execute(
                f"UPDATE jobs SET {assigns}, updated = ? WHERE id = ?",
                (*(fields[n] for n in names), time.time(), job_id),
            )

    def move_owner(self, old: str, new: str) -> None:
        """Give the jobs of owner key ``old`` to ``new`` (a change in how keys are derived)."""
        with self._lock:
            self._db.execute("UPDATE jobs SET owner = ? WHERE owner = ?", (new, old))

    def cancel(self, job_id: str) -> None:
        """Mark cancelled unless already finished (a finished job keeps its outcome)."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET status = 'cancelled', updated = ? "
                f"WHERE id = ? AND status IN ({_ACTIVE_SQL})",
                (time.time(), job_id),
            )


def new_job_id() -> str:
    """192 random bits, URL-safe: not guessable, not sequential."""
    return secrets.token_urlsafe(24)


def job_dir(jobs_dir: Path, job_id: str) -> Path:
    return jobs_dir / job_id


def remove_inputs(folder: Path) -> None:
    """The input file (and folder) of a job that was refused after they were written."""
    for name in ("input.jsonl", "input.jsonl.tmp"):
        (folder / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()


def write_inputs(folder: Path, lines: list[bytes]) -> None:
    """The job's input file (one JSON line per article), written whole before the job starts."""
    private_dir(folder)
    tmp = folder / "input.jsonl.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as f:
        f.writelines(line + b"\n" for line in lines)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(folder / "input.jsonl")


def iter_job_items(folder: Path) -> Iterator[Item]:
    """Items with origins stable across restarts (``article N``), so resume matches ids."""
    with (folder / "input.jsonl").open("rb") as f:
        for line in jsonl.iter_lines(f):
            origin = f"article {line.number}"
            if line.too_long:
                yield broken_item(origin, f"{origin}: {jsonl.line_problem(line)}")
            else:
                yield jsonl_item(line.data, origin)


def tally(path: Path) -> Tally:
    """The ok and failed records in a results file (after the engine's repair)."""
    counts = Tally()
    if not path.exists():
        return counts
    with path.open("rb") as f:
        for line in jsonl.iter_lines(f):
            try:
                document = jsonl.loads(line.data)
            except json.JSONDecodeError:
                continue
            found = read_record(document)
            if isinstance(found, Record):
                counts.ok += found.status == "ok"
                counts.failed += found.status == "error"
    return counts


def iter_result_lines(path: Path) -> Iterator[bytes]:
    """Whole records only: a line still being written by a running job is left out."""
    if not path.exists():
        return
    with path.open("rb") as f:
        for line in f:
            if line.endswith(b"\n"):
                yield line


class JobRunner:
    """Runs jobs in background threads with the batch engine; cancel and stop by event."""

    def __init__(self, store: JobStore, jobs_dir: Path, settings: Settings, concurrency: int):
        self.store = store
        self.jobs_dir = jobs_dir
        self.settings = settings
        self.concurrency = concurrency
        self._cancel: dict[str, threading.Event] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def start(self, job_id: str) -> None:
        with self._lock:
            for done in [k for k, t in self._threads.items() if not t.is_alive()]:
                del self._threads[done]
                self._cancel.pop(done, None)
            if job_id in self._threads:
                return
            self._cancel[job_id] = threading.Event()
            thread = threading.Thread(
                target=self._run, args=(job_id,), name=f"job-{job_id[:8]}", daemon=True
            )
            self._threads[job_id] = thread
        thread.start()

    def resume_all(self) -> list[str]:
        """Start every job a previous process left queued or running."""
        ids = self.store.active_ids()
        for job_id in ids:
            self.start(job_id)
        return ids

    def cancel(self, job_id: str) -> None:
        self.store.cancel(job_id)
        with self._lock:
            event = self._cancel.get(job_id)
        if event is not None:
            event.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Service shutdown: jobs stop taking work and stay 'running', to resume next start."""
        self._stopping.set()
        with self._lock:
            for event in self._cancel.values():
                event.set()
            threads = list(self._threads.values())
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def wait(self, job_id: str, timeout: float | None = None) -> None:
        thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout)

    def _run(self, job_id: str) -> None:
        folder = job_dir(self.jobs_dir, job_id)
        job = self.store.get(job_id)
        if job is None or job.status not in ACTIVE:
            return  # cancelled before it started
        results = ResultsFile(folder / "results.jsonl", mode=PRIVATE_FILE)
        try:
            scan = results.open(resume=True)
            counts = tally(results.path)
            self.store.update(job_id, status="running", ok=counts.ok, failed=counts.failed)
            selection = Selection(iter_job_items(folder), done=scan.done)
            self._process(job_id, selection, results, counts)
        except Exception as exc:  # a run-level failure (disk, endpoint): recorded on the job
            results.close()
            message = exc.one_line() if isinstance(exc, SummarizerError) else type(exc).__name__
            # The client is told what failed, never where the server keeps its data.
            message = message.replace(str(self.jobs_dir), "<data dir>/jobs")
            self.store.update(job_id, status="failed", error=message)
            return
        results.close()
        if self._stopping.is_set():
            return  # left 'running': the next start resumes it
        job = self.store.get(job_id)
        if job is not None and job.status == "running":
            self.store.update(job_id, status="succeeded", duplicates=counts.duplicates)

    def _process(
        self, job_id: str, selection: Selection, results: ResultsFile, counts: Tally
    ) -> None:
        with live_worker(self.settings, concurrency=self.concurrency) as worker:
            write_results(
                run_items(selection, worker, self.concurrency),
                results,
                counts,
                on_record=lambda _: self.store.update(job_id, ok=counts.ok, failed=counts.failed),
                on_duplicate=lambda _: self.store.update(job_id, duplicates=counts.duplicates),
                stop=self._cancel[job_id].is_set,
            )
