"""Fixtures of the city tests: a database with the bundled data loaded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from casa.city import service
from casa.core.db import Database


@pytest.fixture
def loaded(db: Database) -> Database:
    """Return the test database with the bundled arrondissements and gazetteer loaded."""
    with db.session() as session:
        service.load_bundled(session=session)
    return db


@pytest.fixture
def session(loaded: Database) -> Iterator[Session]:
    """Yield a session on the loaded database."""
    with loaded.session() as session:
        yield session
