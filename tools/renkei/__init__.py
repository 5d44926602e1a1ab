"""renkei: the registry of Japan's data collaboration platforms and shared-use visions."""

__version__ = "0.2.0"
