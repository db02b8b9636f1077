"""A strip across the top of the window while a team workspace's server cannot be reached.

It says what happened, that what is being typed is kept, and that the window keeps retrying; it goes away by
itself once the server answers again (Session.check_remote), and the status bar then says so."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class ConnectionBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet("#connectionBanner { background: #fff3cd; border-bottom: 1px solid #e0c36a; }"
                           " #connectionBanner QLabel { color: #533f03; }")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the workspace's name is shown, never interpreted
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_connection(self, online: bool, workspace: str) -> None:
        if online:
            self.hide()
            return
        self.label.setText(f"⚠  Connection to {workspace} lost — retrying. What you type is kept and saved once "
                           "the server answers; everything saved before is safe on the server.")
        self.show()


def with_banner(banner: ConnectionBanner, content: QWidget) -> QWidget:
    """The window's central widget: the banner (hidden while connected) above its panes."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(content, 1)
    return holder
