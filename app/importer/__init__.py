"""Bringing an existing Excel / CSV tracker in: read, map, preview, then write in one go."""
