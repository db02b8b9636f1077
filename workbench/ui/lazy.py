"""Modules imported on first use, so the window can appear before the storage stack is loaded
(sqlite-utils and its plugins cost more start-up time than Qt itself)."""

import importlib
from types import ModuleType


class LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        module: ModuleType = importlib.import_module(self._name)  # cached in sys.modules after the first call
        return getattr(module, attr)


article_service = LazyModule("workbench.services.articles")
claim_service = LazyModule("workbench.services.claims")
evidence_service = LazyModule("workbench.services.evidence")
overlap_service = LazyModule("workbench.services.overlaps")
cmd = LazyModule("workbench.ui.undo_commands")
