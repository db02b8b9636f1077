"""Report HTML -> PDF file or printer, with Qt's rich text (QTextDocument). The only Qt import in report/.

Works without a running application (a QGuiApplication is created when none exists) and with
QT_QPA_PLATFORM=offscreen. Pages are painted one by one so that each gets a footer: the article title
on the left, "Page n of N" on the right.
"""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter,
    QPen, QTextCursor, QTextDocument, QTextFormat, QTextOption,
)

from workbench.domain import InvalidInput, WorkbenchError

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(18, 16, 18, 14)  # left, top, right, bottom (the footer sits inside the bottom part)
FOOTER_PT = 7.5
RESOLUTION = 600

_app = None  # the QGuiApplication we created, kept alive for the process


def ensure_gui_application():
    """Return the running Qt application, creating a QGuiApplication (offscreen without a display)."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise WorkbenchError("PDF output needs a Qt GUI application, but a console-only one is running")
        return app
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a server or CI: render without a screen
    _app = QGuiApplication(["workbench-report"])
    return _app


def page_size_id(name: str) -> QPageSize.PageSizeId:
    try:
        return PAGE_SIZES[name.strip().lower()]
    except KeyError:
        raise InvalidInput(f"Page size must be A4 or Letter, not {name!r}") from None


def build_document(html: str) -> QTextDocument:
    ensure_gui_application()
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long URLs break instead of overflowing
    doc.setDefaultTextOption(option)
    font = QFont("DejaVu Sans", 10)
    if hasattr(font, "setFeature"):  # Qt >= 6.7: no "fi"/"fl" ligatures, so copied or searched text matches
        font.setFeature(QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    return doc


def paint_document(doc: QTextDocument, device: QPagedPaintDevice, footer_title: str = "") -> int:
    """Lay the document out on the device's pages and paint them with a footer. Returns the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise WorkbenchError("Could not start printing (the printer or file is not available)")
    try:
        layout = device.pageLayout()
        dpi = device.logicalDpiY()
        page = layout.paintRectPixels(device.resolution() if hasattr(device, "resolution") else dpi)
        footer_h = FOOTER_PT / 72 * dpi * 2.6
        body = QSizeF(page.width(), page.height() - footer_h)
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(body)
        keep_tables_together(doc, body.height())
        keep_ending_together(doc, body.height())
        pages = max(1, doc.pageCount())
        first, last = 1, pages
        from_page = getattr(device, "fromPage", None)
        if callable(from_page) and device.fromPage() > 0:
            first, last = max(1, device.fromPage()), min(pages, device.toPage() or pages)
        font = QFont("DejaVu Sans")
        font.setPointSizeF(FOOTER_PT)
        if hasattr(font, "setFeature"):
            font.setFeature(QFont.Tag("liga"), 0)
        painter.setFont(font)
        metrics = QFontMetricsF(font, device)
        for number in range(first, last + 1):
            if number > first:
                device.newPage()
            painter.save()
            painter.setClipRect(QRectF(0, 0, body.width(), body.height()))
            painter.translate(0, -(number - 1) * body.height())
            doc.drawContents(painter, QRectF(0, (number - 1) * body.height(), body.width(), body.height()))
            painter.restore()
            _footer(painter, metrics, body, footer_h, footer_title, f"Page {number} of {pages}")
        return pages
    finally:
        painter.end()


