"""The verdict-scale editor of Workspace Settings: verdicts in order (label, colour, definition, rating), with
add, remove and reordering. Keys never change: a label edit keeps every claim's verdict; a new verdict gets a
key derived from its label when the scale is built. Everything is plain text.

Loaded with the settings dialog, on first use."""

from dataclasses import dataclass, replace

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPen, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView, QColorDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from workbench.domain import UNVERIFIED, VerdictOption, VerdictScale
from workbench.services import settings as settings_service
from workbench.ui.widgets import muted

# Colours offered to a new verdict (the first one the scale does not use yet).
NEW_COLOURS = ("#0277bd", "#00897b", "#d81b60", "#5e35b1", "#8d6e63", "#3949ab", "#c0ca33", "#455a64")
LABEL, RATING, CLAIMS = range(3)


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """One verdict as edited: key None for a verdict added in this editor (its key comes from its label);
    rating is the text typed ("" = not on the numeric scale)."""

    key: str | None
    label: str
    colour: str
    definition: str
    rating: str = ""


@dataclass(frozen=True, slots=True)
class RowProblem:
    index: int | None
    field: str
    message: str


def rows_of(scale: VerdictScale) -> list[VerdictRow]:
    return [VerdictRow(o.key, o.label, o.colour, o.definition, "" if o.rating is None else str(o.rating))
            for o in scale.options]


