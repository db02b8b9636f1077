"""Edit ▸ Workspace Settings: the organisation named in exports and the verdict scale. Loaded on first use,
not at start-up.

Save (and Apply) hand everything to one submit() call: one transaction, one history row per setting changed,
one undo step. A refusal keeps the dialog open with everything as typed and says why."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget,
)

from workbench.domain import VerdictScale
from workbench.ui.widgets import heading, muted

Submit = Callable[..., "str | None"]


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, organisation: str, submit: Submit,
                 scale: VerdictScale | None = None, usage: dict[str, int] | None = None,
                 review_base_url: str = "") -> None:
        """submit(name, scale) saves and returns None, or the message why it was refused (the dialog then stays
        open with what was typed). scale is None when it was not changed (or not edited here: no scale given)."""
        super().__init__(parent)
        self.setWindowTitle("Workspace Settings")
        self._submit = submit
        self._organisation = (organisation or "").strip()
        self._scale = scale
        self.organisation = QLineEdit(organisation)
        self.organisation.setPlaceholderText("Your newsroom")
        self._base_url = (review_base_url or "").strip()
        self.base_url = QLineEdit(self._base_url)
        self.base_url.setPlaceholderText("https://your-site.example/fact-checks")
        self.status = QLabel(" ")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setToolTip("Save the changes and keep the dialog open (Edit ▸ Undo takes them back)")
        self.apply_button.clicked.connect(self.apply)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("", muted("Named as the author of the verdicts in ClaimReview exports."))
        form.addRow("&Published at:", self.base_url)
        form.addRow("", muted("Where your fact-checks are published: ClaimReview's url is this address plus the "
                              "article's slug (workbench settings --publication-url sets one article's own)."))
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(form)

        self.editor = None
        if scale is not None:
            from workbench.ui.scale_editor import ScaleEditor

            self.editor = ScaleEditor(scale, usage or {}, self)
            layout.addSpacing(10)
            layout.addWidget(heading("Verdict scale"))
            layout.addWidget(muted("The verdicts in the order of the Verdict menu and the report: Ctrl+0 sets "
                                   "Unverified, Ctrl+1 to Ctrl+9 the next nine."))
            layout.addWidget(self.editor, 1)
            self.editor.edited.connect(self._edited)
            self.editor.refused.connect(self._say)
            self.setMinimumSize(800, 560)
            self.resize(860, 600)
        else:
            self.resize(520, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.organisation.textEdited.connect(self._edited)
        self.base_url.textEdited.connect(self._edited)
        self._edited()

    # --- state ---------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return (self.organisation.text().strip() != self._organisation
                or self.base_url.text().strip() != self._base_url
                or (self.editor is not None and self.editor.modified))

    def _edited(self, *_args) -> None:
        self.apply_button.setEnabled(self.modified)

    def _say(self, message: str) -> None:
        self.status.setForegroundRole(QPalette.ColorRole.Text)
        self.status.setText(message or "The settings were not saved.")

    # --- saving --------------------------------------------------------------
    def apply(self) -> bool:
        """Save what the dialog holds; False (and the reason shown) when it was refused or is not valid."""
        scale = None
        if self.editor is not None and self.editor.modified:
            from workbench.services.settings import scale_problems
            from workbench.ui.scale_editor import ScaleInputError

            try:
                scale = self.editor.build()
            except ScaleInputError as exc:
                self.editor.show_problem(exc.problem)
                self._say(exc.problem.message)
                return False
            problems = scale_problems(scale)
            if problems:
                self.editor.show_problem(problems[0])
                self._say(problems[0].message)
                return False
            if scale == self._scale:
                scale = None  # edited back to what is stored
        name = self.organisation.text()
        url = self.base_url.text().strip()
        url_changed = url != self._base_url
        if scale is None and name.strip() == self._organisation and not url_changed:
            self._say(" ")
            self._edited()
            return True  # nothing to save
        extra = {"review_base_url": url} if url_changed else {}
        refusal = self._submit(name, scale, **extra) if self.editor is not None else self._submit(name, **extra)
        if refusal is not None:
            self._say(refusal)
            return False
        self._organisation = name.strip()
        if url_changed:
            from workbench.services.settings import checked_url

            self._base_url = checked_url(url, "base URL")  # what was stored (normalised)
            self.base_url.setText(self._base_url)
        if scale is not None:
            self._scale = scale
            self.editor.load(scale, keep_row=True)  # new verdicts now have their keys
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setText("Saved. Edit ▸ Undo takes it back.")
        self._edited()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def reject(self) -> None:
        if self.modified and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self, "Workspace Settings", "Discard the changes you have not saved?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard
