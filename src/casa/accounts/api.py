"""JSON API of accounts."""

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1/accounts", tags=["accounts"])
