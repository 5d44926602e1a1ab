"""The base of every error renkei explains to the user: one message in Japanese, one in English."""

from __future__ import annotations


class BilingualError(Exception):
    """An error explained to the user in Japanese and English; `str()` is the English."""

    def __init__(self, message_en: str, message_ja: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_ja = message_ja

    def message(self, lang: str) -> str:
        """The message in `lang` ("ja" or "en")."""
        return self.message_ja if lang == "ja" else self.message_en
