"""IPARK: car parks, building garages, live occupancy, search, reservations and open exports."""
