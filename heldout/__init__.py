"""Held-out claim generator (not shipped with the package): run as python heldout/generate.py."""
