"""The shared core every domain builds on: settings, database, errors, security, bus, clock."""
