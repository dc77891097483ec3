"""The read-only JSON API and the dashboard behind `sagwan serve` (FastAPI).

`create_app` is imported on first use, so commands that only need `source` (opening a store for
reading) do not pay for importing FastAPI.
"""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from sagwan.serve.api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
