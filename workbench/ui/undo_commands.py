"""QUndoStack commands. Each calls services; undo calls the service that reverses it.

Session.execute() calls first() before pushing, so a failing action never lands on the stack;
QUndoStack then calls redo() on push, which we skip once.
"""

from PySide6.QtGui import QUndoCommand

from workbench.domain import Evidence, OverlapState
from workbench.services import articles as article_service
from workbench.services import claims as claim_service
from workbench.services import evidence as evidence_service
from workbench.services import overlaps as overlap_service
from workbench.services import settings as settings_service
from workbench.services.changes import Changes
from workbench.services.evidence import EvidenceInput


class ServiceCommand(QUndoCommand):
    def __init__(self, session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._skip_redo = False

    @property
    def db(self):
        return self.session.db

    def first(self) -> Changes:
        changes = self.do()
        self._skip_redo = True
        return changes

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guard(self.do, "Redone")

    def undo(self) -> None:
        self._guard(self.undo_action, "Undone")

    def _guard(self, action, verb: str) -> None:
        # The stack is executing this command: a command asked for meanwhile (e.g. by a refresh) waits until after.
        with self.session.guarded(in_stack=True):
            try:
                self.session.notify(action(), reveal=True)  # the window shows the article and claim undone
            except Exception as exc:  # noqa: BLE001 - e.g. the workspace changed underneath; tell the person
                self.session.failed.emit(exc)
            else:
                self.session.message.emit(f"{verb}: {self.text()} — saved")

    def do(self) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_action(self) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError


class UpdateClaimCommand(ServiceCommand):
    """Verdict, rationale, text, attribution or kind: undo writes the old values back."""

    def __init__(self, session, claim_id: int, values: dict, text: str, expected_version: int | None = None) -> None:
        super().__init__(session, text)
        self.claim_id = claim_id
        self.values = dict(values)
        self.old: dict = {}
        # The claim's version the edit started from: when someone else (another window, another person on a
        # team workspace) changed it since, nothing is written and EditConflict says who and when. Undo and
        # redo check the version this command left, so they never overwrite a later change of someone else.
        self.expected = expected_version

    def do(self) -> Changes:
        if not self.old:
            before = claim_service.get_claim(self.db, self.claim_id)
            self.old = {k: getattr(before, k) for k in self.values}
        if "verdict" in self.values:
            rest = {k: v for k, v in self.values.items() if k not in ("verdict", "rationale")}
            changes = claim_service.set_verdict(self.db, self.claim_id, self.values["verdict"],
                                                self.values.get("rationale"), expected_version=self.expected)
            if rest:
                changes = claim_service.update_claim(self.db, self.claim_id, **rest)
        else:
            changes = claim_service.update_claim(self.db, self.claim_id, expected_version=self.expected,
                                                 **self.values)
        self._left_version()
        return changes

    def undo_action(self) -> Changes:
        changes = claim_service.update_claim(self.db, self.claim_id, expected_version=self.expected, **self.old)
        self._left_version()
        return changes

    def _left_version(self) -> None:
        if self.expected is not None:
            self.expected = claim_service.get_claim(self.db, self.claim_id).version


class StructuralCommand(ServiceCommand):
    """Add, split, merge, delete: keep the returned Changes; undo and redo both revert the last one."""

    def __init__(self, session, text: str, action) -> None:
        super().__init__(session, text)
        self.action = action  # db -> Changes
        self.changes: Changes | None = None

    def do(self) -> Changes:
        if self.changes is None:
            self.changes = self.action(self.db)
        else:
            self.changes = claim_service.revert(self.db, self.changes)
        return self.changes

    def undo_action(self) -> Changes:
        self.changes = claim_service.revert(self.db, self.changes)
        return self.changes


class AddEvidenceCommand(ServiceCommand):
    def __init__(self, session, claim_id: int, data: EvidenceInput) -> None:
        super().__init__(session, "Add Evidence")
        self.claim_id = claim_id
        self.data = data
        self.evidence: Evidence | None = None

    def do(self) -> Changes:
        if self.evidence is None:
            self.evidence, changes = evidence_service.add_evidence(self.db, self.claim_id, self.data)
            return changes
        return evidence_service.restore_evidence(self.db, self.evidence)

    def undo_action(self) -> Changes:
        return evidence_service.remove_evidence(self.db, self.evidence.id)[1]


class EditEvidenceCommand(ServiceCommand):
    def __init__(self, session, before: Evidence, data: EvidenceInput) -> None:
        super().__init__(session, "Edit Evidence")
        self.current_id = before.id
        self.old = input_of(before)
        self.new = data

    def do(self) -> Changes:
        after, changes = evidence_service.update_evidence(self.db, self.current_id, self.new)
        self.current_id = after.id  # a new URL means a new link with a new id
        return changes

    def undo_action(self) -> Changes:
        after, changes = evidence_service.update_evidence(self.db, self.current_id, self.old)
        self.current_id = after.id
        return changes


class RemoveEvidenceCommand(ServiceCommand):
    def __init__(self, session, evidence_id: int) -> None:
        super().__init__(session, "Remove Evidence")
        self.evidence_id = evidence_id
        self.removed: Evidence | None = None

    def do(self) -> Changes:
        self.removed, changes = evidence_service.remove_evidence(self.db, self.evidence_id)
        return changes

    def undo_action(self) -> Changes:
        return evidence_service.restore_evidence(self.db, self.removed)


class OverlapStateCommand(ServiceCommand):
    """Confirm or dismiss an overlap flag; undo also takes back the evidence that confirming shared."""

    def __init__(self, session, overlap_id: int, state: OverlapState) -> None:
        super().__init__(session, "Confirm Overlap" if state == OverlapState.CONFIRMED else "Dismiss Overlap")
        self.overlap_id = overlap_id
        self.state = state
        self.previous: OverlapState | None = None
        self.done = Changes()

    def do(self) -> Changes:
        reuse = tuple(self.done.extra.get("shared_evidence", ()))  # a redo recreates the same copies
        previous, self.done = overlap_service.set_overlap_state(self.db, self.overlap_id, self.state, reuse)
        if self.previous is None:
            self.previous = previous
        return self.done

    def undo_action(self) -> Changes:
        return overlap_service.undo_overlap_state(self.db, self.overlap_id, self.previous, self.done)


class OverlapGroupStateCommand(ServiceCommand):
    """Confirm or dismiss every flag of a group (one fact stated several times) as one step."""

    def __init__(self, session, overlap_ids: tuple[int, ...], state: OverlapState) -> None:
        super().__init__(session, "Confirm Group" if state == OverlapState.CONFIRMED else "Dismiss Group")
        self.overlap_ids = overlap_ids
        self.state = state
        self.previous: dict | None = None
        self.done = Changes()

    def do(self) -> Changes:
        reuse = tuple(self.done.extra.get("shared_evidence", ()))
        previous, self.done = overlap_service.set_group_state(self.db, self.overlap_ids, self.state, reuse)
        if self.previous is None:
            self.previous = previous
        return self.done

    def undo_action(self) -> Changes:
        return overlap_service.undo_group_state(self.db, self.previous, self.done)


class RenameArticleCommand(ServiceCommand):
    def __init__(self, session, article_id: int, title: str) -> None:
        super().__init__(session, "Rename Article")
        self.article_id = article_id
        self.title = title
        self.old: str | None = None

    def do(self) -> Changes:
        if self.old is None:
            self.old = article_service.get_article(self.db, self.article_id).title
        return article_service.rename_article(self.db, self.article_id, self.title)

    def undo_action(self) -> Changes:
        return article_service.rename_article(self.db, self.article_id, self.old)


class DeleteArticleCommand(ServiceCommand):
    """Undo restores the article with its claims, evidence and overlaps (same ids, so the commands below it on
    the stack still find their claims); redo deletes it again."""

    def __init__(self, session, article_id: int) -> None:
        super().__init__(session, "Delete Article")  # no title here: "&" in a menu text is a mnemonic
        self.article_id = article_id
        self.deleted = None  # services.articles.DeletedArticle

    def do(self) -> Changes:
        self.deleted, changes = article_service.delete_article(self.db, self.article_id)
        return changes

    def undo_action(self) -> Changes:
        return article_service.restore_article(self.db, self.deleted)


class SettingsCommand(ServiceCommand):
    """Workspace Settings: the organisation and/or the verdict scale, each call one transaction
    (services.settings.update_settings); undo writes the old values back in one. None: not touched."""

    def __init__(self, session, organisation: str | None = None, scale=None, review_base_url: str | None = None) -> None:
        db = session.db
        organisation_changed = organisation is not None and organisation.strip() != settings_service.organisation(db)
        scale_changed = scale is not None and scale != settings_service.verdict_scale(db)
        url_changed = review_base_url is not None and review_base_url.strip() != settings_service.review_base_url(db)
        changed = organisation_changed + scale_changed + url_changed
        text = ("Change Workspace Settings" if changed > 1 else "Change Verdict Scale" if scale_changed
                else "Change Publication Address" if url_changed else "Change Organisation")
        super().__init__(session, text)
        self.new = (organisation, scale, review_base_url)
        self.old: tuple | None = None

    def do(self) -> Changes:
        organisation, scale, url = self.new
        if self.old is None:
            self.old = (settings_service.organisation(self.db) if organisation is not None else None,
                        settings_service.verdict_scale(self.db) if scale is not None else None,
                        settings_service.review_base_url(self.db) if url is not None else None)
        return settings_service.update_settings(self.db, organisation, scale, url)

    def undo_action(self) -> Changes:
        return settings_service.update_settings(self.db, *self.old)


def input_of(evidence: Evidence) -> EvidenceInput:
    s = evidence.source
    return EvidenceInput(url=s.url, title=s.title, publisher=s.publisher, published=s.published,
                         quote=evidence.quote, stance=evidence.stance, note=evidence.note)
