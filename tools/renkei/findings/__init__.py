"""What renkei reports: the finding model (`model`), the finding type with its bilingual
templates (`finding_type`), the catalogue of every finding code, one module per code family
(`catalogue`), every code as a constant (`codes`), where each code is emitted and tested
(`traces`, for `docs/errors.md`), and the bilingual base of every error explained to the user
(`errors`).

May import: nothing else of renkei; every other package may import this one."""
