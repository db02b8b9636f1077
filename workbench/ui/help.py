"""Help ▸ Keyboard Shortcuts: a two-column table read from the live actions, so it never goes stale."""

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

# Actions whose menu text changes as you work ("Undo Verdict: False"): the table names the action, not its state.
_FIXED_NAMES = {"undo": "Undo", "redo": "Redo"}


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(action, keys) for every menu action with a shortcut, in menu order, each action once."""
    fixed = {id(window.actions[key]): name for key, name in _FIXED_NAMES.items() if key in window.actions}
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            name = fixed.get(id(action)) or action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            name = name.rstrip(".…").strip()
            if keys and name and name not in seen:
                seen.add(name)
                rows.append((name, keys))
    return rows


def shortcuts_text(window) -> str:
    return "\n".join(f"{name:<34}{keys}" for name, keys in shortcut_rows(window))


class ShortcutsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        for row, (name, keys) in enumerate(rows):
            for column, text in enumerate((name, keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))  # plain text, never markup
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(440, 560)
