"""People, roles, login, API tokens, personal-data export and erasure."""
