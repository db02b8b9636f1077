"""Typed errors. Their message is what a person reads: one clear line, no traceback."""


class WorkbenchError(Exception):
    """Base for every error we expect and explain to the user."""


class InvalidInput(WorkbenchError):
    """A value a person typed or passed on the command line is not acceptable."""


class NotFound(WorkbenchError):
    """An id that names nothing in the workspace."""


class ArticleImportError(WorkbenchError):
    """A file that cannot become an article (missing, empty, binary, no text)."""


class DuplicateArticle(WorkbenchError):
    """The same content is already in the workspace."""

    def __init__(self, message: str, article_id: int) -> None:
        super().__init__(message)
        self.article_id = article_id


class SchemaTooNew(WorkbenchError):
    """The workspace was written by a newer version of the app."""


class PermissionRefused(WorkbenchError):
    """The team workspace's server refused an action the person's role does not allow."""


class ConnectionLost(WorkbenchError):
    """The team workspace's server cannot be reached (yet); nothing of the action was saved."""


class PasswordNeeded(ConnectionLost):
    """The team workspace's server asks for a password that neither ~/.pgpass nor PGPASSWORD gave (or the one
    typed was wrong); a window asks for it, a terminal already did."""


class EditConflict(WorkbenchError):
    """Someone else changed the record since it was read: the later writer chooses what to keep."""

    def __init__(self, message: str, by: str, at: str) -> None:
        super().__init__(message)
        self.by = by
        self.at = at
