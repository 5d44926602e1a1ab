"""Strict readers for registry files: bytes in, values with their file positions out."""
