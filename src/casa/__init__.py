"""Casa, the open smart-city platform of Casablanca."""

__version__ = "0.1.0"
