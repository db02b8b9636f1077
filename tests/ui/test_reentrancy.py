"""Text still being typed that a refresh saves (SidePanel.flush) while the session announces a change or while the
undo stack is inside undo()/redo(): it is queued by the session, saved right after to the claim it was typed for,
exactly once, and no command is ever pushed while the stack runs one (see Session in workbench/ui/session.py)."""

import pytest

from workbench.services.claims import delete_claim, get_claim, list_claims
from workbench.services.evidence import EvidenceInput


@pytest.fixture
def pushes(window, monkeypatch):
    """Every push onto the session's undo stack, with whether the session was busy then (it must never be)."""
    session = window.session
    stack = session.undo_stack
    seen: list[tuple[str, bool, int]] = []
    push = stack.push

    def recording(command):
        seen.append((command.text(), session.busy, stack.index()))
        push(command)

    monkeypatch.setattr(stack, "push", recording)
    return seen


def _claims(win):
    return list_claims(win.session.db, win.article_id)


def _type(qtbot, box, text):
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    (box.setText if hasattr(box, "setText") else box.setPlainText)(text)  # typed, not yet saved


def _rationale_rows(db, claim_id):
    return [r for r in db["history"].rows_where("entity = ? and entity_id = ? and action = ?",
                                                 ["claim", claim_id, "update"])
            if "rationale" in (r.get("after") or "")]


def test_flush_during_an_undo_waits_until_the_stack_is_done_and_saves_to_the_claim_typed_for(window, qtbot, pushes):
    from workbench.ui import undo_commands as cmd

    win = window
    first, second = (c.id for c in _claims(win)[:2])
    win.session.execute(cmd.StructuralCommand(win.session, "Delete Claim", lambda db: delete_claim(db, second)))
    win.select_claim(first)
    _type(qtbot, win.side.rationale, "Typed for the first claim")
    stack = win.session.undo_stack
    # Straight to the stack, not Edit › Undo (which saves first): the claim comes back, the table is rebuilt and the
    # side panel moves to it, saving the rationale from inside the undo.
    stack.undo()
    assert not win.session.busy
    assert get_claim(win.session.db, first).rationale == ""  # not yet: the stack was still moving
    qtbot.waitUntil(lambda: not win.session._pending)
    assert get_claim(win.session.db, first).rationale == "Typed for the first claim"
    assert get_claim(win.session.db, second).rationale == ""
    assert all(not busy for _text, busy, _index in pushes), pushes
    assert [stack.text(i) for i in range(stack.count())] == ["Edit Rationale"] and stack.index() == 1
    assert len(_rationale_rows(win.session.db, first)) == 1
    assert win.side.claim.id == second  # the undo showed the claim it brought back


def test_flush_during_a_change_notification_is_saved_right_after_it_once(window, qtbot, pushes):
    from workbench.ui import undo_commands as cmd

    win = window
    first, second = (c.id for c in _claims(win)[:2])
    win.select_claim(first)
    _type(qtbot, win.side.text_edit, "The minister met nobody")
    _type(qtbot, win.side.attribution, "A spokesman")  # leaving the text box saves it (not a notification)
    during: list[tuple] = []

    def moved(_changes):  # a refresh that moves the side panel to another claim while the change is announced
        if win.side.claim is not None and win.side.claim.id == first:
            win.side.show_claim(second)
            win.side.flush()  # asked twice: still saved once
            during.append((win.session.busy, get_claim(win.session.db, first).attribution, len(pushes)))

    win.session.changed.connect(moved)
    win.session.execute(cmd.AddEvidenceCommand(win.session, first, EvidenceInput(url="https://example.org/x")))
    win.session.changed.disconnect(moved)
    assert during == [(True, None, 2)]  # queued, not pushed from inside the notification
    assert not win.session._pending  # saved as soon as the notification was over
    assert get_claim(win.session.db, first).text == "The minister met nobody"
    assert get_claim(win.session.db, first).attribution == "A spokesman"
    assert get_claim(win.session.db, second).attribution is None
    stack = win.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Edit Claim Text", "Add Evidence", "Edit Attribution"]
    assert all(not busy for _text, busy, _index in pushes), pushes
    assert win.side.claim.id == second


