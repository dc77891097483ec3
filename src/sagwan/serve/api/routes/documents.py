"""/api/documents/{id}: one document with the text every offset indexes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import HTTPException, Path, Request

from sagwan.serve.api.routes import router
from sagwan.serve.api.routes._store import store_of

documents_router = router("store")


@documents_router.get("/documents/{doc_id}")
def document(request: Request, doc_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One document with its full clean text (every offset indexes it)."""
    doc = store_of(request).document(doc_id)
    if not doc:
        raise HTTPException(404, f"no document {doc_id}")
    return doc
