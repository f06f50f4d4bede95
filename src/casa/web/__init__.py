"""The shell every page shares: layout, static assets, the home catalogue, the city map."""
