"""``/me``: export and delete one's own data."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from coach_engine.api import export_packet, render_packet
from coach_engine.server.deps import Scope
from coach_engine.server.responses import ErrorOut
from coach_engine.server.schemas import DeletedOut

router = APIRouter(prefix="/me", tags=["data"])


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "description": "The packet: JSON (format=json) or markdown (format=md)",
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/markdown": {"schema": {"type": "string"}},
            },
        },
        404: {"model": ErrorOut, "description": "No such session (``session``) for this user"},
    },
)
async def export(
    scope: Scope,
    format: Annotated[Literal["json", "md"], Query()] = "json",
    session: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> Response:
    """Every session of the user as an interview packet, or only ``session`` (an id or a
    unique prefix; another user's is 404): JSON (re-readable) or markdown."""
    packet = await export_packet(
        scope,  # type: ignore[arg-type]  # a user scope
        session,
        all_=session is None,
    )
    media = "application/json" if format == "json" else "text/markdown; charset=utf-8"
    return Response(render_packet(packet, format), media_type=media)


@router.delete("", response_model=DeletedOut)
async def delete_account(scope: Scope) -> DeletedOut:
    """Delete the account and every row of its data (its tokens die with it)."""
    deleted = await scope.account.delete_all()
    return DeletedOut(deleted=deleted.rows)
