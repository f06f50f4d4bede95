"""The chat page of WEBOT: a transcript and a form that works with or without JavaScript."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from casa.accounts.deps import CsrfProtected
from casa.assistant import chat
from casa.core.deps import ClockDep, SessionDep
from casa.core.i18n import gettext
from casa.core.templating import render

router = APIRouter(include_in_schema=False)

#: Where the page keeps its conversation id: the signed session cookie, never the URL.
SESSION_KEY = "webot"
PARTIAL_HEADER = "X-Casa-Partial"


def _lang(request: Request) -> str:
    return str(getattr(request.state, "lang", "fr"))


@router.get("/assistant")
def chat_page(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    embed: Annotated[bool, Query()] = False,
) -> Response:
    """Show the conversation so far and the question form."""
    turns = chat.transcript(
        session=session, conversation_id=request.session.get(SESSION_KEY), now=clock()
    )
    return render(request, "assistant/chat.html", {"turns": turns, "embed": embed, "text": ""})


@router.post("/assistant")
def chat_post(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    _: CsrfProtected,
    text: Annotated[str, Form(max_length=2000)] = "",
    embed: Annotated[bool, Form()] = False,
) -> Response:
    """Answer a question, then show the page again (or only the new turns to a script)."""
    partial = request.headers.get(PARTIAL_HEADER) == "1"
    if not text.strip():
        error = gettext("Write your question first.", _lang(request))
        if partial:
            return render(request, "assistant/_error.html", {"error": error}, status_code=422)
        turns = chat.transcript(
            session=session, conversation_id=request.session.get(SESSION_KEY), now=clock()
        )
        ctx = {"turns": turns, "embed": embed, "error": error, "text": text}
        return render(request, "assistant/chat.html", ctx, status_code=422)
    answer, turns = chat.converse(
        session=session,
        conversation_id=request.session.get(SESSION_KEY),
        text=text,
        now=clock(),
    )
    request.session[SESSION_KEY] = answer.conversation_id
    if partial:
        return render(request, "assistant/_turns.html", {"turns": turns})
    return RedirectResponse("/assistant?embed=1" if embed else "/assistant", status_code=303)
