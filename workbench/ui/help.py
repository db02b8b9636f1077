"""Help ▸ Keyboard Shortcuts: a two-column table read from the live actions, so it never goes stale."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

# Actions whose menu text changes as you work ("Undo Verdict: False"): the table names the action, not its state.
_FIXED_NAMES = {"undo": "Undo", "redo": "Redo"}
# Keys that act only in one place (the same key does something else elsewhere): say where.
_WHERE = {"rename_article": "in the article list", "delete_article": "in the article list",
          "delete": "in the claims table or the article", "edit_claim": "on the selected claim"}


def _readable(keys: str) -> bool:
    """Keys a person types: not the platform's extra aliases (the Undo media key, Alt+Backspace)."""
    if keys in _ALIASES:
        return False
    return "+" in keys or len(keys) <= 3 or (keys[0] == "F" and keys[1:].isdigit())


_ALIASES = frozenset({"Alt+Backspace", "Shift+Alt+Backspace", "Alt+Shift+Backspace"})


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(action, keys) for every menu action with a shortcut, in menu order, each action once."""
    fixed = {id(window.actions[key]): name for key, name in _FIXED_NAMES.items() if key in window.actions}
    where = {id(window.actions[key]): place for key, place in _WHERE.items() if key in window.actions}
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = ", ".join(k for k in (k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
                             if _readable(k))
            name = fixed.get(id(action)) or action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            name = name.rstrip(".…").strip()
            if id(action) in where:
                name = f"{name} ({where[id(action)]})"
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
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
