"""Claims as a table: a thin adapter over a list of Claim records, plus a sort/filter proxy.

Speed for 10,000 claims: the proxy filters from precomputed answers by claim id (filterAcceptsRow mostly
looks the answer up), and sorting happens in the source model with Python's sort on SortRole keys
instead of ~150,000 lessThan calls through the proxy.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor

from workbench.domain import Claim, VerdictScale
from workbench.domain.verdicts import DEFAULT_SCALE

NUMBER, TEXT, ATTRIBUTION, KIND, WORTH, VERDICT, EVIDENCE, OVERLAP, ID = range(9)
HEADERS = ("#", "Claim", "Attributed to", "Kind", "Worth", "Verdict", "Evidence", "Overlap", "ID")
HEADER_TIPS = ("Position in the article", "The claim as it stands alone", "Who makes the claim",
               "What sort of fact it states", "Check-worthiness: how worth checking the claim looks (0-100)",
               "Verdict from the workspace's scale", "Linked sources", "Overlaps with another claim",
               "The claim's id in the workspace (what the command line takes); right-click the header to hide it")

SortRole = Qt.ItemDataRole.UserRole + 1
ClaimIdRole = Qt.ItemDataRole.UserRole + 2
_CENTRED = {NUMBER, WORTH, EVIDENCE, OVERLAP, ID}
# The view asks data() for ~7 roles per painted cell and headerData() hundreds of times while laying out and
# painting (~600 calls before the first paint): plain ints and tuples looked up once, not Qt enums per call.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = frozenset((_DISPLAY, SortRole, ClaimIdRole, _TOOLTIP, _DECORATION, _ALIGNMENT))
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_HORIZONTAL = Qt.Orientation.Horizontal
_HEADER_DATA = {_DISPLAY: HEADERS, _TOOLTIP: HEADER_TIPS}
_Index = QModelIndex | QPersistentModelIndex
_NEW_FILTER_API = hasattr(QSortFilterProxyModel, "beginFilterChange")


def plain_tooltip(text: str) -> str:
    """User text for a tooltip: Qt shows a tooltip that looks like markup as rich text, so the text is escaped
    inside an explicit paragraph that keeps its line breaks."""
    if not text:
        return ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return f"<p style='white-space:pre-wrap'>{escaped.replace(chr(39), '&#x27;')}</p>"


class ClaimsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._rows: dict[int, int] = {}
        self._position: dict[int, int] = {}  # claim id -> place in the article (the "#" column)
        self._scale: VerdictScale = DEFAULT_SCALE
        self._colours: dict[str, QColor] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None  # kept across reloads

    # --- feeding -------------------------------------------------------------
    def set_scale(self, scale: VerdictScale) -> None:
        self._scale = scale
        self._colours = {o.key: QColor(o.colour) for o in scale.options}

    def set_claims(self, claims: list[Claim]) -> None:
        self.beginResetModel()
        self._claims = list(claims)
        self._rows = {c.id: i for i, c in enumerate(self._claims)}
        self._position = {c.id: i + 1 for i, c in enumerate(sorted(self._claims, key=lambda c: (c.start, c.end, c.id)))}
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self._claims:
            self._sort = (column, order) if column >= 0 else None
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = dict(self._rows)
        if column < 0:
            self._claims.sort(key=lambda c: self._position[c.id])
            self._sort = None
        else:
            keys = {c.id: self._sort_key(self._position[c.id] - 1, column, c) for c in self._claims}
            self._claims.sort(key=lambda c: (keys[c.id], self._position[c.id]),
                              reverse=order == Qt.SortOrder.DescendingOrder)
            self._sort = (column, order)
        self._rows = {c.id: i for i, c in enumerate(self._claims)}
        by_old = {row: self._rows[cid] for cid, row in old_rows.items()}
        old_list = self.persistentIndexList()
        self.changePersistentIndexList(
            old_list, [self.index(by_old[i.row()], i.column()) for i in old_list])
        self.layoutChanged.emit()

    def update_claims(self, claims: list[Claim]) -> None:
        """Replace changed records in place (same ids): repaint only their rows, and sort again when an edit put
        a row out of order under the sorted column (the view's selection follows the row)."""
        rows = []
        for claim in claims:
            row = self._rows.get(claim.id)
            if row is not None:
                self._claims[row] = claim
                rows.append(row)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        if self._sort is not None and any(self._out_of_order(row) for row in rows):
            self.sort(*self._sort)

    def _out_of_order(self, row: int) -> bool:
        column, order = self._sort
        keys = [self._full_key(r, column) for r in (row - 1, row, row + 1) if 0 <= r < len(self._claims)]
        return keys != sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)

    def _full_key(self, row: int, column: int):
        """The key sort() orders by: the column's value, then the place in the article."""
        c = self._claims[row]
        return self._sort_key(self._position[c.id] - 1, column, c), self._position[c.id]

    def claims(self) -> list[Claim]:
        return self._claims

    def claim_at(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: int) -> int | None:
        return self._rows.get(claim_id)

    # --- Qt model API --------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        values = _HEADER_DATA.get(role) if orientation == _HORIZONTAL else None
        return values[section] if values is not None and 0 <= section < len(values) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._claims):
            return None
        claim = self._claims[row]
        if role == _DISPLAY:
            return self._display(row, column, claim)
        if role == SortRole:
            return self._sort_key(row, column, claim)
        if role == ClaimIdRole:
            return claim.id
        if role == _TOOLTIP:
            if column in (TEXT, ATTRIBUTION):
                return plain_tooltip(claim.text if column == TEXT else (claim.attribution or ""))
            if column == VERDICT:
                option = self._scale.get(claim.verdict)
                return plain_tooltip(option.definition) if option else None  # user text, never markup
            return None
        if role == _DECORATION:
            return self._colours.get(claim.verdict) if column == VERDICT else None
        return _CENTRE if column in _CENTRED else None  # _ALIGNMENT

    def _display(self, row: int, column: int, c: Claim):
        if column == NUMBER:
            return self._position.get(c.id, row + 1)
        if column == TEXT:
            return c.text
        if column == ATTRIBUTION:
            return c.attribution or ""
        if column == KIND:
            return str(c.kind)
        if column == WORTH:
            return round(c.checkworthiness * 100)
        if column == VERDICT:
            option = self._scale.get(c.verdict)
            return option.label if option else c.verdict
        if column == EVIDENCE:
            return c.evidence_count or ""
        if column == OVERLAP:
            return "⚑" if c.overlap_count else ""
        if column == ID:
            return c.id
        return None

    def _sort_key(self, row: int, column: int, c: Claim):
        if column == NUMBER:
            return self._position.get(c.id, row)
        if column == TEXT:
            return c.text.casefold()
        if column == ATTRIBUTION:
            return (c.attribution or "").casefold()
        if column == KIND:
            return str(c.kind)
        if column == WORTH:
            return c.checkworthiness
        if column == VERDICT:
            keys = self._scale.keys()
            return keys.index(c.verdict) if c.verdict in keys else len(keys)
        if column == EVIDENCE:
            return c.evidence_count
        if column == OVERLAP:
            return c.overlap_count
        if column == ID:
            return c.id
        return None


