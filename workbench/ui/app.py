"""Starting the desktop app, and rendering it to a PNG for --screenshot.

Start-up order (bench/startup_bench.py times it against a bare PySide6 window):
1. the storage stack (sqlite-utils and its plugins) is imported before PySide6. Once PySide6 is loaded it
   reads the source file of every module imported after it (to find `from __feature__` users); importing
   these ~140 storage and stdlib modules first spares that (~15 ms); the window's Qt-free helpers (text
   package, change records, URLs) come before it too. dateutil.parser, which sqlite-utils imports only for
   its date recipes, is registered to load on first use (~8 ms).
2. Qt, then the workspace is opened, the window is built and bound to it, and shown once: one layout and
   one paint with the article, instead of an empty window that is laid out and painted twice.
3. What the first screen does not need waits: the error-dialog module (QMessageBox) loads with the first
   error, the paste dialog with its first use, the side panel's claim form with the first claim shown
   (workbench/ui/side_panel.py), and reopening the last workspace does not rewrite the settings file.
4. No cyclic garbage collection while starting (see run_app).
"""

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from workbench.domain import WorkbenchError


def run_app(db_path: Path | None, screenshot: Path | None = None, *,
            before_show: Callable[[object], object] | None = None) -> int:
    """before_show(window): called once the window is built, just before it is shown (the start-up bench
    watches its first paint from there)."""
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Start-up builds ~60,000 container objects (modules, classes, enums, widgets) and little garbage; the
    # cyclic collector would run ~90 times over them (10-20 ms). It is off until the window is shown, and
    # what start-up built is then frozen out of later collections (gc.freeze), which keeps those short too.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_app(db_path, screenshot, before_show, collecting)
    finally:
        if collecting:
            gc.enable()


def _run_app(db_path, screenshot, before_show, collecting: bool) -> int:
    load_storage()
    app = start_qt()

    if screenshot is not None:
        apply_style(app)
        try:
            window = build_window(db_path)
        except WorkbenchError as exc:
            sys.stderr.write(f"workbench: error: {exc}\n")
            return 2
        if collecting:
            gc.enable()
        return save_screenshot(app, window, screenshot)

    try:
        session, seeds = open_session(db_path, seed_in_background=True)
    except WorkbenchError as exc:
        sys.stderr.write(f"workbench: error: {exc}\n")
        if app.platformName() not in ("offscreen", "minimal"):
            from workbench.ui.errors import show_error

            apply_style(app)
            show_error(None, exc)
        return 2
    from workbench.ui.main_window import MainWindow

    window = MainWindow()  # widgets built under the plain style, then the stylesheet polishes each once:
    apply_style(app)  # ~5 ms less than building them under it, and the same pixels
    window.bind(session)
    if before_show is not None:
        before_show(window)
    window.show()
    if collecting:
        gc.freeze()
        gc.enable()
    if seeds:  # first run: the seed article is imported like any other, with progress
        window.importer.import_files(seeds)
    install_excepthook_on_first_error()
    return app.exec()


def start_qt():
    from workbench.ui.compat import protect_none_refcount

    protect_none_refcount()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("FactWorkbench")
    app.setApplicationName("Fact Workbench")
    app.setDesktopFileName("fact-workbench")
    return app


def install_excepthook_on_first_error() -> None:
    """Uncaught exceptions in slots show a dialog (workbench.ui.errors.install_excepthook); that module and
    its QMessageBox are loaded by the first such error rather than at start-up."""
    previous = sys.excepthook

    def first_error(kind, exc, tb) -> None:
        sys.excepthook = previous
        from workbench.ui.errors import install_excepthook

        install_excepthook()
        sys.excepthook(kind, exc, tb)

    sys.excepthook = first_error


def _import_sqlite_utils_fast() -> None:
    """sqlite-utils imports numpy when it is installed (spaCy brings it) only to map numpy types we never
    store; that costs ~150-250 ms of start-up. Import it once with numpy hidden; numpy stays importable
    for the claim engine afterwards."""
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment] - makes "import numpy" raise ImportError
    _lazy_module("dateutil.parser")
    try:
        import sqlite_utils  # noqa: F401
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


def _lazy_module(name: str) -> None:
    """Register `name` so that importing it is free and its code runs on first attribute use (the standard
    importlib.util.LazyLoader). sqlite-utils imports dateutil.parser (and with it dateutil.tz, zoneinfo and
    importlib.resources: ~8 ms) only for its date-parsing recipes, which the workbench never calls at
    start-up."""
    import importlib.util

    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


def load_storage() -> None:
    """What opening a workspace and showing its first article imports, loaded before PySide6 (see above)."""
    _import_sqlite_utils_fast()
    import workbench.services.articles  # noqa: F401
    import workbench.services.claims  # noqa: F401
    import workbench.services.settings  # noqa: F401
    import workbench.services.workspace  # noqa: F401
    # Also before PySide6: what the window's modules import that has no Qt in it. PySide6 reads the source of a
    # module (for `from __feature__`) at the first import statement naming it after PySide6 is loaded; these
    # modules' own import statements then run before it (~3 ms of start-up in all).
    import html  # noqa: F401 - the article view and the text package
    import traceback  # noqa: F401 - the background workers

    import workbench.domain.urls  # noqa: F401 - drops and links
    import workbench.resources  # noqa: F401 - the stylesheet
    import workbench.services.changes  # noqa: F401 - the session
    import workbench.text  # noqa: F401 - open_workspace imports it (to seed a new workspace) on every open


def open_session(db_path: Path | None, seed_in_background: bool = False):
    """The workspace wrapped for the window, and the seed files still to import (a new default workspace gets
    the seed article; in the background when asked, so the window never waits for the claim engine)."""
    _import_sqlite_utils_fast()
    from workbench.services.workspace import default_workspace_path, open_workspace, seed_files
    from workbench.ui.session import Session

    from workbench.services.workspace import is_team_target

    if is_team_target(db_path):  # a team workspace: it exists on its server (`workbench init`), never seeded here
        from workbench.ui.connection_banner import open_team_workspace

        return Session(open_team_workspace(db_path), db_path), []
    path = Path(db_path) if db_path is not None else default_workspace_path()
    is_new = not path.exists() or path.stat().st_size == 0
    seed = db_path is None  # only the person's own workspace starts with the seed article; --db files start empty
    defer = seed_in_background and is_new and seed
    session = Session(open_workspace(path, seed=seed and not defer), path)
    return session, (seed_files() if defer else [])


def build_window(db_path: Path | None):
    from workbench.ui.main_window import MainWindow

    session, _ = open_session(db_path)
    return MainWindow(session, restore_layout=False)


def save_screenshot(app, window, out: Path) -> int:
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.table.step(1)  # first claim selected, as a person would see it after pressing J
    for _ in range(5):
        app.processEvents()
    window.session.runner.wait(10_000)
    app.processEvents()
    image = window.grab()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        sys.stderr.write(f"workbench: error: could not write {out}\n")
        return 2
    window.close()
    return 0


def apply_style(app) -> None:
    """Follow the system palette; only spacing and a few shapes come from the stylesheet."""
    from workbench.resources import resource

    qss = resource("ui", "workbench.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
