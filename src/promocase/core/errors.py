"""Errors that carry a message meant for the user."""

from __future__ import annotations


class PromocaseError(Exception):
    """A problem the user can fix. The message says what, where, and what to do next."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  {self.hint}"


class NotFound(PromocaseError):
    """A requested record does not exist."""


class ValidationError(PromocaseError):
    """User input that breaks a rule of the domain."""


class PromocaseImportError(PromocaseError):
    """A file could not be imported. Nothing was written."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = ""
        if source:
            where = source
            if line is not None:
                where += f", line {line}"
            if field:
                where += f", field '{field}'"
            where += ": "
        elif field:
            where = f"field '{field}': "
        super().__init__(where + message, hint=hint)
        self.source = source
        self.line = line
        self.field = field


class WorkspaceError(PromocaseError):
    """The workspace is missing, locked, or from a newer promocase."""
