"""JSON API of city."""

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1/city", tags=["city"])
