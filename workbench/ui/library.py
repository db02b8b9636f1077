"""The workspace's articles: a list model over ArticleSummary records, a two-line delegate, and the list's own
F2 (rename) and Del (delete) keys."""

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QListView, QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout,
                               QWidget)

from workbench.domain import ArticleSummary
from workbench.ui.claims_model import plain_tooltip
from workbench.ui.widgets import heading

ArticleIdRole = Qt.ItemDataRole.UserRole + 30
MetaRole = Qt.ItemDataRole.UserRole + 31
_Index = QModelIndex | QPersistentModelIndex


class ArticlesModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[ArticleSummary] = []

    def set_articles(self, items: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def row_of(self, article_id: int) -> int | None:
        return next((i for i, a in enumerate(self._items) if a.id == article_id), None)

    def summary(self, article_id: int | None) -> ArticleSummary | None:
        row = self.row_of(article_id) if article_id is not None else None
        return self._items[row] if row is not None else None

    def ids(self) -> list[int]:
        return [a.id for a in self._items]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        a = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return a.title
        if role == ArticleIdRole:
            return a.id
        if role == MetaRole:
            parts = [a.published.strftime("%-d %b %Y")] if a.published else []
            parts.append(f"{a.claims} claims")
            return "  ·  ".join(parts)
        if role == Qt.ItemDataRole.ToolTipRole:
            who = ", ".join(a.authors)
            return plain_tooltip("\n".join(p for p in (a.title, a.subtitle, who) if p))
        return None


class ArticleDelegate(QStyledItemDelegate):
    """Title (up to two lines) over a muted line with date and claim count."""

    PAD = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        line = option.fontMetrics.lineSpacing()
        return QSize(option.rect.width() or 200, self.PAD * 2 + line * 3 + 4)

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.text = ""  # paint() draws the title and the meta line itself

    def paint(self, painter, option: QStyleOptionViewItem, index: _Index) -> None:
        # The style's item panel (background, selection, focus) comes from QStyledItemDelegate.paint. QStyle is
        # not touched from Python: the binding sets up that class (~4 ms, dozens of enums) on first use, and
        # option.state is one of its flags, so "selected" is asked of the view's selection model instead.
        painter.save()
        super().paint(painter, option, index)
        view = option.widget
        selected = isinstance(view, QAbstractItemView) and view.selectionModel().isSelected(index)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        line = option.fontMetrics.lineSpacing()
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title_rect = QRect(rect.x(), rect.y(), rect.width(), line * 2)
        painter.drawText(title_rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop), index.data())
        painter.setFont(option.font)
        muted = palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        painter.drawText(QRect(rect.x(), rect.y() + line * 2 + 4, rect.width(), line),
                         int(Qt.AlignmentFlag.AlignLeft), index.data(MetaRole) or "")
        painter.restore()


class LibraryView(QListView):
    """F2 and Del act on the article only while this list has the focus. F2 is also the window's "Edit Claim
    Text" and two active shortcuts on one key cancel each other out, so the list claims both keys before
    any shortcut is looked at, and asks for the action itself."""

    renameRequested = Signal()  # noqa: N815
    deleteRequested = Signal()  # noqa: N815
    _KEYS = {int(Qt.Key.Key_F2): "renameRequested", int(Qt.Key.Key_Delete): "deleteRequested"}
    _PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)

    def _own_key(self, event) -> str | None:
        if event.modifiers() not in self._PLAIN:
            return None
        return self._KEYS.get(int(event.key()))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._own_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        signal = self._own_key(event)
        if signal is None:
            super().keyPressEvent(event)
            return
        event.accept()
        getattr(self, signal).emit()


class LibraryPanel(QWidget):
    articleChosen = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticlesModel(self)
        self.view = LibraryView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(ArticleDelegate(self.view))
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)  # the window builds the menu
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(6)
        title = heading("Articles")
        title.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(170)

    def set_articles(self, items: list[ArticleSummary], current: int | None = None) -> None:
        self.view.selectionModel().blockSignals(True)
        self.model.set_articles(items)
        self.view.selectionModel().blockSignals(False)
        if current is not None:
            self.select(current, notify=False)

    def select(self, article_id: int, notify: bool = True) -> None:
        row = self.model.row_of(article_id)
        if row is None:
            return
        self.view.selectionModel().blockSignals(not notify)
        self.view.setCurrentIndex(self.model.index(row))
        self.view.selectionModel().blockSignals(False)

    def current_article_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ArticleIdRole) if index.isValid() else None

    def article_at(self, point) -> int | None:
        index = self.view.indexAt(point)
        return index.data(ArticleIdRole) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.articleChosen.emit(current.data(ArticleIdRole))
