"""Accounts tables."""
