"""City services."""

from sqlalchemy.orm import Session


def load_bundled(*, session: Session) -> str:
    """Load the bundled data."""
    return "nothing"
