"""Every domain's tables, gathered for migrations and tests."""

from __future__ import annotations

import casa.accounts.models
import casa.city.models  # noqa: F401
from casa.core.db import Base

metadata = Base.metadata
