"""Where bundled files live: next to the package in a checkout, inside it in a wheel."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def resources_dir() -> Path:
    return _first_existing(_PACKAGE.parent / "resources", _PACKAGE / "_resources")


def seeds_dir() -> Path:
    return _first_existing(_PACKAGE.parent / "seeds", _PACKAGE / "_seeds")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
