"""Liaison Desk without a screen: domain, rules, services, documents and the command line."""

from importlib import metadata

try:
    __version__ = metadata.version("liaison-desk")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
