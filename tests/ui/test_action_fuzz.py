"""A seeded random walk through the window mixing the library, undo/redo and verdict-scale actions with the
claim editing, filtering and sorting ones; after every step, what a person sees must match the workspace.

FUZZ_SEEDS (default a handful, so the suite stays quick) and FUZZ_STEPS widen the walk:
    FUZZ_SEEDS=200 FUZZ_STEPS=60 uv run pytest -q -p no:cacheprovider tests/ui/test_action_fuzz.py
"""

import os
import random
import sys
import traceback

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import build_workspace
from workbench.domain import ParsedArticle, VerdictOption, VerdictScale, WorkbenchError
from workbench.services.articles import list_articles
from workbench.services.claims import add_claim, list_claims
from workbench.services.evidence import EvidenceInput
from workbench.services.settings import verdict_scale, verdict_usage

SEEDS = int(os.environ.get("FUZZ_SEEDS", "8"))
STEPS = int(os.environ.get("FUZZ_STEPS", "60"))
SECOND = "Prices rose 5% in March, the bureau said. Wages grew 3% in 2023. The mayor said crime fell by half."
SEARCHES = ("", "", "treaty", "2019", "the", "rose", "zz", "said")


@pytest.fixture
def fuzz_window(qtbot, tmp_path):
    import shiboken6

    from workbench.services.workspace import open_workspace
    from workbench.ui.main_window import MainWindow
    from workbench.ui.session import Session
    from workbench.storage import articles as article_repo

    path = tmp_path / "fuzz.factwb"
    db, _ = build_workspace(path)
    for title in ("Prices and wages", "Second look"):
        article = article_repo.insert(db, ParsedArticle(title=title, text=SECOND), f"hash-{title}")
        for sentence in SECOND.split(". "):
            start = SECOND.index(sentence)
            add_claim(db, article.id, start, start + len(sentence.rstrip(".")))
    db.close()
    win = MainWindow(Session(open_workspace(path, seed=False), path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    runner = win.session.runner
    yield win
    assert not shiboken6.isValid(runner) or runner.wait(10_000)
    win.close()


class Walk:
    def __init__(self, win, rng: random.Random, monkeypatch) -> None:
        self.win, self.rng = win, rng
        self.errors: list[BaseException] = []
        self.log: list[str] = []
        self.next_title = 0
        monkeypatch.setattr("workbench.ui.library_actions.confirm_delete", lambda parent, article: True)
        monkeypatch.setattr("workbench.ui.library_actions.ask_title", lambda parent, current: self._title())
        monkeypatch.setattr("workbench.ui.errors.show_error", lambda parent, exc, *a, **k: self._error(exc))

    def _title(self) -> str:
        self.next_title += 1
        return f"Renamed {self.next_title} & <b>co</b>"

    def _error(self, exc: BaseException) -> None:
        if not isinstance(exc, WorkbenchError):  # refusals (nothing to merge, no cursor in a claim) are fine
            self.errors.append(exc)

    @property
    def db(self):
        return self.win.session.db

    # --- actions -------------------------------------------------------------
    def switch_article(self):
        ids = self.win.library.model.ids()
        if ids:
            self.win.library.select(self.rng.choice(ids))

    def delete_article(self):
        self.win.delete_article()

    def undo(self):
        self.win.actions["undo"].trigger()  # Edit › Undo (a click in the menu leaves the focus where it was)

    def redo(self):
        self.win.actions["redo"].trigger()

    def rename_article(self):
        self.win.rename_article()

    def set_verdict(self):
        if self.win.verdict_actions and self.win.side.claim is not None:
            self.rng.choice(self.win.verdict_actions).trigger()

    def edit_text(self):
        side = self.win.side
        if side.claim is None:
            return
        side.text_edit.setFocus()
        side.text_edit.setPlainText(f"{side.claim.text[:30]} edited {self.rng.randint(0, 99)}")
        if self.rng.random() < 0.5:
            side.text_edit.commit()  # else left typed: the next action must save it first

    def edit_rationale(self):
        side = self.win.side
        if side.claim is not None:
            side.rationale.setFocus()
            side.rationale.setPlainText(f"because {self.rng.randint(0, 99)}")

    def delete_claim(self):
        self.win.delete_claim()

    def select_claim(self):
        claims = self.win.table.model.claims()
        if self.rng.random() < 0.5 and claims:
            self.win.select_claim(self.rng.choice(claims).id)
        else:
            self.win.table.step(self.rng.choice((1, -1)))

    def split(self):
        claim = self.win.side.claim
        if claim is None or claim.end - claim.start < 4:
            return
        cursor = self.win.pane.text.textCursor()
        cursor.setPosition(self.rng.randint(claim.start + 1, claim.end - 1))  # the texts here are ASCII
        self.win.pane.text.setTextCursor(cursor)
        self.win.split_claim()

    def merge(self):
        proxy, model = self.win.table.proxy, self.win.table.view.selectionModel()
        rows = proxy.rowCount()
        if rows < 2:
            return
        first = self.rng.randrange(rows - 1)
        for row in (first, first + 1):
            model.select(proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
        self.win.merge_claims()

    def add_claim(self):
        if self.win.article_id is None:
            return
        text = self.win.pane.text
        length = len(text.toPlainText())
        start = self.rng.randrange(max(1, length - 12))
        cursor = text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(min(length, start + self.rng.randint(5, 30)), QTextCursor.MoveMode.KeepAnchor)
        text.setTextCursor(cursor)
        self.win.add_claim()

    def add_evidence(self):
        from workbench.ui import undo_commands as cmd

        claim = self.win.side.claim
        if claim is not None:
            url = f"https://example.org/{self.rng.randint(0, 5)}"
            self.win.session.execute(cmd.AddEvidenceCommand(self.win.session, claim.id, EvidenceInput(url=url)))

    def change_scale(self):
        """What Edit › Workspace Settings saves: rename, add or remove an unused verdict (one undo step)."""
        from workbench.ui import undo_commands as cmd

        scale = verdict_scale(self.db)
        options = list(scale.options)
        used = verdict_usage(self.db)
        what = self.rng.choice(("rename", "add", "remove"))
        if what == "rename":
            i = self.rng.randrange(len(options))
            o = options[i]
            options[i] = VerdictOption(o.key, f"{o.label.split(' #')[0]} #{self.rng.randint(0, 9)}", o.colour,
                                       o.definition, o.rating)
        elif what == "add":
            key = f"extra-{self.rng.randint(0, 999)}"
            if key in scale.keys():
                return
            options.insert(self.rng.randint(1, len(options)), VerdictOption(key, f"Extra {key}", "#123456", "Added."))
        else:
            unused = [o for o in options if o.key != "unverified" and not used.get(o.key)]
            if not unused:
                return
            options.remove(self.rng.choice(unused))
        self.win.session.execute(cmd.SettingsCommand(self.win.session, None, VerdictScale(tuple(options))))

    def filter_verdict(self):
        box = self.win.table.verdict_filter
        box.setCurrentIndex(self.rng.randrange(box.count()))

    def filter_kind(self):
        box = self.win.table.kind_filter
        box.setCurrentIndex(self.rng.randrange(box.count()))

    def sort(self):
        column = self.rng.randrange(8)
        order = self.rng.choice((Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder))
        self.win.table.view.sortByColumn(column, order)

    def reopen_workspace(self):
        """File › Recent Workspaces: the same file again, through a new session (the old one torn down)."""
        if self.rng.random() < 0.3:
            self.win.open_workspace(self.win.session.path)

    def activate(self):
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        QApplication.sendEvent(self.win, QEvent(QEvent.Type.WindowActivate))  # back from another application

    def search(self):
        self.win.table.search.setText(self.rng.choice(SEARCHES))

    ACTIONS = ("switch_article", "delete_article", "undo", "undo", "redo", "rename_article", "set_verdict",
               "edit_text", "edit_rationale", "delete_claim", "select_claim", "select_claim", "split", "merge",
               "add_claim", "add_evidence", "change_scale", "filter_verdict", "filter_kind", "sort", "search", "reopen_workspace", "activate")

    def step(self) -> str:
        name = self.rng.choice(self.ACTIONS)
        self.log.append(name)
        getattr(self, name)()
        return name

    # --- what a person sees --------------------------------------------------
    def check(self) -> None:
        win, db = self.win, self.db
        assert not self.errors, self.errors
        articles = list_articles(db)
        library = win.library.model
        assert [(a.id, a.title, a.claims) for a in library._items] == [(a.id, a.title, a.claims) for a in articles]
        ids = [a.id for a in articles]
        if win.article_id is None:
            assert not ids, "an article is in the library but none is shown"
        else:
            assert win.article_id in ids
            assert win.library.current_article_id() == win.article_id
        claims = list_claims(db, win.article_id) if win.article_id is not None else []
        if win.article_id is not None:
            from workbench.services.articles import get_article

            assert win.pane.title.text() == get_article(db, win.article_id).title
            assert win.pane.meta.text().endswith(f"{len(claims)} claims")
        table = win.table

        def seen(c):
            return c.id, c.text, c.verdict, c.attribution, str(c.kind), c.evidence_count, c.start, c.end

        assert sorted(seen(c) for c in table.model.claims()) == sorted(seen(c) for c in claims)
        assert sorted(seen(c) for c in win.pane.text._claims) == sorted(seen(c) for c in claims)  # highlights
        proxy = table.proxy
        search, verdict, kind = table.search.text().strip().casefold(), table.verdict_filter.currentData(), \
            table.kind_filter.currentData()
        passing = {c.id for c in claims
                   if (not search or search in f"{c.text}\n{c.attribution or ''}".casefold())
                   and (verdict is None or c.verdict == verdict) and (kind is None or str(c.kind) == kind)}
        shown = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(proxy.rowCount())]
        assert len(shown) == len(set(shown))
        extra = set(shown) - passing
        assert extra <= {proxy.pinned}, f"rows shown that the filter hides: {extra}"
        assert passing <= set(shown), f"rows missing: {passing - set(shown)}"
        total = len(claims)
        expected = f"  {len(shown)} of {total}" if len(shown) != total else f"  {total} claims"
        assert table.count.text() == expected
        side = win.side.claim
        if side is not None:
            assert side.id in {c.id for c in claims}, "the side panel shows a claim that is not in the article"
            stored = next(c for c in claims if c.id == side.id)
            assert seen(side) == seen(stored), "the side panel shows an old version of the claim"
            assert len(win.side.evidence) == stored.evidence_count
            if not win.side.text_edit.hasFocus():
                assert win.side.text_edit.toPlainText() == stored.text
        current = table.current_claim_id()
        if current is not None:
            assert side is not None and side.id == current, "the side panel shows another claim than the table"
        scale = verdict_scale(db)
        assert win.session.scale == scale
        labels = [o.label for o in scale.options]
        assert [table.verdict_filter.itemText(i) for i in range(1, table.verdict_filter.count())] == labels
        if win.side._form_built:
            combo = win.side.verdict
            assert [combo.itemData(i) for i in range(combo.count())] == scale.keys()
            if side is not None:
                assert combo.currentData() == side.verdict
        assert len(win.verdict_actions) == len(scale.options)


def _run(seed: int, win, monkeypatch, steps: int) -> None:
    hooked: list[str] = []
    previous = sys.excepthook
    sys.excepthook = lambda kind, exc, tb: hooked.append("".join(traceback.format_exception(kind, exc, tb)))
    walk = Walk(win, random.Random(seed), monkeypatch)
    try:
        for _ in range(steps):
            walk.step()
            assert not hooked, hooked[0]
            try:
                walk.check()
            except AssertionError as exc:
                raise AssertionError(f"seed {seed}, after {walk.log}: {exc}") from exc
    finally:
        sys.excepthook = previous


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_actions_keep_the_window_true_to_the_workspace(fuzz_window, monkeypatch, seed):
    _run(seed, fuzz_window, monkeypatch, STEPS)


# --- regressions the walk found ------------------------------------------------------------------------------
def _type_rationale(qtbot, win, text):
    box = win.side.rationale
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.setPlainText(text)  # typed, not yet saved: that happens when the box is left


def _shown(win):
    proxy = win.table.proxy
    return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(proxy.rowCount())]


def test_deleting_the_article_being_worked_on_highlights_the_article_shown_next(fuzz_window, qtbot, monkeypatch):
    win = fuzz_window
    monkeypatch.setattr("workbench.ui.library_actions.confirm_delete", lambda parent, article: True)
    first, second, third = win.library.model.ids()
    win.library.select(second)
    win.table.step(1)
    _type_rationale(qtbot, win, "half checked")
    win.delete_article()
    assert win.library.model.ids() == [first, third]
    assert win.article_id == third == win.library.current_article_id()
    assert {c.id for c in win.table.model.claims()} == {c.id for c in list_claims(win.session.db, third)}


def test_redo_from_the_menu_while_typing_a_rationale_saves_it_and_does_not_crash(fuzz_window, qtbot):
    from workbench.ui import undo_commands as cmd

    win = fuzz_window
    first, second = (c.id for c in list_claims(win.session.db, win.article_id)[:2])
    win.select_claim(first)
    win.session.execute(cmd.AddEvidenceCommand(win.session, first, EvidenceInput(url="https://example.org/a")))
    win.actions["undo"].trigger()
    win.select_claim(second)
    _type_rationale(qtbot, win, "Because the register says so")
    win.actions["redo"].trigger()  # a click in the Edit menu: the focus stays in the box
    stack = win.session.undo_stack
    # Typing is an edit: it ends what could be redone, as in any editor (the undone evidence stays undone).
    assert [stack.text(i) for i in range(stack.count())] == ["Edit Rationale"] and stack.index() == 1
    from workbench.services.claims import get_claim

    assert get_claim(win.session.db, second).rationale == "Because the register says so"
    win.actions["undo"].trigger()
    assert get_claim(win.session.db, second).rationale == ""
    assert win.side.claim.id == second and win.side.rationale.toPlainText() == ""


def test_changing_the_verdict_scale_keeps_the_claim_being_worked_on_in_the_table(fuzz_window, qtbot):
    from workbench.services.claims import get_claim
    from workbench.ui import undo_commands as cmd

    win = fuzz_window
    claims = list_claims(win.session.db, win.article_id)
    win.table.view.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    win.table.verdict_filter.setCurrentIndex(win.table.verdict_filter.findData("true"))
    win.table.search.setText("treaty")
    ministers = claims[0]  # "Ministers met in Geneva on Monday." does not match the search
    win.select_claim(ministers.id)
    assert _shown(win) == [ministers.id]  # kept in view while it is worked on
    assert win.table.current_claim_id() == ministers.id
    _type_rationale(qtbot, win, "Typed before the scale changed")
    scale = verdict_scale(win.session.db)
    renamed = VerdictScale(tuple(VerdictOption(o.key, "Wrong" if o.key == "false" else o.label, o.colour,
                                               o.definition, o.rating) for o in scale.options))
    win.session.execute(cmd.SettingsCommand(win.session, None, renamed))
    assert win.session.scale == renamed
    assert win.table.current_claim_id() == ministers.id == win.side.claim.id
    assert ministers.id in _shown(win)
    assert win.table.verdict_filter.currentData() == "true"  # the filter stays on: "true" is still there
    assert win.table.count.text() == f"  1 of {len(claims)}"
    win.table.view.setFocus()
    qtbot.waitUntil(win.table.view.hasFocus)
    assert get_claim(win.session.db, ministers.id).rationale == "Typed before the scale changed"
