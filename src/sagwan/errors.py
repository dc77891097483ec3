"""One error hierarchy; every message says what went wrong and what to do.

    SagwanError
    ├── InputError        a document cannot be read (missing, unreadable, binary, empty, too large)
    │   └── FetchError    a URL cannot be fetched (refused by robots.txt, HTTP error, timeout, too large)
    ├── ConfigError       a setting or argument is not usable
    ├── ExtractionError   analysis of one document failed
    └── StoreError        the database cannot be opened, migrated or written

Batch runs never raise for one bad document: they record a `Failure` and go on.
"""


class SagwanError(Exception):
    """Base of every error sagwan raises on purpose."""


class InputError(SagwanError):
    """A document could not be read. The message names the file and the reason."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class FetchError(InputError):
    """A URL could not be fetched. `retry_after` (seconds) is set when the site asked us to wait."""

    def __init__(self, source: str, reason: str, retry_after: float | None = None, status: int | None = None):
        self.retry_after = retry_after
        self.status = status
        super().__init__(source, reason)


class ConfigError(SagwanError):
    """A setting or argument cannot be used; the message lists what is accepted."""


class ExtractionError(SagwanError):
    """Analysis of one document failed."""


class StoreError(SagwanError):
    """The database could not be opened, migrated, read or written."""


class TimeLimitError(StoreError):
    """A read ran past the time limit its caller set (a server request); the database stopped it."""
