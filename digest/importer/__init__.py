"""`digest import`: raw scraped input (text dumps, saved HTML, scraper JSON, feeds, URLs) -> Markdown.

Each reader turns raw bytes into `ImportedArticle` values; `writer` turns those into
`content/<yyyy>/<mm>/<slug>.md` files without ever losing a curator's work.  The command
line lives in `command` (wired by digest/cli.py as `digest import`).
"""

from __future__ import annotations

from digest.importer.article import Block, ImportedArticle, Related


from digest.importer.pipeline import ImportOptions, ImportOutcome, import_inputs

__all__ = ["Block", "ImportedArticle", "Related", "ImportOptions", "ImportOutcome", "import_inputs"]
