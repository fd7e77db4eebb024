"""Plain helpers shared by several apps (no models, imports nothing of ours)."""
