"""sagwan: a Korean-first chronicle of who did what to whom, when, and according to whom.

    >>> import sagwan
    >>> rec = sagwan.extract("북한은 화요일 러시아와의 군사 협력을 계속하겠다고 밝혔다.", published="2023-10-27")
    >>> rec["schema"]
    'sagwan/1'
"""

import logging

from sagwan._version import CODER, SCHEMA, __version__
from sagwan.errors import ConfigError, ExtractionError, InputError, SagwanError, StoreError
from sagwan.extract.pipeline import extract, extract_document, extract_paths

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "CODER",
    "ConfigError",
    "ExtractionError",
    "InputError",
    "SCHEMA",
    "SagwanError",
    "StoreError",
    "__version__",
    "extract",
    "extract_document",
    "extract_paths",
]
