"""Edit ▸ Workspace Settings: the organisation named in exports. Loaded on first use, not at start-up.

The verdict scale is not edited here: a newsroom replaces it with `workbench settings --scale FILE.json`.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from workbench.ui.widgets import muted


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, organisation: str, submit: Callable[[str], str | None]) -> None:
        """submit(name) saves and returns None, or the message why it was refused (the dialog then stays open
        with what was typed)."""
        super().__init__(parent)
        self.setWindowTitle("Workspace Settings")
        self.resize(520, 0)
        self._submit = submit
        self.organisation = QLineEdit(organisation)
        self.organisation.setPlaceholderText("Your newsroom")
        self.status = QLabel(" ")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Organisation:", self.organisation)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(muted("Named as the author of the verdicts in ClaimReview exports. The verdict scale is "
                               "set from the command line: workbench settings --scale FILE.json"))
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def accept(self) -> None:
        refusal = self._submit(self.organisation.text())
        if refusal is None:
            super().accept()
            return
        self.status.setForegroundRole(QPalette.ColorRole.Text)
        self.status.setText(refusal or "The settings were not saved.")
