"""Menus and shortcuts. Every shortcut is on a menu action so people can discover it."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from workbench.ui.claims_table import swatch


def _action(window, text: str, slot=None, shortcut=None, tip: str = "", extra=()) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        keys = [QKeySequence(shortcut)] + [QKeySequence(k) for k in extra]
        action.setShortcuts(keys)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if slot is not None:
        # The window can be on screen a moment before its workspace is open: ignore actions until then.
        action.triggered.connect(lambda _checked=False: slot() if window.session is not None else None)
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_menus(w) -> None:
    """Creates w.actions (name -> QAction) and the menu bar of MainWindow w."""
    a = {}
    bar = w.menuBar()

    file = bar.addMenu("&File")
    a["new"] = _action(w, "&New Workspace…", w.new_workspace, None, "Create an empty workspace file")
    a["open"] = _action(w, "&Open Workspace…", w.choose_workspace, "Ctrl+Shift+O", "Open another workspace file")
    file.addActions([a["new"], a["open"]])
    w.recent_menu = file.addMenu("Recent &Workspaces")
    file.addSeparator()
    a["import"] = _action(w, "&Import Article…", w.choose_import, QKeySequence.StandardKey.Open,
                          "Import text, Markdown or HTML article files")
    a["paste_article"] = _action(w, "&Paste as New Article…", w.paste_article, "Ctrl+Shift+Alt+V",
                                 "Paste text as a new article")
    file.addActions([a["import"], a["paste_article"]])
    a["rename_article"] = _action(w, "&Rename Article…", w.rename_article, "F2",
                                  "Give the selected article a new title")
    a["delete_article"] = _action(w, "De&lete Article…", w.delete_article, QKeySequence.StandardKey.Delete,
                                  "Delete the selected article with its claims (Edit ▸ Undo brings it back)")
    for key in ("rename_article", "delete_article"):
        # F2 and Del act on the article only from the library list (workbench/ui/library.py hands them over):
        # elsewhere they edit and delete the claim.
        a[key].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.removeAction(a[key])
    file.addActions([a["rename_article"], a["delete_article"]])
    file.addSeparator()
    for key, text, shortcut in (("print", "&Print…", QKeySequence.StandardKey.Print),
                                ("preview", "Print Pre&view…", None), ("pdf", "Export P&DF…", None),
                                ("html", "Export &HTML…", None)):
        a[key] = _action(w, text, lambda k=key: w.report(k), shortcut, "The verification report of this article")
        file.addAction(a[key])
    file.addSeparator()
    a["quit"] = _action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit)
    file.addAction(a["quit"])

    edit = bar.addMenu("&Edit")
    a["undo"] = w.undo_group.createUndoAction(w, "&Undo")
    a["undo"].setShortcuts(QKeySequence.StandardKey.Undo)
    a["redo"] = w.undo_group.createRedoAction(w, "&Redo")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for key, slot in (("undo", w.undo), ("redo", w.redo)):
        a[key].triggered.disconnect()  # the group's own undo()/redo(): the window saves typed text first
        a[key].triggered.connect(slot)
    edit.addActions([a["undo"], a["redo"]])
    edit.addSeparator()
    a["find"] = _action(w, "&Find Claims", w.focus_search, QKeySequence.StandardKey.Find, "Search the claims table")
    a["paste_link"] = _action(w, "Paste &Link as Evidence", w.paste_link, "Ctrl+Shift+V",
                              "Add the link on the clipboard as evidence for the selected claim")
    edit.addActions([a["find"], a["paste_link"]])
    edit.addSeparator()
    a["settings"] = _action(w, "Workspace &Settings…", w.edit_settings, None,
                            "The organisation named in ClaimReview exports")
    edit.addAction(a["settings"])

    claim = bar.addMenu("&Claim")
    a["next"] = _action(w, "&Next Claim", lambda: w.table.step(1), "J", "", extra=("Ctrl+Down",))
    a["prev"] = _action(w, "&Previous Claim", lambda: w.table.step(-1), "K", "", extra=("Ctrl+Up",))
    claim.addActions([a["next"], a["prev"]])
    claim.addSeparator()
    a["add_claim"] = _action(w, "&Add Claim from Selection", w.add_claim, "Ctrl+Shift+A",
                             "Mark the selected words of the article as a claim")
    a["edit_claim"] = _action(w, "&Edit Claim Text", w.edit_claim, "F2")
    a["split"] = _action(w, "&Split Claim at Cursor", w.split_claim, "Ctrl+Shift+S",
                         "Split the claim in two where the text cursor is")
    a["merge"] = _action(w, "&Merge Selected Claims", w.merge_claims, "Ctrl+Shift+M",
                         "Select claims in the table with Ctrl or Shift, then merge")
    a["delete"] = _action(w, "&Delete Claim", w.delete_claim, QKeySequence.StandardKey.Delete)
    a["delete"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    # Del deletes a claim only from the claims table and the article (the window adds it there): on the window
    # it would fire from the library list, the search box or any other box that does not use the key.
    w.removeAction(a["delete"])
    claim.addActions([a["add_claim"], a["edit_claim"], a["split"], a["merge"], a["delete"]])
    claim.addSeparator()
    a["add_evidence"] = _action(w, "Add E&vidence…", lambda: w.side.add_evidence(), "Ctrl+Shift+E")
    claim.addAction(a["add_evidence"])

    w.verdict_menu = bar.addMenu("&Verdict")
    a["rationale"] = _action(w, "Edit &Rationale", w.edit_rationale, "Ctrl+R")

    help_menu = bar.addMenu("&Help")
    a["shortcuts"] = _action(w, "&Keyboard Shortcuts", w.show_shortcuts, QKeySequence.StandardKey.HelpContents)
    a["about"] = _action(w, "&About Fact Workbench", w.about)
    help_menu.addActions([a["shortcuts"], a["about"]])
    w.actions = a


def fill_verdict_menu(w, scale) -> None:
    """One action per verdict of the workspace's scale: Ctrl+0 unverified, Ctrl+1… the rest in order."""
    menu: QMenu = w.verdict_menu
    menu.clear()
    for old in w.verdict_actions:
        w.removeAction(old)
    w.verdict_actions.clear()
    number = 1
    for option in scale.options:
        if option.key == "unverified":
            keys = "Ctrl+0"
        else:
            keys = f"Ctrl+{number}" if number <= 9 else None
            number += 1
        action = QAction(swatch(option.colour), option.label.replace("&", "&&"), w)  # text, not a mnemonic
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setStatusTip(option.definition)
        action.triggered.connect(lambda _c=False, k=option.key: w.side.set_verdict(k))
        menu.addAction(action)
        w.addAction(action)
        w.verdict_actions.append(action)
    menu.addSeparator()
    menu.addAction(w.actions["rationale"])
