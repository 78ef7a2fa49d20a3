"""Use cases: one method each. The only part of app/ that talks to the store."""
