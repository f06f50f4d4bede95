"""Every domain's tables, gathered for migrations and tests."""

from __future__ import annotations

import casa.accounts.models
import casa.assistant.models
import casa.city.models
import casa.expo.models
import casa.parking.models
import casa.transit.models
import casa.web.models  # noqa: F401
from casa.core.db import Base

metadata = Base.metadata
