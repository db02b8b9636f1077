"""File > Paste as New Article: a dialog loaded on first use, not at start-up (QDialogButtonBox and its
enums cost the binding ~0.5 ms to set up)."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget


class PasteArticleDialog(QDialog):
    """Text pasted from a browser or an email becomes a new article."""

    def __init__(self, parent: QWidget | None = None, text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste as New Article")
        self.resize(640, 480)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Title (optional; taken from the first line when it looks like one)")
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText("Paste the article text here")
        self.body.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.body.textChanged.connect(lambda: self.ok.setEnabled(bool(self.body.toPlainText().strip())))
        self.ok.setEnabled(bool(text.strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
