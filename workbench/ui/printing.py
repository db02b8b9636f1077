"""File menu actions for the report: print, print preview, export PDF, export HTML.

Each reads the report through its own database connection (the window's may be busy in a worker),
renders synchronously (a 1,000-claim report takes about a second) and shows errors as a message box.
Every function returns what it did: True / the written path, or False / None when cancelled or failed.
"""

from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from workbench.domain import InvalidInput
from workbench.report import pdf
from workbench.report.files import suggested_name, write_atomic, write_text_atomic
from workbench.ui.errors import show_error


def load_report(db_path: Path | str, article_id: int):
    """ReportData of one article, read with a connection of our own."""
    from workbench.services.report_data import build_report
    from workbench.storage import open_database, workspace_label

    db = open_database(db_path, create=False)
    try:
        return build_report(db, article_id, workspace_label(db_path))
    finally:
        db.close()


def default_page_size() -> str:
    """Letter where people measure in inches (US), A4 everywhere else."""
    return "Letter" if QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "A4"


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    pdf.configure_page(printer, default_page_size())
    return printer


class _BusyCursor:
    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
        return False


def print_report(parent: QWidget | None, db_path: Path | str, article_id: int) -> bool:
    """Choose a printer in the print dialog and print the report. True if it was sent."""
    try:
        data = load_report(db_path, article_id)
        printer = _printer()
        printer.setDocName(pdf.footer_title(data))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print fact-check report")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        with _BusyCursor():
            pdf.print_report_data(data, printer)
        return True
    except Exception as exc:  # noqa: BLE001 - shown to the person, never swallowed silently
        show_error(parent, exc, "Print report")
        return False


def preview_report(parent: QWidget | None, db_path: Path | str, article_id: int) -> bool:
    """Show the report in a print preview (with page set-up and print buttons)."""
    try:
        data = load_report(db_path, article_id)
        printer = _printer()
        printer.setDocName(pdf.footer_title(data))
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle("Fact-check report preview")
        dialog.paintRequested.connect(lambda target: pdf.print_report_data(data, target))
        dialog.exec()
        return True
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc, "Print preview")
        return False


def _ask_target(parent: QWidget | None, caption: str, title: str, suffix: str, filter_text: str,
                also: tuple[str, ...] = ()) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(Path(folder) / suggested_name(title, suffix)),
                                            filter_text)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() in (suffix, *also) else path.with_name(path.name + suffix)


def _refuse_workspace(target: Path, db_path: Path | str) -> None:
    """Writing a report over the open workspace (or its WAL) would destroy it."""
    workspace = Path(db_path).resolve()
    own = {workspace, workspace.with_name(workspace.name + "-wal"), workspace.with_name(workspace.name + "-shm")}
    if target.resolve() in own:
        raise InvalidInput(f"{target.name} is this workspace's own file; choose another name for the report")


def export_pdf(parent: QWidget | None, db_path: Path | str, article_id: int,
               page_size: str | None = None) -> Path | None:
    """Ask for a file name and write the report as PDF. Returns the path written, or None."""
    try:
        data = load_report(db_path, article_id)
        target = _ask_target(parent, "Export report as PDF", data.article.title, ".pdf", "PDF files (*.pdf)")
        if target is None:
            return None
        _refuse_workspace(target, db_path)
        with _BusyCursor():
            write_atomic(target, lambda tmp: pdf.report_pdf(data, tmp, page_size=page_size or default_page_size()))
        return target
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc, "Export PDF")
        return None


def export_html(parent: QWidget | None, db_path: Path | str, article_id: int) -> Path | None:
    """Ask for a file name and write the report as a self-contained HTML page. Returns the path, or None."""
    from workbench.report.html import render_html

    try:
        data = load_report(db_path, article_id)
        target = _ask_target(parent, "Export report as HTML", data.article.title, ".html", "Web pages (*.html *.htm)",
                             also=(".htm",))
        if target is None:
            return None
        _refuse_workspace(target, db_path)
        with _BusyCursor():
            write_text_atomic(target, render_html(data))
        return target
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc, "Export HTML")
        return None


__all__ = ["default_page_size", "export_html", "export_pdf", "load_report", "preview_report", "print_report"]
