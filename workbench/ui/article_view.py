"""The article: metadata above, plain text below with every claim highlighted in place.

Text is always set with setPlainText (user text is never parsed as HTML). Claim offsets are Python
character offsets; Qt counts UTF-16 units, so a map converts when the text holds astral characters.
"""

import bisect
import html

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor, QFont, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor,
)
from PySide6.QtWidgets import QLabel, QTextEdit, QToolTip, QVBoxLayout, QWidget

from workbench.domain import Article, Claim, VerdictScale
from workbench.ui.dropping import link_from_mime

TINT = 0.22  # how much verdict colour goes into a highlight: light enough to read through
SELECTED_TINT = 0.3


def mix(base: QColor, colour: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(*(b + (c - b) * amount for b, c in zip(
        (base.redF(), base.greenF(), base.blueF()), (colour.redF(), colour.greenF(), colour.blueF()))))


class _Offsets:
    """Python str offsets <-> QTextDocument positions (UTF-16 code units)."""

    def __init__(self, text: str) -> None:
        self._qt: list[int] | None = None
        if not text.isascii() and max(text) > "\uffff":  # astral characters take two units in Qt
            pos, table = 0, [0]
            for ch in text:
                pos += 2 if ord(ch) > 0xFFFF else 1
                table.append(pos)
            self._qt = table

    def to_qt(self, offset: int) -> int:
        return offset if self._qt is None else self._qt[min(max(offset, 0), len(self._qt) - 1)]

    def to_py(self, position: int) -> int:
        return position if self._qt is None else bisect.bisect_right(self._qt, position) - 1


class ArticleText(QTextEdit):
    claimClicked = Signal(int)  # noqa: N815 - Qt signal naming
    linkDropped = Signal(int, str)  # noqa: N815 - a web link dropped on a claim: evidence for it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAcceptDrops(True)  # links only; see dragEnterEvent
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.document().setDocumentMargin(28)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.2)
        self.setFont(font)
        self._claims: list[Claim] = []
        self._offsets = _Offsets("")
        self._scale: VerdictScale | None = None
        self._selected: int | None = None
        self._press: QPoint | None = None
        self._headings: list[tuple[int, float, int]] = []
        self.document().setUndoRedoEnabled(False)  # highlights are repainted often; keep no history

    # --- content -------------------------------------------------------------
    def show_article(self, text: str, claims: list[Claim], scale: VerdictScale,
                     headings: tuple[str, ...] = ()) -> None:
        """headings: leading paragraphs (title, dek) that the text itself carries; shown larger."""
        self._offsets = _Offsets(text)
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        spacing.setBottomMargin(6)
        cursor.mergeBlockFormat(spacing)
        self._headings = self._heading_blocks(headings)
        self._selected = None
        self.set_claims(claims, scale)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_claims(self, claims: list[Claim], scale: VerdictScale) -> None:
        """(Re)paint highlights as character formats in one edit block (~50 ms for 10,000 claims);
        longer spans first so that a claim nested inside another stays visible on top."""
        self._scale = scale
        self._claims = sorted(claims, key=lambda c: (c.start, c.end))
        base = self.palette().color(QPalette.ColorRole.Base)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        formats: dict[tuple[str, bool], QTextCharFormat] = {}
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        for number, factor, weight in self._headings:
            block = self.document().findBlockByNumber(number)
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            heading = QTextCharFormat()
            heading.setFontPointSize(self.font().pointSizeF() * factor)
            heading.setFontWeight(weight)
            cursor.mergeCharFormat(heading)
        for claim in sorted(self._claims, key=lambda c: c.start - c.end):
            option = scale.get(claim.verdict)
            key = (option.colour if option else "#9aa0a6", bool(claim.overlap_count))
            fmt = formats.get(key)
            if fmt is None:
                fmt = formats[key] = QTextCharFormat()
                fmt.setBackground(mix(base, QColor(key[0]), TINT))
                if key[1]:
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                    fmt.setUnderlineColor(accent)
            # Only the claim's own words (a part split off between them is another claim), and
            # every place the article states it (a standfirst repeated as the lede).
            for start, end in (part for anchor in claim.anchors for part in anchor):
                cursor.setPosition(self._offsets.to_qt(start))
                cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)  # merge: headings keep their size
        cursor.endEditBlock()
        self._paint_selection()

    def _heading_blocks(self, headings: tuple[str, ...]) -> list[tuple[int, float, int]]:
        """Block numbers of the title and dek when the text starts with them."""
        found, styles = [], ((1.5, QFont.Weight.DemiBold), (1.08, QFont.Weight.Normal))
        block = self.document().begin()
        for wanted, (factor, weight) in zip(headings, styles):
            while block.isValid() and not block.text().strip():
                block = block.next()
            if not wanted or not block.isValid() or block.text().strip() != wanted.strip():
                break
            found.append((block.blockNumber(), factor, int(weight.value)))
            block = block.next()
        return found

    def select_claim(self, claim_id: int | None, scroll: bool = True) -> None:
        self._selected = claim_id
        self._paint_selection()
        claim = self._claim(claim_id)
        if claim is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_qt(claim.start))
            rect = self.cursorRect(cursor)
            bar = self.verticalScrollBar()
            if not (0 <= rect.top() and rect.bottom() + 40 < self.viewport().height()):
                bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def _paint_selection(self) -> None:
        claim = self._claim(self._selected)
        if claim is None or self._scale is None:
            self.setExtraSelections([])
            return
        base = self.palette().color(QPalette.ColorRole.Base)
        accent = self.palette().color(QPalette.ColorRole.Highlight)  # the system's selection colour
        fmt = QTextCharFormat()
        fmt.setBackground(mix(base, accent, SELECTED_TINT))
        selections = []
        for start, end in (part for anchor in claim.anchors for part in anchor):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.document())
            selection.cursor.setPosition(self._offsets.to_qt(start))
            selection.cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def _claim(self, claim_id: int | None) -> Claim | None:
        return next((c for c in self._claims if c.id == claim_id), None) if claim_id is not None else None

    # --- positions -----------------------------------------------------------
    def claim_at_offset(self, offset: int) -> Claim | None:
        """The innermost claim whose own words are at a character offset: any part of any place
        the article states it (a standfirst repeated as the lede is its second anchor), never a
        gap between its parts (that is another claim's)."""
        hits = [
            (sum(e - s for s, e in anchor), c)
            for c in self._claims
            for anchor in c.anchors
            if any(s <= offset < e for s, e in anchor)
        ]
        return min(hits, key=lambda hit: hit[0], default=(0, None))[1]

    def claim_at(self, point: QPoint) -> Claim | None:
        cursor = self.cursorForPosition(point)
        # cursorForPosition rounds to the nearest gap; test the character under the pointer
        offset = self._offsets.to_py(cursor.position())
        rect = self.cursorRect(cursor)
        if point.x() < rect.x() and offset > 0:
            offset -= 1
        return self.claim_at_offset(offset)

    def point_of(self, offset: int) -> QPoint:
        """Viewport point over the character at offset (tests click here)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(offset))
        rect = self.cursorRect(cursor)
        return QPoint(rect.x() + 3, rect.center().y())

    def selection_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.to_py(cursor.selectionStart()), self._offsets.to_py(cursor.selectionEnd())

    def cursor_offset(self) -> int:
        return self._offsets.to_py(self.textCursor().position())

    # --- mouse ---------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        moved = self._press is not None and (point - self._press).manhattanLength() > 4
        if event.button() == Qt.MouseButton.LeftButton and not moved and not self.textCursor().hasSelection():
            claim = self.claim_at(point)
            if claim is not None:
                self.claimClicked.emit(claim.id)

    # --- links dropped on a claim (other drops, e.g. files, go on to the window) ---
    def _link_target(self, event) -> tuple[Claim, str] | None:
        url = link_from_mime(event.mimeData())
        claim = self.claim_at(event.position().toPoint()) if url else None
        return (claim, url) if claim is not None else None

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if link_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._link_target(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        target = self._link_target(event)
        if target is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.linkDropped.emit(target[0].id, target[1])

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            claim = self.claim_at(event.pos())
            if claim is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(claim), self.viewport())
            return True
        return super().viewportEvent(event)

    def _tooltip(self, claim: Claim) -> str:
        # Escaped: a claim is user text and must never be read as markup.
        option = self._scale.get(claim.verdict) if self._scale else None
        who = f"<br><i>— {html.escape(claim.attribution)}</i>" if claim.attribution else ""
        flag = "<br>⚑ overlaps another claim" if claim.overlap_count else ""
        return (f"<p style='white-space:pre-wrap; max-width:420px'>{html.escape(claim.text)}{who}"
                f"<br><b>{html.escape(option.label if option else claim.verdict)}</b>{flag}</p>")


class ArticlePane(QWidget):
    """Title, dek and byline/date above the article text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.subtitle = QLabel()
        self.meta = QLabel()
        for label in (self.title, self.subtitle, self.meta):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setObjectName("articleTitle")
        self.subtitle.setObjectName("articleSubtitle")
        self.meta.setObjectName("articleMeta")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        font = QFont(self.subtitle.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.subtitle.setFont(font)
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._meta: list[str] = []
        self.text = ArticleText(self)
        header = QVBoxLayout()
        header.setContentsMargins(32, 20, 32, 4)
        header.setSpacing(6)
        for label in (self.title, self.subtitle, self.meta):
            header.addWidget(label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.text, 1)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def show_article(self, article: Article | None, claims: list[Claim], scale: VerdictScale) -> None:
        if article is None:
            self.title.setText("No article open")
            self.title.show()
            self.subtitle.hide()
            self.meta.setText("Import an article with File ▸ Import Article… (Ctrl+O), drop a file here, "
                              "or paste text with File ▸ Paste as New Article….")
            self.text.show_article("", [], scale)
            return
        # When the text carries its own title and dek, show them there (styled) rather than twice.
        headings = (article.title, article.subtitle) if article.subtitle else (article.title,)
        in_text = article.text.lstrip().startswith(article.title.strip())
        self.title.setText(article.title)
        self.title.setVisible(not in_text)
        self.subtitle.setText(article.subtitle)
        self.subtitle.setVisible(bool(article.subtitle) and not in_text)
        parts = [", ".join(article.authors)] if article.authors else []
        if article.published:
            parts.append(article.published.strftime("%-d %B %Y"))
        self._meta = parts
        self.set_count(len(claims))
        self.text.show_article(article.text, claims, scale, headings if in_text else ())

    def set_count(self, claims: int) -> None:
        self.meta.setText("  ·  ".join([*self._meta, f"{claims} claims"]))
