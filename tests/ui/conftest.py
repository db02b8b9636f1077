"""UI fixtures: a small workspace built without the claim engine, and the main window on it."""

import pytest

ARTICLE = (
    "Ministers met in Geneva on Monday.\n\n"
    "The treaty was signed by 40 countries in 2019, the ministry said. "
    "Its budget rose to $2 billion last year.\n\n"
    "Forty countries signed the treaty in 2019, officials said. "
    "Critics say the plan should be scrapped."
)
SENTENCES = (
    "Ministers met in Geneva on Monday.",
    "The treaty was signed by 40 countries in 2019",
    "Its budget rose to $2 billion last year.",
    "Forty countries signed the treaty in 2019",
)


@pytest.fixture(autouse=True, scope="session")
def _none_refcount():
    """See workbench/ui/compat.py: the Qt binding leaks references to None on Python 3.11."""
    from workbench.ui.compat import protect_none_refcount

    protect_none_refcount()


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings(tmp_path_factory):
    """Recent-workspace lists and other QSettings go to a temporary folder, not the tester's."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings")))
    QCoreApplication.setOrganizationName("FactWorkbenchTests")
    QCoreApplication.setApplicationName("Fact Workbench Tests")


def build_workspace(path):
    """An article with four claims and one overlap between claims 2 and 4; returns (db, article id)."""
    from workbench.domain import OverlapDraft, ParsedArticle
    from workbench.services.claims import add_claim, list_claims
    from workbench.services.workspace import open_workspace
    from workbench.storage import articles as article_repo
    from workbench.storage import overlaps as overlap_repo

    db = open_workspace(path, seed=False)
    article = article_repo.insert(db, ParsedArticle(title="Treaty talks", text=ARTICLE, authors=("A. Writer",)),
                                  "hash-1")
    for sentence in SENTENCES:
        start = ARTICLE.index(sentence)
        add_claim(db, article.id, start, start + len(sentence))
    claims = list_claims(db, article.id)
    overlap_repo.insert_many(db, [OverlapDraft(claims[1].id, claims[3].id, 88.0, "shared: 40, 2019, treaty")])
    return db, article.id


@pytest.fixture
def workspace_path(tmp_path):
    path = tmp_path / "ui.factwb"
    db, _ = build_workspace(path)
    db.close()
    return path


@pytest.fixture
def team_workspace(team_url):
    """A team workspace with the test article and its claims (tests that use it need PostgreSQL)."""
    from workbench.domain import ParsedArticle
    from workbench.services.claims import add_claim
    from workbench.services.workspace import open_workspace
    from workbench.storage import articles as article_repo

    db = open_workspace(team_url)
    with db.atomic():
        article = article_repo.insert(db, ParsedArticle(title="Treaty talks", text=ARTICLE), "hash-1")
    for sentence in SENTENCES:
        start = ARTICLE.index(sentence)
        add_claim(db, article.id, start, start + len(sentence))
    db.close()
    return team_url


@pytest.fixture
def window(qtbot, workspace_path):
    import shiboken6

    from workbench.services.workspace import open_workspace
    from workbench.ui.main_window import MainWindow
    from workbench.ui.session import Session

    win = MainWindow(Session(open_workspace(workspace_path, seed=False), workspace_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    runner = win.session.runner  # pytest-qt closes the window (and its session) before this teardown
    yield win
    # (Another workspace opened meanwhile deletes this one's runner once it has waited for its workers.)
    assert not shiboken6.isValid(runner) or runner.wait(10_000), "a background worker was still running after the test"
    win.close()


def snapshot(db, article_id):
    """What a person can see of an article's claims and their evidence (no timestamps)."""
    from workbench.services.claims import list_claims
    from workbench.services.evidence import evidence_for_claim

    return [((c.id, c.text, c.start, c.end, c.attribution, str(c.kind), c.verdict, c.rationale, c.overlap_count),
             tuple((e.id, e.source.url, e.quote, str(e.stance)) for e in evidence_for_claim(db, c.id)))
            for c in list_claims(db, article_id)]
