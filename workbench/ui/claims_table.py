"""The claims table with its search box and verdict/kind filters."""

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget,
)

from workbench.domain import ClaimKind, VerdictScale
from workbench.ui import claims_model as cm
from workbench.ui.dropping import link_from_mime


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ClaimsView(QTableView):
    """A table that takes links dropped on a row (they become evidence for that claim)."""

    linkDropped = Signal(int, str)  # noqa: N815 - claim id, url

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if link_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if link_from_mime(event.mimeData()) and self.indexAt(event.position().toPoint()).isValid():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        url = link_from_mime(event.mimeData())
        index = self.indexAt(event.position().toPoint())
        if url and index.isValid():
            self.linkDropped.emit(index.data(cm.ClaimIdRole), url)
            event.acceptProposedAction()
        else:
            event.ignore()


class ClaimsTable(QWidget):
    currentClaimChanged = Signal(object)  # noqa: N815 - claim id or None
    selectionChanged = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = cm.ClaimsModel(self)
        self.proxy = cm.ClaimsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search claims and speakers  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.verdict_filter = QComboBox()
        self.verdict_filter.setToolTip("Show only claims with this verdict")
        self.kind_filter = QComboBox()
        self.kind_filter.setToolTip("Show only claims of this kind")
        self.kind_filter.addItem("All kinds", None)
        for kind in ClaimKind:
            self.kind_filter.addItem(str(kind).capitalize(), str(kind))
        self.count = QLabel()
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.view = ClaimsView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(cm.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((cm.NUMBER, 38), (cm.ATTRIBUTION, 130), (cm.KIND, 84), (cm.WORTH, 58),
                              (cm.VERDICT, 118), (cm.EVIDENCE, 68), (cm.OVERLAP, 62), (cm.ID, 52)):
            header.resizeSection(column, width)
        # Columns can be hidden from the header's context menu (the claim id is what the command line takes).
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.selectionChanged.emit())

        bar = QHBoxLayout()
        bar.setContentsMargins(8, 8, 8, 4)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.verdict_filter)
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.search.textChanged.connect(lambda text: self._filter(search=text))
        self.verdict_filter.currentIndexChanged.connect(
            lambda _: self._filter(verdict=self.verdict_filter.currentData()))
        self.kind_filter.currentIndexChanged.connect(lambda _: self._filter(kind=self.kind_filter.currentData()))
        # Rows also come and go without a filter change: an edit takes a claim out of the filter once the person
        # moves on, claims are added or deleted. The count follows whatever the view shows.
        # (One signal per filter pass, not per removed range of rows: 10,000 claims filter in thousands of ranges.)
        for signal in (self.proxy.filtered, self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self.model.layoutChanged.connect(self._keep_current_in_view)

    def set_scale(self, scale: VerdictScale) -> None:
        self.model.set_scale(scale)
        self.verdict_filter.blockSignals(True)
        self.verdict_filter.clear()
        self.verdict_filter.addItem("All verdicts", None)
        for option in scale.options:
            self.verdict_filter.addItem(swatch(option.colour), option.label, option.key)
        self.verdict_filter.blockSignals(False)
        # The claim being worked on keeps its row, as with any filter change: were it dropped, the side panel would
        # save its typed text from inside the proxy's filter pass (a write that changes the rows being filtered).
        self.proxy.set_filters(verdict=None, pinned=self.current_claim_id())

    def _filter(self, **kwargs) -> None:
        # The claim being worked on stays in the table (pinned) whatever the filter, so the selection never
        # jumps to another claim behind the person's back.
        current = self.current_claim_id()
        self.proxy.set_filters(pinned=current, **kwargs)
        self._update_count()
        if current is not None:
            self.select_claim(current, notify=False)
            # The rows came back above it: once the view has laid them out, bring the claim back into view.
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self._keep_current_in_view)

    def _keep_current_in_view(self) -> None:
        """After a sort, also one that an edit caused: the selected claim may have moved far away."""
        index = self.view.currentIndex()
        if index.isValid():
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _update_count(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"  {shown} of {total}" if shown != total else f"  {total} claims")

    def column_menu(self):
        """Show or hide columns (all but the claim text)."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        for column, name in enumerate(cm.HEADERS):
            if column == cm.TEXT:
                continue
            action = menu.addAction(cm.HEADER_TIPS[column] if column == cm.NUMBER else name)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.view.setColumnHidden(c, not on))
        return menu

    def _header_menu(self, point) -> None:
        menu = self.column_menu()
        menu.exec(self.view.horizontalHeader().mapToGlobal(point))
        menu.deleteLater()

    # --- selection -----------------------------------------------------------
    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def claim_at_row(self, row: int) -> int | None:
        """The claim shown at a row (the last one when the table got shorter), or None for an empty table."""
        rows = self.proxy.rowCount()
        if not rows:
            return None
        return self.proxy.index(max(0, min(row, rows - 1)), 0).data(cm.ClaimIdRole)

    def current_claim_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(cm.ClaimIdRole) if index.isValid() else None

    def selected_claim_ids(self) -> list[int]:
        return [i.data(cm.ClaimIdRole) for i in self.view.selectionModel().selectedRows()]

    def select_claim(self, claim_id: int | None, notify: bool = True) -> bool:
        row = self.model.row_of(claim_id) if claim_id is not None else None
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
        model = self.view.selectionModel()
        if not index.isValid() and row is not None:
            # Hidden by a filter: pin it so its row shows and it is the one selected (Del, Ctrl+digit then act on
            # the highlighted row). The old current row may go meanwhile: that is no choice of the person's.
            model.blockSignals(True)
            self.proxy.pin(claim_id)
            model.blockSignals(False)
            self._update_count()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.blockSignals(not notify)
        model.blockSignals(not notify)
        model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                              | QItemSelectionModel.SelectionFlag.Rows)
        model.blockSignals(False)
        self.view.blockSignals(False)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def step(self, delta: int) -> None:
        """Next/previous claim in the table's current order."""
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.view.currentIndex()
        row = (current.row() + delta) if current.isValid() else (0 if delta > 0 else rows - 1)
        row = max(0, min(rows - 1, row))
        self.view.selectionModel().setCurrentIndex(
            self.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(self.proxy.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        claim_id = current.data(cm.ClaimIdRole) if current.isValid() else None
        self.currentClaimChanged.emit(claim_id)
        self.proxy.pin(claim_id)
