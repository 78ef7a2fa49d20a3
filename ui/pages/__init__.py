"""The main window's pages; each is a QWidget that refreshes itself from the services."""
