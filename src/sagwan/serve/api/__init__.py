"""The read-only JSON API and the dashboard behind `sagwan serve` (FastAPI)."""

from sagwan.serve.api.app import create_app

__all__ = ["create_app"]
