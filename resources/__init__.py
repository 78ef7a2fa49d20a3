"""Files shipped with Liaison Desk (demo data, icons, fonts), found through importlib.resources."""
