"""A team workspace's connection as the person sees it: a strip across the top of the window while its
server cannot be reached, and the password prompt when neither ~/.pgpass nor PGPASSWORD gives one.

The strip says what happened, that what is being typed is kept, and that the window keeps retrying; it goes
away by itself once the server answers again (Session.check_remote), and the status bar then says so."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

PASSWORD_TRIES = 3


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


def open_team_workspace(url: str):
    """Open a team workspace for the window, asking for its password when the server wants one (up to
    PASSWORD_TRIES times; Cancel gives up with the server's message). The password stays in memory."""
    from workbench.domain import PasswordNeeded
    from workbench.services.workspace import open_workspace, supply_password, workspace_label

    refused = 0
    while True:
        try:
            return open_workspace(url)
        except PasswordNeeded as exc:
            if refused == PASSWORD_TRIES:
                raise
            prompt = f"Password for {workspace_label(url)}" + (" (the last one was refused):" if refused else ":")
            password, given = QInputDialog.getText(None, "Team workspace", prompt, QLineEdit.EchoMode.Password)
            if not given:
                raise exc from None
            supply_password(url, password)
            refused += 1
