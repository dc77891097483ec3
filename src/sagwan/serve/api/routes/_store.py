"""The open store behind the app, for the routes."""

from typing import Any

from fastapi import Request


def store_of(request: Request) -> Any:
    return request.app.state.store