class ClaimsFilterProxy(QSortFilterProxyModel):
    """Search text (claim or attribution), verdict and kind filters; sorts by SortRole.

    The answers are cached by claim id. Qt asks filterAcceptsRow about a reset or re-sorted source model before
    this proxy hears of the change, so a claim the cache does not know yet is judged directly (an exception
    inside a Qt virtual would abort the application)."""

    filtered = Signal()  # after every filter pass: the rows shown may have changed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._search = ""
        self._verdict: str | None = None
        self._kind: str | None = None
        self._accepted: dict[int, bool] | None = None  # claim id -> shown; None: everything passes
        self._haystacks: dict[int, str] = {}
        self._model: ClaimsModel | None = None
        # The claim being worked on stays visible even when an edit takes it out of the filter
        # (set a verdict while showing "Unverified" and the row waits until you move on).
        self._pinned: int | None = None
        self._changing = False  # inside a filter change: a pin asked for meanwhile waits for a second pass
        self._again = False

    def pin(self, claim_id: int | None) -> None:
        if claim_id != self._pinned:
            self._pinned = claim_id
            if self.active:
                self._recompute()

    @property
    def pinned(self) -> int | None:
        return self._pinned

    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt naming
        super().setSourceModel(model)
        self._model = model
        model.modelReset.connect(self._rebuild)
        model.dataChanged.connect(self._on_data_changed)
        model.layoutChanged.connect(self._rebuild)
        self._rebuild()

    def set_filters(self, search: str | None = None, verdict: str | None = "", kind: str | None = "",
                    pinned: int | None = None) -> None:
        """verdict/kind: "" leaves that filter as it is, None clears it. A new filter unpins, except for the
        claim given as pinned (the one being worked on stays visible)."""
        self._pinned = pinned
        if search is not None:
            self._search = search.strip().casefold()
        if verdict != "":
            self._verdict = verdict
        if kind != "":
            self._kind = kind
        self._recompute()

    @property
    def active(self) -> bool:
        return bool(self._search or self._verdict or self._kind)

    def _claims(self) -> list[Claim]:
        return self._model.claims() if self._model is not None else []

    def _haystack(self, c: Claim) -> str:
        hay = self._haystacks.get(c.id)
        if hay is None:
            hay = self._haystacks[c.id] = f"{c.text}\n{c.attribution or ''}".casefold()
        return hay

    def _accepts(self, c: Claim) -> bool:
        search, verdict, kind = self._search, self._verdict, self._kind
        return c.id == self._pinned or ((not search or search in self._haystack(c))
                                        and (verdict is None or c.verdict == verdict)
                                        and (kind is None or str(c.kind) == kind))

    def _rebuild(self) -> None:
        self._haystacks = {}
        self._recompute()

    def _on_data_changed(self, top, bottom, _roles=()) -> None:
        claims = self._claims()
        for row in range(top.row(), min(bottom.row() + 1, len(claims))):
            self._haystacks.pop(claims[row].id, None)
        self._recompute()

    def _recompute(self) -> None:
        if self._changing:  # re-entered from a signal sent during the change: run once more afterwards
            self._again = True
            return
        self._changing = True
        try:
            for _ in range(4):  # a pin changes once per pass; the selection settles within two
                self._again = False
                self._filter_pass()
                if not self._again:
                    break
        finally:
            self._changing = False
        self.filtered.emit()

    def _filter_pass(self) -> None:
        if _NEW_FILTER_API:
            self.beginFilterChange()
        if not self.active:
            self._accepted = None
        else:
            self._accepted = {c.id: self._accepts(c) for c in self._claims()}
        if _NEW_FILTER_API:  # Qt >= 6.10 deprecates invalidateRowsFilter
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)  # see the module docstring

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt naming
        accepted = self._accepted
        if accepted is None:
            return True
        try:
            claim = self._model._claims[source_row]
            answer = accepted.get(claim.id)
            return self._accepts(claim) if answer is None else answer
        except Exception:  # noqa: BLE001 - never raise into Qt
            return True
