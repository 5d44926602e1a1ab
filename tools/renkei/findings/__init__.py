"""What renkei reports: the finding model (`model`), the catalogue of every finding code with its
Japanese and English texts (`catalogue`), and the bilingual base of every error explained to the
user (`errors`).

May import: nothing else of renkei; every other package may import this one."""
