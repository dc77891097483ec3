"""One router per resource of the API; `sagwan.serve.api.app.create_app` includes them all."""

from fastapi import APIRouter, Depends

from sagwan.serve.api.params import reject_unknown


def router(tag: str) -> APIRouter:
    """A router whose routes refuse query parameters they do not declare."""
    return APIRouter(prefix="/api", tags=[tag], dependencies=[Depends(reject_unknown)])
