"""Use cases the screens and the command line call: pages, the case view, moves, import
and export, agenda, statistics, backup/restore/purge. Combines `io/` (file formats) and
`store/` (the desk); never imports Textual.
"""
