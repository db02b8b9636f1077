"""The shortcut list, read from the live actions so it never goes stale."""

from PySide6.QtGui import QKeySequence


def shortcuts_text(window) -> str:
    lines = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys and action.text():
                lines.append(f"{action.text().replace('&', ''):<34}{keys}")
    return "\n".join(lines)
