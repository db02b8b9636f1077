"""Writing report files all-or-nothing: a temporary file in the target folder, renamed over the target."""

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from workbench.domain import WorkbenchError


def write_atomic(path: Path | str, write: Callable[[Path], object]) -> None:
    """Call write(tmp) with a temporary path next to the target, then rename it over the target.

    A failure (an exception, nothing produced) removes the temporary file and leaves the target as it was.
    """
    target = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WorkbenchError(f"cannot write {target}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise WorkbenchError(f"cannot write {target}: nothing was produced")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        raise WorkbenchError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""))


def suggested_name(title: str, suffix: str) -> str:
    """A file name from the article title: 'north-korea-had-spurned-talks-fact-check.pdf'."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-") or "article"
    return f"{slug}-fact-check{suffix}"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
