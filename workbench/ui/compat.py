"""Work-arounds for defects in the Qt bindings we run on.

PySide6 6.12.0 on CPython 3.11 returns None from every void method without taking a reference
(`label.setText(...)` lowers None's reference count by one). On 3.12+ None is immortal and nothing
happens; on 3.11 a long session drives the count to zero and the interpreter aborts with
"deallocating None". pyproject.toml excludes 6.12.0; should it be installed anyway, give None a
reference count so large that no session can exhaust it.
"""

import sys

_PADDING = 1 << 40  # ~10^12 leaked references before anything could go wrong
_padded = False


def protect_none_refcount() -> None:
    global _padded
    if _padded or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import PySide6

    if not PySide6.__version__.startswith("6.12.0"):  # pyproject excludes it; a stray install may not
        return
    import ctypes  # only here: the module costs ~1 ms of start-up and is needed only for the broken release

    # ob_refcnt is the first Py_ssize_t of every object in CPython 3.11; we hold the GIL here.
    ctypes.c_ssize_t.from_address(id(None)).value += _PADDING
    _padded = True
