"""Typed rows: what leaves `bot.store`, one frozen dataclass per kind of row, one module
per area. Pure (no database import), so the core may name them in its signatures."""
