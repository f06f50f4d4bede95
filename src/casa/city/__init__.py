"""The city geo core: arrondissements, the gazetteer of places, geocoding, travel times."""
