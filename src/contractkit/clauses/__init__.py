"""The clause-pack API and the built-in packs."""

from contractkit.clauses.pack import Clause, ClausePack

__all__ = ["Clause", "ClausePack"]
