"""The main window: library | article over claims table | side panel. Wires selection and changes."""

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter

from workbench.domain import NotFound, WorkbenchError
from workbench.ui.actions import build_menus, fill_verdict_menu
from workbench.ui.article_view import ArticlePane
from workbench.ui.claims_table import ClaimsTable
from workbench.ui.connection_banner import ConnectionBanner, with_banner
from workbench.ui.dropping import files_from_mime, link_from_mime
from workbench.ui.importing import Importer, ImportProgress
from workbench.ui.lazy import article_service, claim_service, cmd
from workbench.ui.library import LibraryPanel
from workbench.ui.place import last_place, remember_place
from workbench.ui.side_panel import SidePanel

ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
WORKSPACE_FILTER = "Fact Workbench workspaces (*.factwb *.db *.sqlite);;All files (*)"
MAX_RECENT = 8


def show_error(parent, exc: BaseException) -> None:
    """workbench.ui.errors.show_error; that module (and the QMessageBox it builds on) loads on first use,
    not at start-up."""
    from workbench.ui import errors

    errors.show_error(parent, exc)


class MainWindow(QMainWindow):
    """Built bound to a session (run_app opens the workspace first and shows the window once), or empty and
    bound later with bind(session), as when another workspace is opened."""

    def __init__(self, session=None, restore_layout: bool = True) -> None:
        super().__init__()
        self.session = None  # a workbench.ui.session.Session once bound
        self.article_id: int | None = None
        self.undo_group = QUndoGroup(self)
        self.verdict_actions: list = []
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self.setMinimumSize(1000, 640)

        self.library = LibraryPanel()
        self.pane = ArticlePane()
        self.table = ClaimsTable()
        self.side = SidePanel()
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.addWidget(self.pane)
        centre.addWidget(self.table)
        centre.setStretchFactor(0, 3)
        centre.setStretchFactor(1, 2)
        centre.setSizes([520, 330])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.library, centre, self.side):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 860, 350])
        self.splitter.setChildrenCollapsible(False)
        self.banner = ConnectionBanner()  # shown while a team workspace's server cannot be reached
        self.setCentralWidget(with_banner(self.banner, self.splitter))
        self._centre = centre
        if restore_layout:  # not for --screenshot, which must look the same everywhere
            self._restore_layout()

        self.progress = ImportProgress()
        self.statusBar().addPermanentWidget(self.progress)
        hint = QLabel("J / K next and previous claim  ·  Ctrl+digit verdict  ·  Ctrl+F search  ·  "
                      "Ctrl+Shift+V paste a link as evidence")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        hint.setContentsMargins(8, 0, 0, 0)
        self.statusBar().addWidget(hint)
        build_menus(self)
        for key in ("delete",):
            self.table.view.addAction(self.actions[key])
            self.pane.text.addAction(self.actions[key])
        self.pane.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.pane.text.customContextMenuRequested.connect(self._article_menu)

        self.library.articleChosen.connect(self.show_article)
        self.library.view.renameRequested.connect(self.actions["rename_article"].trigger)
        self.library.view.deleteRequested.connect(self.actions["delete_article"].trigger)
        self.library.view.customContextMenuRequested.connect(self._library_menu)
        self.table.currentClaimChanged.connect(self._claim_from_table)
        self.table.selectionChanged.connect(self._enable)
        self.table.view.linkDropped.connect(self._link_on_claim)
        self.pane.text.claimClicked.connect(self.select_claim)
        self.pane.text.linkDropped.connect(self._link_on_claim)
        self.pane.text.selectionChanged.connect(self._enable)
        self.side.goToClaim.connect(self.select_claim)
        self.importer = None
        if session is not None:
            self.bind(session)

    # --- workspace -----------------------------------------------------------
    def bind(self, session) -> None:
        if self.session is not None:
            self._unbind()
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self.apply_changes)
        session.revealed.connect(self.reveal)
        session.failed.connect(lambda exc: show_error(self, exc))
        session.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        session.connection.connect(lambda online: self.banner.show_connection(online, session.label))
        self.importer = Importer(session, self.progress, self)
        self.importer.imported.connect(self._imported)
        self.importer.failed.connect(lambda exc: show_error(self, exc))
        self.importer.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.table.set_scale(session.scale)
        self.side.set_session(session)
        fill_verdict_menu(self, session.scale)
        self.setWindowTitle(f"{session.label} — Fact Workbench")
        if not session.team:  # a team URL is no file, and the recent list never stores one
            self.setWindowFilePath(str(session.path))
            remember_workspace(session.path)
        self._fill_recent()
        self.article_id = None
        articles = article_service.list_articles(session.db)
        self.library.set_articles(articles)
        article_id, claim_id = last_place(session.path)
        known = {a.id for a in articles}
        self.show_article(article_id if article_id in known else (articles[0].id if articles else None))
        if claim_id is not None and article_id == self.article_id:
            self.select_claim(claim_id)

    def _unbind(self) -> None:
        """Close the open workspace so that nothing of it (a late import result, archive matches, a change
        signal) reaches the window once the next one is bound."""
        old = self.session
        self.banner.show_connection(True, "")
        self.side.flush()  # what was typed goes to the workspace it was typed for
        self.side.claim = None
        if self.importer is not None:
            self.importer.close()
            self.importer = None
        self.undo_group.removeStack(old.undo_stack)
        old.close()
        old.deleteLater()
        self.session = None

    def open_workspace(self, path: Path) -> bool:
        from workbench.services.workspace import open_workspace
        from workbench.ui.session import Session

        try:
            db = open_workspace(path, seed=False)
        except WorkbenchError as exc:
            show_error(self, exc)
            return False
        self.bind(Session(db, path, self))
        return True

    def new_workspace(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, "New Workspace", str(Path.home() / "fact-checks.factwb"),
                                              WORKSPACE_FILTER)
        if not name:
            return
        path = Path(name)
        if self.session is not None and not self.session.team and path.resolve() == self.session.path.resolve():
            show_error(self, WorkbenchError(f"{path.name} is the workspace that is open; choose another name."))
            return
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if stale.exists():
                stale.unlink()  # the dialog already asked whether to replace the file
        self.open_workspace(path)

    def choose_workspace(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = Path.home() if self.session.team else self.session.path.parent
        name, _ = QFileDialog.getOpenFileName(self, "Open Workspace", str(folder), WORKSPACE_FILTER)
        if name:
            self.open_workspace(Path(name))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_workspaces():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_workspace(p))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    # --- article and claims --------------------------------------------------
    def show_article(self, article_id: int | None) -> None:
        self.side.flush()  # before the table is emptied under the claim being typed in, not from inside that reset
        db = self.session.db
        try:
            article = article_service.get_article(db, article_id) if article_id is not None else None
        except NotFound:
            article = None
        self.article_id = article.id if article else None
        if article is not None:
            # First: emptying the side panel may move the focus to the library list, and a list without a current
            # row then makes its first row current, which would open that article instead of this one.
            self.library.select(article.id, notify=False)
        claims = claim_service.list_claims(db, article.id) if article else []
        self.table.model.set_claims(claims)
        self.pane.show_article(article, claims, self.session.scale)
        self.side.show_claim(None)
        self._enable()
        if article is not None:
            remember_place(self.session.path, article.id, None)

    def select_claim(self, claim_id: int | None) -> None:
        """From a click in the article or the side panel: the table follows (and notifies)."""
        if claim_id is not None and self.table.select_claim(claim_id):
            return
        if claim_id is not None and self.table.model.row_of(claim_id) is None:
            try:  # an overlap with a claim of another article: open that article first
                other = claim_service.get_claim(self.session.db, claim_id)
            except NotFound:
                return
            if other.article_id != self.article_id:
                self.show_article(other.article_id)
                if self.table.select_claim(claim_id):
                    return
        self._claim_from_table(claim_id)  # hidden by a filter: show it anyway

    def _claim_from_table(self, claim_id: int | None) -> None:
        self.pane.text.select_claim(claim_id)
        self.side.show_claim(claim_id)
        self._enable()
        if self.session is not None and self.article_id is not None:
            remember_place(self.session.path, self.article_id, self.current_claim_id())

    def current_claim_id(self) -> int | None:
        return self.side.claim.id if self.side.claim else None

    def apply_changes(self, changes) -> None:
        """Refresh only what a change touched; rebuild lists after structural edits."""
        if changes.settings and self._follow_scale():
            return
        if changes.extra.get(article_service.LIBRARY):
            self._library_changed(changes)
            return
        if self.article_id is None:
            return
        db = self.session.db
        if changes.structural or (changes.article_ids and not changes.claim_ids and not changes.evidence):
            current = self.current_claim_id()
            row = self.table.current_row()
            claims = claim_service.list_claims(db, self.article_id)
            self.table.model.set_claims(claims)
            self.pane.text.set_claims(claims, self.session.scale)
            self.pane.set_count(len(claims))
            self.library.set_articles(article_service.list_articles(db), self.article_id)
            alive = {c.id for c in claims}
            target = next((i for i in changes.added_claims if i in alive), current if current in alive else None)
            if target is None and current is not None and row is not None:
                target = self.table.claim_at_row(row)  # deleted: the next one takes its place, as in a list
            self.select_claim(target)
        else:
            ids = set(changes.claim_ids)
            updated = []
            for claim_id in ids:
                try:
                    updated.append(claim_service.get_claim(db, claim_id))
                except NotFound:
                    pass
            if changes.overlaps:  # a re-checked claim text: its old and new partners' flags changed too
                updated = claim_service.list_claims(db, self.article_id)
            self.table.model.update_claims([c for c in updated if c.article_id == self.article_id])
            if updated:
                self.pane.text.set_claims(self.table.model.claims(), self.session.scale)
            self.side.refresh(changes)
        self._enable()

    def undo(self) -> None:
        """Edit ▸ Undo: text still being typed is saved first (one more step on the stack, undone first), never
        from inside the undo, where it would land on the stack while the stack is moving. Text saved during the
        last refresh (queued by the session, see Session.execute) is saved before it as well."""
        self.side.flush()
        self.session.run_pending()
        self.undo_group.undo()
        self.session.run_pending()  # what a refresh inside the undo saved: now the stack is done

    def redo(self) -> None:
        self.side.flush()  # a new step drops the redo history, as any edit does
        self.session.run_pending()
        self.undo_group.redo()
        self.session.run_pending()

    def _follow_scale(self) -> bool:
        """After a settings change, its undo or redo: when the verdict scale changed, every view that shows
        verdicts follows it (table colours and labels, the verdict filter, the article's highlights, the side
        panel's combo, the Verdict menu and its Ctrl+digit shortcuts). False when the scale is the same."""
        from workbench.services.settings import verdict_scale

        scale = verdict_scale(self.session.db)
        if scale == self.session.scale:
            return False
        self.session.scale = scale
        current = self.current_claim_id()
        shown = self.table.verdict_filter.currentData()
        self.table.set_scale(scale)  # clears the verdict filter: set again below if that verdict is still there
        fill_verdict_menu(self, scale)
        self.side.follow_scale()
        if self.article_id is not None:
            claims = claim_service.list_claims(self.session.db, self.article_id)
            self.table.model.set_claims(claims)
            self.pane.text.set_claims(claims, scale)
        if shown is not None and (index := self.table.verdict_filter.findData(shown)) > 0:
            self.table.verdict_filter.setCurrentIndex(index)
        self.select_claim(current)
        self._enable()
        return True

    def _library_changed(self, changes) -> None:
        """An article renamed, deleted or back: the list follows; a deleted article gives way to its neighbour."""
        db = self.session.db
        articles = article_service.list_articles(db)
        ids = [a.id for a in articles]
        if self.article_id in ids:
            self.library.set_articles(articles, self.article_id)
            if self.article_id in changes.article_ids:
                self.pane.show_article(article_service.get_article(db, self.article_id), self.table.model.claims(),
                                       self.session.scale)
                self.pane.text.select_claim(self.current_claim_id())
        else:
            old = self.library.model.ids()
            place = old.index(self.article_id) if self.article_id in old else 0
            following = [i for i in old[place:] + old[:place][::-1] if i in ids]
            target = following[0] if following else (ids[0] if ids else None)
            self.library.set_articles(articles, target)
            self.show_article(target)
        self._enable()

    def reveal(self, changes) -> None:
        """After an undo or redo: bring the article (and the claim) it changed into view."""
        from workbench.ui.reveal import article_to_reveal, claim_to_reveal  # not needed at start-up

        claim = claim_to_reveal(self.session.db, changes, self.article_id, self.current_claim_id())
        article_id = claim.article_id if claim is not None else article_to_reveal(
            changes, self.article_id, set(self.library.model.ids()))
        if article_id is not None and article_id != self.article_id:
            self.show_article(article_id)
        if claim is not None and claim.id != self.current_claim_id():
            self.select_claim(claim.id)

    # --- articles in the library ---------------------------------------------
    def _library_menu(self, point) -> None:
        menu = self.library_menu(point)
        menu.exec(self.library.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def library_menu(self, point):
        """The library's context menu; it acts on the article it was opened on, which becomes the one shown."""
        from PySide6.QtWidgets import QMenu

        article_id = self.library.article_at(point)
        if article_id is not None and article_id != self.article_id:
            self.library.select(article_id)
        menu = QMenu(self)
        menu.addActions([self.actions["rename_article"], self.actions["delete_article"]])
        menu.addSeparator()
        menu.addActions([self.actions["import"], self.actions["paste_article"]])
        return menu

    def rename_article(self) -> None:
        from workbench.ui.library_actions import ask_title

        summary = self.library.model.summary(self.article_id)
        if summary is None:
            return
        title = ask_title(self, summary.title)
        if title is not None:
            self.session.execute(cmd.RenameArticleCommand(self.session, summary.id, title))

    def delete_article(self) -> None:
        from workbench.ui.library_actions import confirm_delete

        if self.article_id is None:
            return
        self.side.flush()  # text still being typed is saved first, so undo brings it back too
        # Counted now, not from the list: a background import may have added overlaps, never claims, but be exact.
        summary = next(a for a in article_service.list_articles(self.session.db) if a.id == self.article_id)
        if confirm_delete(self, summary):
            self.session.execute(cmd.DeleteArticleCommand(self.session, summary.id))

    # --- claim editing -------------------------------------------------------
    def add_claim(self) -> None:
        span = self.pane.text.selection_span()
        self.side.flush()  # text still being typed is saved before the claim changes shape
        if span is None or self.article_id is None:
            show_error(self, WorkbenchError("Select some words of the article first, then add them as a claim."))
            return
        article_id = self.article_id
        command = cmd.StructuralCommand(self.session, "Add Claim", lambda db: claim_service.add_claim(
            db, article_id, *span, check_overlaps=True))
        if self.session.execute(command) and command.changes is not None and command.changes.added_claims:
            self._complete_claim(command.changes.added_claims[0])

    def _complete_claim(self, claim_id: int) -> None:
        """A hand-added claim gets the speaker, kind and check-worthiness the engine gives its words, read in the
        background (the language model may still have to load) and filled in when ready."""
        from workbench.ui.workers import call_worker

        session = self.session
        try:
            claim = claim_service.get_claim(session.db, claim_id)
            text = article_service.get_article(session.db, claim.article_id).text
        except NotFound:
            return
        self.statusBar().showMessage("Reading the claim's sentence for its speaker and kind…", 4000)
        worker = call_worker(lambda: claim_service.describe_selection(text, claim.start, claim.end))
        worker.signals.result.connect(lambda profile: self._completed(session, claim_id, profile))
        session.runner.start_io(worker)

    def _completed(self, session, claim_id: int, profile) -> None:
        if session is not self.session:
            return  # another workspace was opened meanwhile
        try:
            changes = claim_service.complete_claim(session.db, claim_id, profile)
        except (NotFound, WorkbenchError):
            return  # the add was undone, or the claim deleted, meanwhile
        session.notify(changes)

    def edit_claim(self) -> None:
        if self.side.claim is not None:
            self.side.text_edit.setFocus()
            self.side.text_edit.selectAll()

    def edit_rationale(self) -> None:
        if self.side.claim is not None:
            self.side.rationale.setFocus()

    def split_claim(self) -> None:
        """At the caret the person sees: in the side panel's claim text when that box has focus (mapped to the
        article's words), else in the article."""
        in_box = self.side.claim is not None and self.side.text_has_focus()
        position = self.side.text_edit.textCursor().position() if in_box else None
        offset = self.pane.text.cursor_offset()
        self.side.flush()  # text still being typed is saved before the claim changes shape
        claim = self.side.claim
        if in_box and claim is not None:
            offset = claim_service.offset_in_article(self.session.db, claim.id, position)
        elif claim is None or not claim.start < offset < claim.end:
            claim = self.pane.text.claim_at_offset(offset)
        if claim is None:
            show_error(self, WorkbenchError("Click inside a claim's words in the article where it should be split."))
            return
        claim_id = claim.id
        self.session.execute(cmd.StructuralCommand(
            self.session, "Split Claim", lambda db: claim_service.split_claim(db, claim_id, offset)))

    def merge_claims(self) -> None:
        self.side.flush()  # text still being typed is saved before the claim changes shape
        ids = self.table.selected_claim_ids()
        if len(ids) < 2:
            show_error(self, WorkbenchError("Select two or more claims in the table (Ctrl+click), then merge."))
            return
        self.session.execute(cmd.StructuralCommand(
            self.session, "Merge Claims", lambda db: claim_service.merge_claims(db, ids)))

    def delete_claim(self) -> None:
        self.side.flush()  # text still being typed is saved before the claim changes shape
        claim_id = self.current_claim_id()
        if claim_id is None:
            return
        self.session.execute(cmd.StructuralCommand(
            self.session, "Delete Claim", lambda db: claim_service.delete_claim(db, claim_id)))

    def _article_menu(self, point) -> None:
        menu = self.pane.text.createStandardContextMenu()
        menu.addSeparator()
        for key in ("add_claim", "split", "delete", "add_evidence"):
            menu.addAction(self.actions[key])
        menu.exec(self.pane.text.viewport().mapToGlobal(point))

    def _enable(self) -> None:
        a = self.actions
        has_claim = self.side.claim is not None
        a["add_claim"].setEnabled(self.pane.text.textCursor().hasSelection())
        for key in ("edit_claim", "split", "delete", "add_evidence", "paste_link", "rationale"):
            a[key].setEnabled(has_claim)
        for action in self.verdict_actions:
            action.setEnabled(has_claim)
        a["merge"].setEnabled(len(self.table.view.selectionModel().selectedRows()) > 1)
        for key in ("print", "preview", "pdf", "html"):
            a[key].setEnabled(self.article_id is not None and printing_available())
        for key in ("rename_article", "delete_article"):
            a[key].setEnabled(self.article_id is not None)

    # --- import, links, search, report ---------------------------------------
    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(self, "Import Articles", str(Path.home()), ARTICLE_FILTER)
        if names:
            self.importer.import_files([Path(n) for n in names])

    def paste_article(self) -> None:
        from workbench.ui.paste_dialog import PasteArticleDialog

        dialog = PasteArticleDialog(self, QGuiApplication.clipboard().text())
        if dialog.exec():
            self.importer.import_text(dialog.body.toPlainText(), dialog.title.text())

    def _imported(self, result) -> None:
        note = "was already in the workspace" if result.duplicate else f"imported with {result.claims} claims"
        self.statusBar().showMessage(f"“{result.article.title}” {note}", 8000)
        self.library.set_articles(article_service.list_articles(self.session.db))
        self.show_article(result.article.id)
        self.table.step(1)  # the first claim, ready to check

    def paste_link(self) -> None:
        url = link_from_mime(QGuiApplication.clipboard().mimeData())
        if url is None:
            show_error(self, WorkbenchError("The clipboard holds no http or https link to add as evidence."))
            return
        self.side.add_evidence(url)

    def _link_on_claim(self, claim_id: int, url: str) -> None:
        self.select_claim(claim_id)
        self.side.add_evidence(url)

    def focus_search(self) -> None:
        self.table.search.setFocus()
        self.table.search.selectAll()

    def report(self, kind: str) -> None:
        try:
            from workbench.ui import printing
        except ImportError:
            show_error(self, WorkbenchError("Reports are not available in this build."))
            return
        action = {"print": printing.print_report, "preview": printing.preview_report,
                  "pdf": printing.export_pdf, "html": printing.export_html}[kind]
        try:
            result = action(self, self.session.path, self.article_id)
        except WorkbenchError as exc:
            show_error(self, exc)
            return
        if isinstance(result, Path):
            self.statusBar().showMessage(f"Saved the report to {result}", 8000)

    def edit_settings(self) -> None:
        from workbench.services import settings as settings_service
        from workbench.ui.settings_dialog import SettingsDialog

        self.side.flush()  # text still being typed is saved first
        db = self.session.db

        def submit(name: str, scale=None, review_base_url: str | None = None) -> str | None:
            """One command, one transaction, one undo step for everything the dialog saves."""
            refused: list[BaseException] = []
            if self.session.execute(cmd.SettingsCommand(self.session, name, scale, review_base_url),
                                    on_error=refused.append):
                return None
            return str(refused[0]) if refused else ""

        SettingsDialog(self, settings_service.organisation(db), submit, settings_service.verdict_scale(db),
                       settings_service.verdict_usage(db), settings_service.review_base_url(db)).exec()

    def show_shortcuts(self) -> None:
        from workbench.ui.help import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About Fact Workbench",
                          "Fact Workbench\n\nClaims, evidence, verdicts and verification reports in one workspace "
                          "file. Every change is saved as you make it.")

    # --- focus, window-level drops and closing -------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self.session is not None:
            self.side.recheck_archive()  # e.g. `workbench archive import` was run from a terminal meanwhile
        return super().event(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if files_from_mime(event.mimeData()) or link_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = files_from_mime(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.importer.import_files(files)
        elif (url := link_from_mime(event.mimeData())) and self.side.claim is not None:
            event.acceptProposedAction()
            self.side.add_evidence(url)

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter, key in ((self.splitter, "window/columns"), (self._centre, "window/rows")):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/columns", self.splitter.saveState())
        settings.setValue("window/rows", self._centre.saveState())
        if self.importer is not None and self.importer.busy:
            self.importer.cancel()
        if self.session is not None:
            self.side.flush()
            self.side.claim = None  # nothing left to save when the boxes lose focus
            self.session.close()
            self.session = None
        super().closeEvent(event)


_printing: list[bool] = []  # memo (not functools.cache: one module fewer to import at start-up)


def printing_available() -> bool:
    if not _printing:
        import importlib.util

        _printing.append(importlib.util.find_spec("workbench.ui.printing") is not None)
    return _printing[0]


def recent_workspaces() -> list[Path]:
    value = QSettings().value("recentWorkspaces", []) or []
    items = [value] if isinstance(value, str) else list(value)
    return [Path(p) for p in items if Path(p).exists()][:MAX_RECENT]


def remember_workspace(path: Path) -> None:
    settings = QSettings()
    value = settings.value("recentWorkspaces", []) or []
    stored = [value] if isinstance(value, str) else list(value)
    items = [str(path)] + [str(p) for p in recent_workspaces() if Path(p) != Path(path)]
    if stored[:MAX_RECENT] != items[:MAX_RECENT]:  # reopening the last workspace writes nothing (a write
        settings.setValue("recentWorkspaces", items[:MAX_RECENT])  # syncs the file: ~10-20 ms at start-up)
