"""Pages of the web shell."""

from fastapi import APIRouter

router = APIRouter()
