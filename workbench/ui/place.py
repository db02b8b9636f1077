"""The article and claim a person worked on last in each workspace, so the window reopens there (QSettings)."""

from pathlib import Path

from PySide6.QtCore import QSettings


def _place_key(path: Path) -> str:
    return "lastPlace/" + str(Path(path).resolve()).replace("/", "|")  # one key, not a group per folder


def remember_place(path: Path, article_id: int, claim_id: int | None) -> None:
    """The article and claim worked on last in this workspace: the window reopens there."""
    settings = QSettings()
    stored = settings.value(_place_key(path))
    if claim_id is None and str(stored or "").partition(":")[0] == str(article_id):
        return  # the article shown again: keep the claim it was left on (and write nothing at start-up)
    value = f"{article_id}:{claim_id or ''}"
    if stored != value:
        settings.setValue(_place_key(path), value)


def last_place(path: Path) -> tuple[int | None, int | None]:
    value = QSettings().value(_place_key(path))
    try:
        article, _, claim = str(value or "").partition(":")
        return int(article), (int(claim) if claim else None)
    except ValueError:
        return None, None
