"""File menu actions for the report: print, print preview, export PDF, export HTML.

Each reads the report through its own database connection (the window's may be busy in a worker),
renders synchronously (a 1,000-claim report takes about a second) and shows errors as a message box.
Every function returns what it did: True / the written path, or False / None when cancelled or failed.
"""

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QToolBar, QVBoxLayout, QWidget

from workbench.domain import InvalidInput
from workbench.report import pdf
from workbench.report.files import suggested_name, write_atomic, write_text_atomic
from workbench.ui.errors import show_error


ONLY_CHECKED_KEY = "report/onlyChecked"
ONLY_CHECKED_TEXT = "Only claims with a verdict (the summary still counts every claim)"


def only_checked() -> bool:
    """The last choice made in the Print dialog or the preview: print only claims with a verdict."""
    return QSettings().value(ONLY_CHECKED_KEY, False, type=bool)


def set_only_checked(value: bool) -> None:
    QSettings().setValue(ONLY_CHECKED_KEY, bool(value))


def load_report(db_path: Path | str, article_id: int, checked_only: bool | None = None):
    """ReportData of one article, read with a connection of our own."""
    from workbench.services.report_data import build_report
    from workbench.storage import open_database, workspace_label

    db = open_database(db_path, create=False)
    try:
        return build_report(db, article_id, workspace_label(db_path),
                            only_checked=only_checked() if checked_only is None else checked_only)
    finally:
        db.close()


def note_export(db_path: Path | str, article_id: int, what: str, checked_only: bool) -> None:
    """Record the export in the workspace's history: later reports list verdicts changed after the first."""
    from workbench.services.report_data import record_export
    from workbench.storage import open_database

    db = open_database(db_path, create=False)
    try:
        record_export(db, article_id, [what], checked_only)
    finally:
        db.close()


def report_options_tab() -> tuple[QWidget, QCheckBox]:
    """The Print dialog's "Report" tab: print only the claims with a verdict."""
    tab = QWidget()
    tab.setWindowTitle("Report")
    box = QCheckBox(ONLY_CHECKED_TEXT)
    box.setChecked(only_checked())
    layout = QVBoxLayout(tab)
    layout.addWidget(box)
    layout.addStretch(1)
    return tab, box


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
        data = load_report(db_path, article_id, checked_only=False)
        printer = _printer()
        printer.setDocName(pdf.footer_title(data))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print fact-check report")
        tab, box = report_options_tab()
        dialog.setOptionTabs([tab])
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        set_only_checked(box.isChecked())
        if box.isChecked():
            data = load_report(db_path, article_id, checked_only=True)
        with _BusyCursor():
            pdf.print_report_data(data, printer)
        note_export(db_path, article_id, "print", box.isChecked())
        return True
    except Exception as exc:  # noqa: BLE001 - shown to the person, never swallowed silently
        show_error(parent, exc, "Print report")
        return False


def preview_report(parent: QWidget | None, db_path: Path | str, article_id: int) -> bool:
    """Show the report in a print preview (with page set-up and print buttons)."""
    try:
        reports = {flag: load_report(db_path, article_id, checked_only=flag) for flag in (False, True)}
        printer = _printer()
        printer.setDocName(pdf.footer_title(reports[False]))
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle("Fact-check report preview")
        dialog.paintRequested.connect(lambda target: pdf.print_report_data(reports[only_checked()], target))
        toolbar = dialog.findChild(QToolBar)
        if toolbar is not None:  # the same choice as in the Print dialog, switchable while looking
            toggle = toolbar.addAction("Only Checked Claims")
            toggle.setCheckable(True)
            toggle.setChecked(only_checked())
            toggle.setToolTip(ONLY_CHECKED_TEXT)

            def switch(on: bool) -> None:
                set_only_checked(on)
                from PySide6.QtPrintSupport import QPrintPreviewWidget

                widget = dialog.findChild(QPrintPreviewWidget)
                if widget is not None:
                    widget.updatePreview()

            toggle.toggled.connect(switch)
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
        note_export(db_path, article_id, "pdf", data.only_checked)
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
        note_export(db_path, article_id, "html", data.only_checked)
        return target
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc, "Export HTML")
        return None


__all__ = ["default_page_size", "export_html", "export_pdf", "load_report", "preview_report", "print_report"]
