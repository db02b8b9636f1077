"""Cards for the side panel: one per evidence link, overlap or archive match, with its own buttons.

Cards size to their text (word-wrapped labels), so the panel reads top to bottom without inner scrolling.
All user text goes through plain-text labels.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbench.domain import ArchiveMatch, Claim, Evidence, Overlap, OverlapKind, OverlapState, Stance
from workbench.domain.urls import display_url
from workbench.ui.claims_model import plain_tooltip

STANCE_LABEL = {Stance.SUPPORTS: "Supports", Stance.REFUTES: "Refutes", Stance.CONTEXT: "Context"}
STANCE_COLOUR = {Stance.SUPPORTS: "#2e7d32", Stance.REFUTES: "#c62828", Stance.CONTEXT: "#78909c"}


def _label(text: str, *, bold: bool = False, muted: bool = False, italic: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    font.setItalic(italic)
    label.setFont(font)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _small_button(text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.clicked.connect(lambda _c=False: slot())
    return button


class Card(QFrame):
    def __init__(self, stripe: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        if stripe:
            self.setStyleSheet(f"QFrame#card {{ border: 1px solid palette(midlight); border-left: 3px solid {stripe};"
                               " border-radius: 4px; background: palette(base); }")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(10, 8, 8, 4)
        self.body.setSpacing(2)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(0)
        self.buttons.addStretch(1)

    def finish(self) -> None:
        self.body.addLayout(self.buttons)


class EvidenceCard(Card):
    def __init__(self, evidence: Evidence, on_open, on_edit, on_remove) -> None:
        super().__init__(STANCE_COLOUR[evidence.stance])
        self.evidence = evidence
        s = evidence.source
        shown_url = display_url(s.url)  # a host mixing scripts (a Cyrillic а in "example") shows as punycode
        self.body.addWidget(_label(s.title or shown_url, bold=True))
        details = " · ".join(p for p in (STANCE_LABEL[evidence.stance], s.publisher, s.published) if p)
        self.body.addWidget(_label(details, muted=True))
        if evidence.quote:
            self.body.addWidget(_label(f"“{evidence.quote}”", italic=True))
        if evidence.note:
            self.body.addWidget(_label(evidence.note, muted=True))
        self.setToolTip(plain_tooltip(shown_url))
        open_tip = plain_tooltip(f"Open {shown_url} in your browser")  # a link is user text: never rich text
        self.buttons.addWidget(_small_button("Open ↗", open_tip, lambda: on_open(evidence)))
        self.buttons.addWidget(_small_button("Edit…", "Edit this evidence", lambda: on_edit(evidence)))
        self.buttons.addWidget(_small_button("Remove", "Unlink this evidence (undo with Ctrl+Z)",
                                             lambda: on_remove(evidence)))
        self.finish()


OVERLAP_KIND_LABEL = {OverlapKind.DUPLICATE: "Duplicate", OverlapKind.INCONSISTENCY: "Inconsistency",
                      OverlapKind.OVERSTATES: "Headline overstates the body"}
_CONFIRM_TIP = {OverlapKind.DUPLICATE: "Same fact: confirmed duplicates share their evidence",
                OverlapKind.INCONSISTENCY: "The same event told with different figures",
                OverlapKind.OVERSTATES: "The headline states as done what the body hedges"}


class OverlapCard(Card):
    def __init__(self, overlap: Overlap, other: Claim, on_go, on_state) -> None:
        flagged = "#c62828" if overlap.kind == OverlapKind.OVERSTATES else "#ef6c00"
        colour = {OverlapState.CONFIRMED: "#2e7d32", OverlapState.DISMISSED: "#9aa0a6"}.get(overlap.state, flagged)
        super().__init__(colour)
        self.overlap, self.other = overlap, other
        state = {OverlapState.CONFIRMED: " · confirmed", OverlapState.DISMISSED: " · dismissed"}.get(overlap.state, "")
        kind = OVERLAP_KIND_LABEL.get(overlap.kind, str(overlap.kind).capitalize())
        self.body.addWidget(_label(f"{kind} · score {round(overlap.score)}{state}", muted=True))
        self.body.addWidget(_label(other.text))
        self.body.addWidget(_label(overlap.reason, muted=True))
        self.buttons.addWidget(_small_button("Go to", "Select the other claim", lambda: on_go(other.id)))
        if overlap.state != OverlapState.CONFIRMED:
            self.buttons.addWidget(_small_button(
                "Confirm", _CONFIRM_TIP.get(overlap.kind, "Confirm this flag"),
                lambda: on_state(overlap.id, OverlapState.CONFIRMED)))
        if overlap.state != OverlapState.DISMISSED:
            self.buttons.addWidget(_small_button("Dismiss", "Not the same claim",
                                                 lambda: on_state(overlap.id, OverlapState.DISMISSED)))
        self.finish()


class OverlapGroupCard(Card):
    """One fact stated several times: the other claims of the group, reviewed together."""

    def __init__(self, group, others: list[Claim], on_go, on_group_state) -> None:
        confirmed = group.state == OverlapState.CONFIRMED
        super().__init__("#2e7d32" if confirmed else "#ef6c00")
        self.group, self.others = group, others
        state = " · confirmed" if confirmed else ""
        best = max(ov.score for ov in group.overlaps)
        self.body.addWidget(_label(f"Same fact, stated {len(group.claim_ids)} times · best score {round(best)}{state}",
                                   muted=True))
        for other in others:
            row = QHBoxLayout()
            row.setSpacing(4)
            row.addWidget(_label(f"• {other.text}"), 1)
            row.addWidget(_small_button("Go to", "Select this claim", lambda o=other: on_go(o.id)),
                          0, Qt.AlignmentFlag.AlignTop)
            self.body.addLayout(row)
        ids = tuple(ov.id for ov in group.overlaps)
        if not confirmed:
            self.buttons.addWidget(_small_button(
                "Confirm all", "All the same fact: the claims share their evidence (one undo step)",
                lambda: on_group_state(ids, OverlapState.CONFIRMED)))
        self.buttons.addWidget(_small_button("Dismiss all", "Not one fact: dismiss every flag of the group",
                                             lambda: on_group_state(ids, OverlapState.DISMISSED)))
        self.finish()


class ArchiveCard(Card):
    def __init__(self, match: ArchiveMatch, on_open) -> None:
        super().__init__("#6a1b9a")
        a = match.claim
        rating = f" · rated “{a.rating}”" if a.rating else ""
        self.body.addWidget(_label(f"Similarity {round(match.score)}{rating}", muted=True))
        self.body.addWidget(_label(a.text))
        if a.title:
            self.body.addWidget(_label(a.title, muted=True))
        if a.url:
            self.buttons.addWidget(_small_button("Open ↗", plain_tooltip(display_url(a.url)), lambda: on_open(a.url)))
        self.finish()


class CardList(QWidget):
    """A vertical stack of cards that is rebuilt on each fill."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.cards: list[Card] = []

    def set_cards(self, cards: list[Card]) -> None:
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = list(cards)
        for card in self.cards:
            self.layout_.addWidget(card)
        self.setVisible(bool(self.cards))
