"""The ASGI entry point for uvicorn: ``casa.asgi:app``."""

from casa.app import create_app

app = create_app()
