"""Adding or editing one piece of evidence. Known sources are offered as you type; a pasted link's
title, publisher and date are fetched in the background and fill only the fields still empty."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
)

from workbench.domain import Evidence, Source, Stance
from workbench.domain.urls import is_openable
from workbench.services.evidence import EvidenceInput, suggest_sources
from workbench.ui.workers import call_worker

SourceRole = Qt.ItemDataRole.UserRole + 10
UrlRole = Qt.ItemDataRole.UserRole + 11


class EvidenceDialog(QDialog):
    def __init__(self, session, parent=None, evidence: Evidence | None = None, url: str = "",
                 claim_text: str = "", submit=None) -> None:
        """submit(value) saves the evidence and returns None, or the message why it was refused (then the dialog
        stays open with what was typed); an empty message: the error was shown elsewhere."""
        super().__init__(parent)
        self.session = session
        self._submit = submit
        self.setWindowTitle("Edit Evidence" if evidence else "Add Evidence")
        self.setMinimumWidth(560)
        self._fetching_url = ""
        self._closed = False

        self.url = QLineEdit()
        self.url.setPlaceholderText("https://… — paste a link; title, publisher and date are looked up")
        self.title_edit = QLineEdit()
        self.publisher = QLineEdit()
        self.published = QLineEdit()
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.quote = QPlainTextEdit()
        self.quote.setPlaceholderText("The exact words from the source that bear on the claim")
        self.quote.setFixedHeight(84)
        self.quote.setTabChangesFocus(True)  # Tab moves on to the stance, as in every other field
        self.stance = QComboBox()
        # No silent default: whether a source supports or refutes the claim is the checker's call.
        self.stance.addItem("Choose…", None)
        for stance, label in ((Stance.SUPPORTS, "Supports the claim"), (Stance.REFUTES, "Refutes the claim"),
                              (Stance.CONTEXT, "Context")):
            self.stance.addItem(label, str(stance))
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional note for the team")
        self.status = QLabel(" ")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)  # a failed lookup's whole message, not its first 60 characters
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Link:", self.url)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Publisher:", self.publisher)
        form.addRow("&Date:", self.published)
        form.addRow("&Quote:", self.quote)
        form.addRow("&Stance:", self.stance)
        form.addRow("&Note:", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save Changes" if evidence else "Add Evidence")
        layout = QVBoxLayout(self)
        if claim_text:
            about = QLabel(f"For the claim: “{claim_text}”")
            about.setTextFormat(Qt.TextFormat.PlainText)
            about.setWordWrap(True)
            layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._suggestions = QStandardItemModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(UrlRole)
        completer.activated.connect(self._url_chosen)
        self.url.setCompleter(completer)
        self._completer = completer

        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(400)
        self._fetch_timer.timeout.connect(self.fetch_details)
        self.url.textEdited.connect(self._url_edited)
        self.url.textChanged.connect(self._validate)

        if evidence is not None:
            s = evidence.source
            self.url.setText(s.url)
            self.title_edit.setText(s.title)
            self.publisher.setText(s.publisher)
            self.published.setText(s.published)
            self.quote.setPlainText(evidence.quote)
            self.stance.setCurrentIndex(self.stance.findData(str(evidence.stance)))
            self.note.setText(evidence.note)
        else:
            self.stance.setCurrentIndex(0)
            if url:
                self.url.setText(url)
                self.fetch_details()
        self._validate()

    # --- suggestions ---------------------------------------------------------
    def _url_edited(self, text: str) -> None:
        self._suggestions.clear()
        for source in suggest_sources(self.session.db, text, 8):
            label = " — ".join(p for p in (source.title or source.url, source.publisher) if p)
            item = QStandardItem(f"{label}\n{source.url}" if source.title else source.url)
            item.setData(source.url, UrlRole)
            item.setData(source, SourceRole)
            self._suggestions.appendRow(item)
        if is_openable(text) and not self.title_edit.text():
            self._fetch_timer.start()

    def _url_chosen(self, url: str) -> None:
        for row in range(self._suggestions.rowCount()):
            source: Source = self._suggestions.item(row).data(SourceRole)
            if source.url == url:
                self._fill(source.title, source.publisher, source.published)
                self._fetch_timer.stop()
                self.status.setText("A source already in this workspace.")
                return

    # --- page details --------------------------------------------------------
    def fetch_details(self) -> None:
        url = self.url.text().strip()
        if not is_openable(url) or url == self._fetching_url:
            return
        from workbench.services.page_metadata import fetch_page_metadata

        self._fetching_url = url
        self.status.setText("Looking up the page's title, publisher and date…")
        worker = call_worker(lambda: fetch_page_metadata(url))
        worker.signals.result.connect(self._fetched)  # bound methods: nothing arrives once the dialog is gone
        worker.signals.error.connect(self._fetch_error)
        self.session.runner.start_detached(worker)  # closing the window never waits for a slow server

    def _fetched(self, meta) -> None:
        if self._closed or meta.url != self.url.text().strip():
            return  # the person closed the dialog or typed another link meanwhile
        self._fetching_url = ""
        if meta.empty:
            self._fetch_failed(meta.error or "the page gave no details")
            return
        self._fill(meta.title, meta.publisher, meta.published)
        self.status.setText("Filled in from the page — check before saving.")

    def _fetch_error(self, exc: BaseException) -> None:
        self._fetch_failed(str(exc))

    def _fetch_failed(self, reason: str) -> None:
        if not self._closed:
            self._fetching_url = ""
            self.status.setText(f"No details found ({reason}); type them in.")

    def _fill(self, title: str, publisher: str, published: str) -> None:
        for edit, value in ((self.title_edit, title), (self.publisher, publisher), (self.published, published)):
            if value and not edit.text().strip():
                edit.setText(value)

    # --- result --------------------------------------------------------------
    def _validate(self) -> None:
        self.ok_button.setEnabled(is_openable(self.url.text().strip()))

    def value(self) -> EvidenceInput:
        return EvidenceInput(url=self.url.text().strip(), title=self.title_edit.text().strip(),
                             publisher=self.publisher.text().strip(), published=self.published.text().strip(),
                             quote=self.quote.toPlainText().strip(), stance=self.stance.currentData(),
                             note=self.note.text().strip())

    def accept(self) -> None:
        if self.stance.currentData() is None:
            self.status.setForegroundRole(QPalette.ColorRole.Text)
            self.status.setText("Choose the stance: does this source support the claim, refute it, or give context?")
            self.stance.setFocus()
            return
        if self._submit is not None:
            refusal = self._submit(self.value())
            if refusal is not None:
                self.status.setForegroundRole(QPalette.ColorRole.Text)
                self.status.setText(refusal or "The evidence was not saved.")
                return
        super().accept()

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)
