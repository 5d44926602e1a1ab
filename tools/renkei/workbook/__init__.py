"""Spreadsheet round trip: export a prefecture to an .xlsx workbook and import it back safely."""
