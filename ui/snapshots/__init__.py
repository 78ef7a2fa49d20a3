"""File → Export snapshot, Import snapshot, Restore from backup."""
