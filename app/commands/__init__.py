"""Sub-commands of liaison-desk, one module per feature (see app.cli.command_modules)."""
