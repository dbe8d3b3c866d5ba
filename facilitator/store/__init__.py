"""SQLite persistence: one workshop = one `.workshop` file. All SQL of the project lives here."""

from facilitator.store.db import DamagedFile, Store, WorkshopSpec
from facilitator.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "DamagedFile", "Store", "WorkshopSpec"]
