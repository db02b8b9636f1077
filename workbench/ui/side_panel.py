"""The selected claim: text and speaker, verdict and rationale, evidence, archive matches, overlaps."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLineEdit, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget,
)

from workbench.domain import Claim, ClaimKind, ConnectionLost, EditConflict, Evidence, NotFound, OverlapState
from workbench.domain.urls import is_openable
from workbench.ui.archive_box import ArchiveLookup
from workbench.ui.claims_table import swatch
from workbench.ui.dropping import link_from_mime
from workbench.ui.lazy import claim_service, cmd, evidence_service, overlap_service
from workbench.ui.side_cards import ArchiveCard, CardList, EvidenceCard, OverlapCard, OverlapGroupCard
from workbench.ui.widgets import CommitTextEdit, heading, muted


def open_link(url: str) -> None:
    if is_openable(url):  # only http(s) ever reaches the browser
        from PySide6.QtCore import QUrl  # the binding sets these classes up on first use: not at start-up
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(url))


class SidePanel(QScrollArea):
    """Until a claim is selected the panel shows only a hint; the claim form (text, verdict, evidence, archive
    and overlap cards: ~50 widgets) is built when the first claim is shown, or when one of its widgets is
    asked for, so start-up neither builds nor styles nor lays it out."""

    goToClaim = Signal(int)  # noqa: N815

    FORM_WIDGETS = frozenset((
        "claim_heading", "text_edit", "attribution", "kind", "verdict", "definition", "rationale",
        "add_evidence_button", "evidence_hint", "evidence_cards", "archive_box", "archive_hint", "archive_cards",
        "overlap_hint", "overlap_cards"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = None
        self.claim: Claim | None = None
        self._base_version: int | None = None  # the claim's version the person's edits start from
        self.evidence: list[Evidence] = []
        self.archive: ArchiveLookup | None = None
        self._form_built = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(True)
        self.setMinimumWidth(330)

        self.stack = QStackedWidget()
        self.empty = muted("Select a claim in the article or the table to check it.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.setWidget(self.stack)

    def __getattr__(self, name: str):
        # Only reached for attributes not set yet: the form's widgets before the form is built.
        if name in SidePanel.FORM_WIDGETS and not self.__dict__.get("_form_built", True):
            self._build_form()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build_form(self) -> None:
        self._form_built = True
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(8)

        # claim
        self.claim_heading = heading("Claim")
        self.claim_heading.setWordWrap(True)  # "· ADDED BY HAND" must not widen the panel past the window
        self.text_edit = CommitTextEdit("The claim as it stands alone", 4)
        self.attribution = QLineEdit()
        self.attribution.setPlaceholderText("Speaker (blank: the article)")
        self.kind = QComboBox()
        for kind in ClaimKind:
            self.kind.addItem(str(kind).capitalize(), str(kind))
        self.kind.setToolTip("Kind of claim")
        row = QHBoxLayout()
        row.addWidget(self.attribution, 1)
        row.addWidget(self.kind)
        layout.addWidget(self.claim_heading)
        layout.addWidget(self.text_edit)
        layout.addLayout(row)

        # verdict
        layout.addSpacing(10)
        layout.addWidget(heading("Verdict"))
        self.verdict = QComboBox()
        self.definition = muted()
        self.rationale = CommitTextEdit("Rationale: why this verdict, in words readers will see", 4)
        layout.addWidget(self.verdict)
        layout.addWidget(self.definition)
        layout.addWidget(self.rationale)

        # evidence
        layout.addSpacing(10)
        self.add_evidence_button = QPushButton("Add…")
        self.add_evidence_button.setToolTip("Link a source to this claim (Ctrl+Shift+E)")
        title_row = QHBoxLayout()
        title_row.addWidget(heading("Evidence"), 1)
        title_row.addWidget(self.add_evidence_button)
        layout.addLayout(title_row)
        self.evidence_hint = muted("No evidence yet. Paste (Ctrl+Shift+V) or drop a link here to add it.")
        self.evidence_cards = CardList()
        layout.addWidget(self.evidence_hint)
        layout.addWidget(self.evidence_cards)

        # checked before (archive)
        self.archive_box = QWidget()
        box = QVBoxLayout(self.archive_box)
        box.setContentsMargins(0, 10, 0, 0)
        box.addWidget(heading("Checked before"))
        self.archive_hint = muted("Nothing similar in the archive.")
        self.archive_cards = CardList()
        box.addWidget(self.archive_hint)
        box.addWidget(self.archive_cards)
        layout.addWidget(self.archive_box)

        # overlaps
        layout.addSpacing(10)
        layout.addWidget(heading("Overlapping claims"))
        self.overlap_hint = muted("No overlap with other claims.")
        self.overlap_cards = CardList()
        layout.addWidget(self.overlap_hint)
        layout.addWidget(self.overlap_cards)
        layout.addStretch(1)
        self.stack.addWidget(body)

        self.text_edit.committed.connect(lambda text: self._update({"text": text}, "Edit Claim Text"))
        self.attribution.editingFinished.connect(self._attribution_done)
        self.kind.activated.connect(lambda _: self._update({"kind": self.kind.currentData()}, "Change Claim Kind"))
        self.verdict.activated.connect(lambda _: self.set_verdict(self.verdict.currentData()))
        self.rationale.committed.connect(lambda text: self._update({"rationale": text}, "Edit Rationale"))
        self.add_evidence_button.clicked.connect(lambda: self.add_evidence())
        if self.session is not None:
            self._fill_verdicts()

    def follow_scale(self) -> None:
        """The session's scale changed: offer its verdicts (a form not built yet fills itself when built)."""
        if self._form_built:
            self._fill_verdicts()

    def _fill_verdicts(self) -> None:
        self.verdict.clear()
        for option in self.session.scale.options:
            self.verdict.addItem(swatch(option.colour), option.label, option.key)

    # --- binding -------------------------------------------------------------
    def set_session(self, session) -> None:
        self.flush()  # what was typed goes to the workspace it was typed for
        self.claim = None
        self.session = session
        if self._form_built:
            self._fill_verdicts()
        if self.archive is not None:
            self.archive.close()  # its late answers belong to the workspace that was open
        self.archive = ArchiveLookup(session, self)
        self.archive.found.connect(self._archive_found)
        session.connection.connect(lambda online: self.flush() if online else None)  # typing kept offline
        self.show_claim(None)

    def text_has_focus(self) -> bool:
        """The caret the person sees is in the claim's text box."""
        return self._form_built and self.text_edit.hasFocus()

    def _claim_exists(self) -> bool:
        """False once the shown claim was deleted or merged away (then there is nothing to save it to)."""
        if self.claim is None or self.session is None:
            return False
        try:
            claim_service.get_claim(self.session.db, self.claim.id)
        except NotFound:
            return False
        return True

    def flush(self) -> None:
        """Save text still being typed (leaving a claim, switching workspace, closing, before a structural edit)."""
        if self._claim_exists():
            self.text_edit.commit()
            self.rationale.commit()
            self._attribution_done()

    def show_claim(self, claim_id: int | None) -> None:
        self.flush()
        try:
            self.claim = claim_service.get_claim(self.session.db, claim_id) if claim_id is not None else None
        except NotFound:
            self.claim = None
        except ConnectionLost:  # the server is away: keep showing this claim and what is typed for it
            self.session.connection_lost()
            return
        if self.claim is None:
            self.stack.setCurrentIndex(0)
            return
        if not self._form_built:
            self._build_form()
        self.stack.setCurrentIndex(1)
        self._fill_claim(force=True)
        self._fill_evidence()
        self._fill_overlaps()
        self._archive_pending(self.claim)
        self.verticalScrollBar().setValue(0)

    def refresh(self, changes) -> None:
        """After any change: reload what concerns the shown claim."""
        if self.claim is None:
            return
        ids = set(changes.claim_ids) | set(changes.added_claims) | {s.claim.id for s in changes.removed_claims}
        if not ids and not changes.evidence and not changes.overlaps:
            return
        try:
            self.claim = claim_service.get_claim(self.session.db, self.claim.id)
        except NotFound:
            self.show_claim(None)
            return
        self._fill_claim(force=False, remote="remote" in changes.extra)
        self._fill_evidence()
        self._fill_overlaps()

    # --- claim and verdict ---------------------------------------------------
    def _fill_claim(self, force: bool, remote: bool = False) -> None:
        c = self.claim
        # The version an edit starts from: someone else's change arriving while text is being typed keeps the
        # old one, so saving that text later is checked against the claim as it was when typing started.
        typing = remote and not force and any(box.editing() for box in (self.text_edit, self.rationale))
        if not typing:
            self._base_version = c.version
        origin = " · ADDED BY HAND" if str(c.origin) == "manual" else ""
        self.claim_heading.setText(f"CLAIM {c.id} · {str(c.kind).upper()} · CHECK-WORTHY "
                                   f"{round(c.checkworthiness * 100)}{origin}")
        self.claim_heading.setToolTip(f"Claim id {c.id}: what the command line takes, e.g. "
                                      f"workbench verdict {c.id} false")
        self.text_edit.load(c.text, force)
        if force or not self.attribution.hasFocus():
            self.attribution.setText(c.attribution or "")
            self.attribution.setCursorPosition(0)
        self.kind.setCurrentIndex(self.kind.findData(str(c.kind)))
        self.verdict.setCurrentIndex(self.verdict.findData(c.verdict))
        option = self.session.scale.get(c.verdict)
        self.definition.setText(option.definition if option else "")
        self.rationale.load(c.rationale, force)

    def _attribution_done(self) -> None:
        if self.claim is not None and self.attribution.text().strip() != (self.claim.attribution or ""):
            self._update({"attribution": self.attribution.text()}, "Edit Attribution")

    def set_verdict(self, key: str) -> None:
        if self.claim is not None and key != self.claim.verdict:
            option = self.session.scale.get(key)
            label = (option.label if option else key).replace("&", "&&")  # the Undo menu item reads "&" as a mnemonic
            self._update({"verdict": key}, f"Verdict: {label}")

    def _update(self, values: dict, text: str, expected_version: int | None = None) -> None:
        try:
            if not self._claim_exists():
                return
        except ConnectionLost:
            self._keep_unsaved(values)
            return
        version = expected_version if expected_version is not None else self._base_version
        command = cmd.UpdateClaimCommand(self.session, self.claim.id, values, text, version)
        conflict: list = []
        if not self.session.execute(command, on_error=conflict.append):
            if conflict and isinstance(conflict[0], EditConflict):
                self._resolve_conflict(conflict[0], values, text)
                return
            if conflict and isinstance(conflict[0], ConnectionLost):
                self._keep_unsaved(values)
                return
            if conflict:
                self.session.failed.emit(conflict[0])
            self._fill_claim(force=True)  # show the stored value again after a refusal

    def _keep_unsaved(self, values: dict) -> None:
        """The server could not be reached: typed text stays in its box and is saved once the connection is
        back (flush); a choice (verdict, kind) shows the stored value again, to be made again then."""
        self.session.connection_lost()
        if "text" in values:
            self.text_edit.mark_unsaved(self.claim.text)
        if "rationale" in values:
            self.rationale.mark_unsaved(self.claim.rationale)
        self.kind.setCurrentIndex(self.kind.findData(str(self.claim.kind)))
        self.verdict.setCurrentIndex(self.verdict.findData(self.claim.verdict))

    def _resolve_conflict(self, conflict: EditConflict, values: dict, text: str) -> None:
        """Someone else changed this claim since it was shown: reload theirs, or apply ours over it."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Changed by someone else", str(conflict),
                          parent=self.window())
        mine = box.addButton("Apply Mine", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Reload Theirs", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        current = claim_service.get_claim(self.session.db, self.claim.id)
        self.claim = current
        if box.clickedButton() is mine:
            self._update(values, text, expected_version=current.version)
        else:
            self._fill_claim(force=True)

    # --- evidence ------------------------------------------------------------
    def _fill_evidence(self) -> None:
        self.evidence = evidence_service.evidence_for_claim(self.session.db, self.claim.id)
        self.evidence_cards.set_cards([
            EvidenceCard(ev, lambda e: open_link(e.source.url), self.edit_evidence, self.remove_evidence)
            for ev in self.evidence])
        self.evidence_hint.setVisible(not self.evidence)

    def add_evidence(self, url: str = "") -> None:
        if self.claim is None:
            return
        from workbench.ui.evidence_dialog import EvidenceDialog

        claim_id = self.claim.id
        dialog = EvidenceDialog(self.session, self.window(), url=url, claim_text=self.claim.text,
                                submit=self._submitter(lambda value: cmd.AddEvidenceCommand(self.session, claim_id,
                                                                                            value)))
        dialog.exec()

    def edit_evidence(self, evidence: Evidence) -> None:
        from workbench.ui.evidence_dialog import EvidenceDialog

        dialog = EvidenceDialog(self.session, self.window(), evidence=evidence, claim_text=self.claim.text,
                                submit=self._submitter(lambda value: cmd.EditEvidenceCommand(self.session, evidence,
                                                                                             value)))
        dialog.exec()

    def _submitter(self, make_command):
        """For the evidence dialog: save what it holds; a refusal (bad date, a duplicate…) comes back as the
        message to show, and the dialog stays open with everything typed."""
        def submit(value) -> str | None:
            refused: list[BaseException] = []
            if self.session.execute(make_command(value), on_error=refused.append):
                return None
            return str(refused[0]) if refused else ""
        return submit

    def remove_evidence(self, evidence: Evidence) -> None:
        self.session.execute(cmd.RemoveEvidenceCommand(self.session, evidence.id))

    # --- archive -------------------------------------------------------------
    def _archive_pending(self, claim: Claim) -> None:
        # Shown only once matches arrive: no flicker for workspaces without an archive.
        self.archive_cards.set_cards([])
        self.archive_box.hide()
        if self.archive is not None and self.archive.available:
            self.archive.lookup(claim)

    def recheck_archive(self) -> None:
        """The window regained focus: the archive may have been imported into from a terminal meanwhile."""
        if self.archive is not None and self.session is not None:
            self.archive.recheck(self.claim)

    def _archive_found(self, claim_id: int, matches) -> None:
        if self.claim is None or claim_id != self.claim.id:
            return
        if matches is None:  # no archive service, or an empty archive: nothing to show
            self.archive_box.hide()
            return
        self.archive_cards.set_cards([ArchiveCard(m, open_link) for m in matches])
        self.archive_hint.setVisible(not matches)
        self.archive_box.show()

    # --- overlaps ------------------------------------------------------------
    def _fill_overlaps(self) -> None:
        db = self.session.db
        pairs = overlap_service.overlaps_for_claim(db, self.claim.id)
        group = overlap_service.group_for_claim(db, self.claim.id)
        cards = []
        in_group: set[int] = set()
        if group is not None:  # a fact stated 3+ times: one card for the group, not a card per pair
            in_group = {ov.id for ov in group.overlaps}
            others = [claim_service.get_claim(db, i) for i in group.claim_ids if i != self.claim.id]
            cards.append(OverlapGroupCard(group, others, self.goToClaim.emit, self.set_group_state))
        cards += [OverlapCard(ov, other, self.goToClaim.emit, self.set_overlap_state)
                  for ov, other in pairs if ov.id not in in_group]
        self.overlap_cards.set_cards(cards)
        self.overlap_hint.setVisible(not cards)

    def set_overlap_state(self, overlap_id: int, state: OverlapState) -> None:
        self.session.execute(cmd.OverlapStateCommand(self.session, overlap_id, state))

    def set_group_state(self, overlap_ids: tuple[int, ...], state: OverlapState) -> None:
        self.session.execute(cmd.OverlapGroupStateCommand(self.session, overlap_ids, state))

    # --- links dropped on the panel -----------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self.claim is not None and link_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self.claim is not None and link_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        url = link_from_mime(event.mimeData())
        if url and self.claim is not None:
            event.acceptProposedAction()
            self.add_evidence(url)
