"""What a batch run writes beside its results file, and the lock that keeps one run per file.

A run on ``-o out.jsonl`` writes ``out.summary.json``, and with the Batch API engine
``out.batch-state.json`` and the folder ``out.batch/``; resume may leave ``out.jsonl.<stamp>.bak``.
``own_outputs`` names them all, so a run over the folder that holds its output never reads
them back as articles (``batch DIR -o DIR/out.jsonl``).

Two runs appending to one results file would both summarise every input and write each id
twice. ``OutputLock`` is an exclusive, non-blocking ``flock`` on ``out.jsonl.lock``: the
second run is refused at once with one line. A lock file rather than the results file itself,
because resume may replace the results file (``os.replace``) and a lock on the old inode would
no longer keep anyone out. The lock file is removed when the run ends; a run that finds the
file it locked already unlinked by the previous holder locks the new one instead.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from ..errors import InputError

# A filesystem without locks (some network mounts): run unlocked rather than not at all.
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}


def summary_path(output: Path) -> Path:
    """``results.jsonl`` -> ``results.summary.json``, beside it."""
    return output.with_name(output.stem + ".summary.json")


def batch_state_path(output: Path) -> Path:
    """The Batch API engine's state file (its run in progress), beside the output."""
    return output.with_name(output.stem + ".batch-state.json")


def batch_folder(output: Path) -> Path:
    """The Batch API engine's request and answer files, beside the output."""
    return output.with_name(output.stem + ".batch")


def lock_path(output: Path) -> Path:
    return output.with_name(output.name + ".lock")


def own_outputs(output: Path) -> tuple[Path, ...]:
    """Every file and folder a run on ``output`` writes; none of them is ever an input."""
    summary, state = summary_path(output), batch_state_path(output)
    return (
        output,
        summary,
        summary.with_name(summary.name + ".tmp"),
        state,
        state.with_name(state.name + ".tmp"),
        batch_folder(output),
        lock_path(output),
        output.with_name(output.name + ".repair"),
    )


class OutputLock:
    """``with OutputLock(path):`` holds the one run allowed to write ``path``."""

    def __init__(self, output: Path, *, mode: int = 0o644) -> None:
        self.output = output
        self.path = lock_path(output)
        self.mode = mode
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``InputError`` (exit 2): busy, or the folder is unwritable."""
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot write {self.output}: {exc.strerror}") from None
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise InputError(
                    f"{self.output} is in use: another summarizer batch run is writing to it "
                    "(wait for it to end, or write to another file with -o)"
                ) from None
            except OSError as exc:
                if exc.errno not in _NO_LOCKS:
                    os.close(fd)
                    raise InputError(f"cannot lock {self.path}: {exc.strerror}") from None
            if self._still_there(fd):
                self._fd = fd
                return
            os.close(fd)  # the previous holder removed it while we waited: lock the new one

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # still held: no other run can hold this inode meanwhile
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, self.mode)
        except OSError as exc:
            raise InputError(f"cannot write {self.output}: {exc.strerror}") from None

    def _still_there(self, fd: int) -> bool:
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)
