"""City tables."""
