"""Validation layers: each module checks one concern and returns findings."""
