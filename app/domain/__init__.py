"""Domain types and rules: plain values, no storage, no screen."""
