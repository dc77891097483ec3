"""Run the app with uvicorn: the one place that sets how the server starts and stops."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

# On SIGTERM or Ctrl-C, requests still running get this long before the server exits anyway; each
# request's database work is bounded by its time limit, so this is rarely reached.
GRACEFUL_SHUTDOWN_S = 3


def serve(store: Any, *, host: str = "127.0.0.1", port: int = 8000, review: bool = False) -> None:
    """Serve the dashboard and the API until SIGTERM or Ctrl-C. Requests must name this server by a
    loopback name or by `host` (see `guards.allowed_hosts`)."""
    import uvicorn

    from sagwan.serve.api.app import create_app

    app = create_app(store, listen=host, review=review)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S)
