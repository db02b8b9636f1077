"""Reading a file a person named: only regular files, never more than a byte cap.

A FIFO would block the reader forever and /dev/zero never ends, so the kind of file is checked on the open
descriptor (no race with a file swapped in between) before a single byte is read."""

import json
import os
import stat
from pathlib import Path

from workbench.domain import WorkbenchError


def read_capped(path: Path | str, limit: int, error: type[WorkbenchError] = WorkbenchError,
                what: str = "a file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; `error` with one line otherwise."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not {what}") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path}: is a folder, not {what}")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: is not a regular file (a pipe, device or socket); save it as a file first")
        if info.st_size > limit:
            raise error(f"{path.name}: the file is too large for {what} ({_size(info.st_size)}; at most "
                        f"{_size(limit)})")
        chunks, total = [], 0
        while True:  # a file that grows while it is read is still capped
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise error(f"{path.name}: the file is too large for {what} (at most {_size(limit)})")
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def load_json(path: Path | str, text: str, error: type[WorkbenchError] = WorkbenchError):
    """Parsed JSON, or one line saying why not; a file of 100,000 nested brackets is refused (the parser runs out
    of stack: RecursionError), never a crash. Whoever walks the result must not recurse either."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise error(f"{path}: JSON nested too deeply (hundreds of brackets inside each other); not a file this "
                    "app reads") from None


def _size(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
