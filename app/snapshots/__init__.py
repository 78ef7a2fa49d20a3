"""Handover snapshots: export, inspect, replace and merge, and the automatic backups."""
