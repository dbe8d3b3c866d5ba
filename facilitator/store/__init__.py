"""SQLite persistence: one workshop = one `.workshop` file. All SQL of the project lives here."""

from facilitator.store.db import DamagedFile, NewerFile, Reader, Store
from facilitator.store.schema import SCHEMA_VERSION
from facilitator.store.specs import GroupSpec, RoundSpec, WorkshopSpec

__all__ = [
    "SCHEMA_VERSION", "DamagedFile", "GroupSpec", "NewerFile", "Reader", "RoundSpec", "Store",
    "WorkshopSpec",
]