def _undo_while_typing(win, qtbot, text):
    """Typed for the first claim, then an undo straight on the stack that moves the side panel away from it."""
    from workbench.ui import undo_commands as cmd

    first, second = (c.id for c in _claims(win)[:2])
    win.session.execute(cmd.AddEvidenceCommand(win.session, second, EvidenceInput(url="https://example.org/y")))
    win.select_claim(first)
    _type(qtbot, win.side.rationale, text)
    win.session.undo_stack.undo()  # shows the second claim, whose evidence went: the first one's text is queued
    assert win.side.claim.id == second
    assert win.session._pending and get_claim(win.session.db, first).rationale == ""
    return first, second


def test_text_queued_during_an_undo_is_saved_before_the_next_redo(window, qtbot, pushes):
    win = window
    first, second = _undo_while_typing(win, qtbot, "Queued, then undone")
    win.actions["redo"].trigger()  # Edit › Redo at once: the queued save runs first (and ends the redo history)
    stack = win.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Edit Rationale"] and stack.index() == 1
    assert get_claim(win.session.db, first).rationale == "Queued, then undone"
    assert get_claim(win.session.db, second).evidence_count == 0
    win.actions["undo"].trigger()
    assert get_claim(win.session.db, first).rationale == ""
    assert get_claim(win.session.db, second).rationale == ""
    assert all(not busy for _text, busy, _index in pushes), pushes
    assert len(_rationale_rows(win.session.db, first)) == 2  # saved once, undone once


def test_edit_undo_saves_what_a_refresh_inside_it_asked_to_save_before_returning(window, qtbot, pushes):
    win = window
    first, second = (c.id for c in _claims(win)[:2])
    win.session.execute(cmd_add_evidence(win, second))
    win.select_claim(first)
    asked: list[bool] = []

    def save_during_refresh(_changes):  # a view saving something while the undo is announced
        if not asked:
            asked.append(win.session.busy)
            win.side._update({"rationale": "Saved from inside the undo"}, "Edit Rationale")

    win.session.changed.connect(save_during_refresh)
    win.undo()  # Edit › Undo
    win.session.changed.disconnect(save_during_refresh)
    assert asked == [True]
    assert not win.session._pending  # saved before Edit › Undo returned, once the stack was done
    assert get_claim(win.session.db, first).rationale == "Saved from inside the undo"
    assert get_claim(win.session.db, second).evidence_count == 0
    stack = win.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Edit Rationale"] and stack.index() == 1
    assert all(not busy for _text, busy, _index in pushes), pushes


def cmd_add_evidence(win, claim_id):
    from workbench.ui import undo_commands as cmd

    return cmd.AddEvidenceCommand(win.session, claim_id, EvidenceInput(url="https://example.org/w"))


def test_closing_the_window_saves_text_queued_during_an_undo(window, qtbot, workspace_path):
    from workbench.services.workspace import open_workspace

    win = window
    first, _second = _undo_while_typing(win, qtbot, "Saved on the way out")
    win.close()
    db = open_workspace(workspace_path, seed=False)
    try:
        assert get_claim(db, first).rationale == "Saved on the way out"
    finally:
        db.close()


def test_text_queued_during_an_undo_is_saved_on_the_next_turn_of_the_event_loop(window, qtbot, pushes):
    win = window
    first, second = _undo_while_typing(win, qtbot, "Saved a moment later")
    qtbot.waitUntil(lambda: not win.session._pending)
    assert get_claim(win.session.db, first).rationale == "Saved a moment later"
    assert get_claim(win.session.db, second).rationale == ""
    stack = win.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Edit Rationale"] and stack.index() == 1
    assert len(_rationale_rows(win.session.db, first)) == 1
    assert all(not busy for _text, busy, _index in pushes), pushes
