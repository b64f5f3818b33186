"""Generic rule kinds that data rules (TOML packs in ``rules/``) are instances of.

Each kind is a module here with ``STAGE`` (where in the chain it runs), ``FIELDS`` (the
keys it takes beyond the common ones, with their types) and ``build(entries, docs, path)``,
which returns one checker for all rules of that kind in a pack.
"""