def colour_swatch(colour: str, size: int = 14) -> QIcon:
    """A filled square with a thin border; a colour that is not #rrggbb shows as a crossed-out box."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    valid = settings_service.valid_colour(colour)
    fill = QColor(colour) if valid else QColor("#ffffff")
    painter.setPen(QPen(fill.darker(140) if valid else QColor("#9e9e9e"), 1))
    painter.setBrush(fill)
    painter.drawRoundedRect(0.5, 0.5, size - 1, size - 1, 2.5, 2.5)
    if not valid:
        painter.setPen(QPen(QColor("#c62828"), 1.5))
        painter.drawLine(3, size - 3, size - 3, 3)
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the true colour on a selected row too, not tinted
    return icon


class ScaleEditor(QWidget):
    """Edits a copy of the scale; nothing is stored here. build() returns the scale to store, or raises
    ScaleInputError naming the verdict and field at fault (show_problem() then points at it)."""

    edited = Signal()  # any change to the verdicts
    refused = Signal(str)  # an action the editor would not do (remove Unverified or a verdict in use)

    def __init__(self, scale: VerdictScale, usage: dict[str, int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.rows: list[VerdictRow] = []
        self.saved: list[VerdictRow] = []  # as last loaded or saved: modified compares with it
        self.usage: dict[str, int] = {}
        self.reserved: set[str] = set()  # keys ever seen here: a new verdict never takes a removed one's key

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Verdict", "Rating", "Claims"])
        self.table.horizontalHeaderItem(RATING).setToolTip("ClaimReview rating (blank: not on the numeric scale)")
        self.table.horizontalHeaderItem(CLAIMS).setToolTip("How many claims in the workspace have this verdict")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(RATING, 58)
        header.resizeSection(CLAIMS, 58)
        self.table.setMinimumWidth(300)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 8 * 26 + 4)

        self.add_button = QPushButton("&Add")
        self.add_button.setToolTip("Add a verdict below the selected one")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setToolTip("Remove the selected verdict (not Unverified, nor one that claims have)")
        self.up_button = QPushButton("Move &Up")
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.setToolTip("Move the selected verdict up (Alt+Up)")
        self.down_button = QPushButton("Move Do&wn")
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.down_button.setToolTip("Move the selected verdict down (Alt+Down)")
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.label_edit = QLineEdit()
        self.label_edit.setMaxLength(settings_service.MAX_LABEL)
        self.label_edit.setPlaceholderText("As readers and the team see it, e.g. Mostly false")
        self.colour_edit = QLineEdit()
        self.colour_edit.setPlaceholderText("#rrggbb")
        self.colour_edit.setMaxLength(7)
        self.colour_edit.setFixedWidth(self.colour_edit.fontMetrics().horizontalAdvance("#MMMMMM") + 40)
        self.colour_button = QPushButton("C&hoose…")
        self.colour_button.setToolTip("Pick the colour of this verdict's highlights and report chart")
        colour_row = QHBoxLayout()
        colour_row.setContentsMargins(0, 0, 0, 0)
        colour_row.addWidget(self.colour_edit)
        colour_row.addWidget(self.colour_button)
        colour_row.addStretch(1)
        self.rating_edit = QLineEdit()
        self.rating_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?\d{0,4}"), self))
        self.rating_edit.setFixedWidth(self.rating_edit.fontMetrics().horizontalAdvance("Not rated") + 28)
        self.rating_edit.setPlaceholderText("Not rated")
        rating_row = QHBoxLayout()
        rating_row.setContentsMargins(0, 0, 0, 0)
        rating_row.addWidget(self.rating_edit)
        rating_row.addWidget(muted("ClaimReview rating; blank: not rated"), 1)
        self.definition_edit = QPlainTextEdit()
        self.definition_edit.setTabChangesFocus(True)
        self.definition_edit.setPlaceholderText("What this verdict means; the report prints it for readers")
        self.definition_edit.setFixedHeight(self.definition_edit.fontMetrics().lineSpacing() * 6 + 16)
        self.key_note = muted()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for text, buddy, field in (("&Label:", self.label_edit, self.label_edit),
                                   ("&Colour:", self.colour_edit, colour_row),
                                   ("Ra&ting:", self.rating_edit, rating_row),
                                   ("&Definition:", self.definition_edit, self.definition_edit)):
            label = QLabel(text)
            label.setBuddy(buddy)  # Alt+letter reaches the box, also when the row holds more than one widget
            form.addRow(label, field)
        form.addRow("", self.key_note)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = QWidget()
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addStretch(1)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.table, 1)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(left, 5)
        layout.addWidget(self.form, 6)

        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        self.table.cellDoubleClicked.connect(lambda *_: self.label_edit.setFocus())
        self.add_button.clicked.connect(self.add_verdict)
        self.remove_button.clicked.connect(self.remove_verdict)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.colour_button.clicked.connect(self.choose_colour)
        self.label_edit.textEdited.connect(lambda text: self._edit(label=text))
        self.colour_edit.textEdited.connect(lambda text: self._edit(colour=text.strip()))
        self.rating_edit.textEdited.connect(lambda text: self._edit(rating=text.strip()))
        self.definition_edit.textChanged.connect(lambda: self._edit(definition=self.definition_edit.toPlainText()))
        self.load(scale, usage or {})

    # --- state ---------------------------------------------------------------
    def load(self, scale: VerdictScale, usage: dict[str, int] | None = None, keep_row: bool = False) -> None:
        """Show a scale (the stored one, or the one just saved); keep_row: stay on the same place."""
        row = self.current_row() if keep_row else 0
        if usage is not None:
            self.usage = dict(usage)
        self.rows = rows_of(scale)
        self.reserved |= set(scale.keys())
        self.saved = list(self.rows)
        self._fill_table()
        self.select(min(max(row, 0), len(self.rows) - 1))

    @property
    def modified(self) -> bool:
        return self.rows != self.saved

    def current_row(self) -> int:
        return self.table.currentRow()

    def select(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.table.setCurrentCell(row, LABEL)
            self.table.scrollToItem(self.table.item(row, LABEL))
        self._show(self.current_row())

    def keys(self) -> list[str]:
        """The key of every row: kept for existing verdicts, derived from the label for new ones."""
        taken = self.reserved | {r.key for r in self.rows if r.key}
        keys = []
        for row in self.rows:
            key = row.key
            if key is None:
                key = settings_service.new_key(row.label.strip(), taken)
                taken.add(key)
            keys.append(key)
        return keys

    def build(self) -> VerdictScale:
        """The edited scale, or ScaleInputError for a rating that is not a whole number. Other problems (empty or
        duplicate labels, colours…) are found by services.settings.scale_problems on the result."""
        options = []
        for i, (row, key) in enumerate(zip(self.rows, self.keys())):
            rating = None
            if row.rating.strip():
                try:
                    rating = int(row.rating)
                except ValueError:
                    name = f"“{row.label.strip()}”" if row.label.strip() else f"Verdict {i + 1}"
                    raise ScaleInputError(RowProblem(i, "rating", f"{name} has the rating “{row.rating}”; use a "
                                                                  "whole number, or leave it blank.")) from None
            options.append(VerdictOption(key, row.label.strip(), row.colour.strip(), row.definition.strip(), rating))
        return VerdictScale(tuple(options))

    def show_problem(self, problem) -> None:
        """Select the verdict at fault and put the cursor in the field to fix (a RowProblem or ScaleProblem)."""
        if problem.index is not None:
            self.select(problem.index)
        field = {"label": self.label_edit, "colour": self.colour_edit, "definition": self.definition_edit,
                 "rating": self.rating_edit, "key": self.label_edit}.get(problem.field)
        if field is not None and problem.index is not None:
            field.setFocus()
            if isinstance(field, QLineEdit):
                field.selectAll()

    # --- actions -------------------------------------------------------------
    def add_verdict(self) -> None:
        labels = {r.label.strip().casefold() for r in self.rows}
        label, number = "New verdict", 2
        while label.casefold() in labels:
            label = f"New verdict {number}"
            number += 1
        used = {r.colour.lower() for r in self.rows}
        colour = next((c for c in NEW_COLOURS if c not in used), NEW_COLOURS[0])
        at = self.current_row() + 1 if self.current_row() >= 0 else len(self.rows)
        self.rows.insert(at, VerdictRow(None, label, colour, "", ""))
        self._fill_table()
        self.select(at)
        self.label_edit.setFocus()
        self.label_edit.selectAll()
        self.edited.emit()

    def remove_verdict(self) -> None:
        at = self.current_row()
        if not 0 <= at < len(self.rows):
            return
        row = self.rows[at]
        name = row.label.strip() or row.key or "this verdict"
        if row.key == UNVERIFIED:
            self.refused.emit(f"“{name}” stays: every new claim starts with it. You can rename it.")
            return
        count = self.usage.get(row.key, 0) if row.key else 0
        if count:
            self.refused.emit(f"“{name}” is the verdict of {count} claim{'s' if count != 1 else ''}: give "
                              f"{'them' if count != 1 else 'it'} another verdict first, then remove it.")
            return
        del self.rows[at]
        self._fill_table()
        self.select(min(at, len(self.rows) - 1))
        self.edited.emit()

    def move(self, delta: int) -> None:
        at = self.current_row()
        to = at + delta
        if not (0 <= at < len(self.rows) and 0 <= to < len(self.rows)):
            return
        self.rows[at], self.rows[to] = self.rows[to], self.rows[at]
        self._fill_table()
        self.select(to)
        self.edited.emit()

    def choose_colour(self) -> None:
        at = self.current_row()
        if not 0 <= at < len(self.rows):
            return
        row = self.rows[at]
        initial = QColor(row.colour) if settings_service.valid_colour(row.colour) else QColor("#9aa0a6")
        title = f"Colour of “{row.label.strip()}”" if row.label.strip() else "Verdict Colour"
        colour = QColorDialog.getColor(initial, self, title)
        if colour.isValid():
            self.colour_edit.setText(colour.name())
            self._edit(colour=colour.name())

    # --- showing -------------------------------------------------------------
    def _fill_table(self) -> None:
        self._loading = True
        self.table.setRowCount(len(self.rows))
        for i in range(len(self.rows)):
            self._fill_row(i)
        self._loading = False

    def _fill_row(self, i: int) -> None:
        row = self.rows[i]
        count = self.usage.get(row.key, 0) if row.key else None
        values = ((LABEL, row.label.strip() or "(no label)"), (RATING, row.rating.strip() or "–"),
                  (CLAIMS, "new" if count is None else str(count)))
        for column, text in values:
            item = self.table.item(i, column)
            if item is None:  # updated in place after: replacing the current item would move the selection
                item = QTableWidgetItem()
                if column != LABEL:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, column, item)
            item.setText(text)
        self.table.item(i, LABEL).setIcon(colour_swatch(row.colour))

    def _show(self, at: int) -> None:
        has = 0 <= at < len(self.rows)
        self.form.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and at > 0)
        self.down_button.setEnabled(has and at < len(self.rows) - 1)
        if not has:
            return
        row = self.rows[at]
        self._loading = True
        self.label_edit.setText(row.label)
        self.label_edit.setCursorPosition(0)
        self.colour_edit.setText(row.colour)
        self.colour_button.setIcon(colour_swatch(row.colour))
        self.rating_edit.setText(row.rating)
        if self.definition_edit.toPlainText() != row.definition:
            self.definition_edit.setPlainText(row.definition)
        self._loading = False
        self._note(at)

    def _note(self, at: int) -> None:
        row = self.rows[at]
        if row.key is None:
            text = f"New verdict: its key will be “{self.keys()[at]}” (from the label; it never changes after)."
        else:
            count = self.usage.get(row.key, 0)
            used = f"{count} claim{'s' if count != 1 else ''}" if count else "no claims"
            text = f"Key “{row.key}” · used by {used}. Renaming keeps every claim's verdict."
            if row.key == UNVERIFIED:
                text += " Every new claim starts here, so it cannot be removed."
        self.key_note.setText(text)

    def _edit(self, **values) -> None:
        at = self.current_row()
        if self._loading or not 0 <= at < len(self.rows):
            return
        if all(getattr(self.rows[at], k) == v for k, v in values.items()):
            return
        self.rows[at] = replace(self.rows[at], **values)
        self._fill_row(at)
        if "colour" in values:
            self.colour_button.setIcon(colour_swatch(values["colour"]))
        self._note(at)
        self.edited.emit()


class ScaleInputError(Exception):
    def __init__(self, problem: RowProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem
