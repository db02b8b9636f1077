"""Small shared widgets: section headings, muted labels, a text box that commits when left."""

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget


def heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("sectionTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    font.setWeight(font.Weight.DemiBold)
    font.setLetterSpacing(font.SpacingType.PercentageSpacing, 106)
    label.setFont(font)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def muted(text: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text is text
    label.setWordWrap(wrap)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class CommitTextEdit(QPlainTextEdit):
    """Plain text box that emits committed(text) when focus leaves it or on Ctrl+Return."""

    committed = Signal(str)

    def __init__(self, placeholder: str = "", lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(line * lines + 16))
        self._loaded = ""

    def editing(self) -> bool:
        """The person is typing here and has changed the text since it was loaded."""
        return self.hasFocus() and self.toPlainText() != self._loaded

    def load(self, text: str, force: bool = False) -> None:
        """Show a stored value unless the person is typing in this box; force: always (another claim is
        shown, and what was typed for the last one has been saved already)."""
        if force or not self.hasFocus() or self.toPlainText() == self._loaded:
            self._loaded = text
            self.setPlainText(text)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.commit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit()
            return
        super().keyPressEvent(event)

    def mark_unsaved(self, stored: str) -> None:
        """Saving what is typed failed (the server could not be reached): keep it, and save it on the next
        commit."""
        self._loaded = stored

    def commit(self) -> None:
        text = self.toPlainText()
        if text.strip() != self._loaded.strip():
            self._loaded = text
            self.committed.emit(text)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            if event.key() in (Qt.Key.Key_J, Qt.Key.Key_K) and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
                event.accept()  # typing j/k here must not jump to another claim
                return True
            document = self.document()
            if ((event.matches(QKeySequence.StandardKey.Undo) and not document.isUndoAvailable())
                    or (self._is_redo(event) and not document.isRedoAvailable())):
                # Nothing of its own to undo: the key goes to the window's Edit ▸ Undo / Redo (the workspace).
                event.ignore()
                return True
        return super().event(event)

    @staticmethod
    def _is_redo(event) -> bool:
        return event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Z and event.modifiers() == (Qt.KeyboardModifier.ControlModifier
                                                                 | Qt.KeyboardModifier.ShiftModifier))