def keep_tables_together(doc: QTextDocument, page_height: float, most: float = 0.85, passes: int = 3) -> int:
    """Move each top-level table (a claim, the chart...) that would straddle two pages to the next page,
    with the heading just before it: Qt's rich text knows no page-break-inside: avoid. Returns the moves.

    Breaks are decided for the whole document from one layout (later tables shift down by the space each
    break adds) and applied together, so the document is laid out once per pass, not once per table.
    """
    layout = doc.documentLayout()
    moved = 0
    for _ in range(passes):
        breaks = []
        shift = 0.0
        for frame in doc.rootFrame().childFrames():
            rect = layout.frameBoundingRect(frame)
            heading = _heading_before(doc, frame)
            top = rect.top() if heading is None else min(rect.top(), layout.blockBoundingRect(heading).top())
            top, bottom = top + shift, rect.bottom() + shift
            if bottom - top > page_height * most:
                continue  # longer than a page: it has to break somewhere
            if int(top // page_height) == int((bottom - 1) // page_height):
                continue
            shift += (int(top // page_height) + 1) * page_height - top
            breaks.append((frame, heading))
        if not breaks:
            break
        batch = QTextCursor(doc)
        batch.beginEditBlock()  # one relayout for all the breaks, not one per break
        for frame, heading in breaks:
            if heading is not None:
                block_format = heading.blockFormat()
                block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(heading).setBlockFormat(block_format)
            else:
                frame_format = frame.frameFormat()
                frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                frame.setFrameFormat(frame_format)
        batch.endEditBlock()
        moved += len(breaks)
    return moved


def keep_ending_together(doc: QTextDocument, page_height: float, least: float = 0.25, most: float = 0.9) -> bool:
    """No near-empty last page: when the last page would hold only a few closing lines, the last section that
    started on an earlier page (its heading) moves to the last page, so the closing lines keep with it.
    Returns whether a section was moved."""
    layout = doc.documentLayout()
    end = layout.documentSize().height()
    last_page = int((end - 1) // page_height)
    if last_page == 0 or end - last_page * page_height >= page_height * least:
        return False
    block = doc.lastBlock()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            top = layout.blockBoundingRect(block).top()
            if int(top // page_height) < last_page:
                if end - top > page_height * most:
                    return False  # that section is longer than a page: moving it would not help
                if end - top >= page_height * least:
                    block_format = block.blockFormat()
                    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(block_format)
                    return True
        block = block.previous()
    return False


def _heading_before(doc: QTextDocument, frame, reach: int = 3):
    """The heading that introduces a table: found within a few plain paragraphs before it, or None."""
    root = doc.rootFrame()
    block = doc.findBlock(frame.firstPosition() - 1)
    seen = 0
    while block.isValid() and seen <= reach:
        if QTextCursor(block).currentFrame() != root:
            return None  # the previous table: no heading of our own
        if block.blockFormat().headingLevel() > 0:
            return block
        if block.text().strip():
            seen += 1
        block = block.previous()
    return None


def _footer(painter: QPainter, metrics: QFontMetricsF, body: QSizeF, footer_h: float, title: str, pages: str) -> None:
    top = body.height() + footer_h * 0.35
    painter.setPen(QPen(QColor("#c7ccd1"), max(1.0, footer_h / 60)))
    painter.drawLine(0, int(top), int(body.width()), int(top))
    painter.setPen(QColor("#5f6368"))
    pages_w = metrics.horizontalAdvance(pages)
    text_rect = QRectF(0, top + footer_h * 0.1, body.width(), footer_h * 0.5)
    left = metrics.elidedText(title, Qt.TextElideMode.ElideRight, body.width() - pages_w * 1.5)
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), left)
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), pages)


def configure_page(device: QPagedPaintDevice, page_size: str = "A4") -> None:
    device.setPageLayout(QPageLayout(QPageSize(page_size_id(page_size)), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))


def footer_title(data) -> str:
    return f"Fact-check report: {data.article.title}"


def write_pdf(html: str, path: Path | str, *, page_size: str = "A4", title: str = "", footer: str = "") -> int:
    """Render report HTML to a PDF file. Returns the number of pages."""
    ensure_gui_application()
    page_size_id(page_size)  # refuse a bad size before touching the file
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setCreator("Fact Workbench")
    writer.setTitle(title)
    configure_page(writer, page_size)
    doc = build_document(html)
    try:
        return paint_document(doc, writer, footer)
    finally:
        del writer  # closes the file


def report_pdf(data, path: Path | str, *, page_size: str = "A4") -> int:
    """ReportData -> PDF file. Returns the number of pages."""
    from workbench.report.html import render_html

    return write_pdf(render_html(data, for_print=True), path, page_size=page_size,
                     title=f"Fact-check report: {data.article.title}", footer=footer_title(data))


def print_report_data(data, printer) -> int:
    """Paint the report on a QPrinter chosen by the person (print dialog or preview)."""
    from workbench.report.html import render_html

    return paint_document(build_document(render_html(data, for_print=True)), printer, footer_title(data))
