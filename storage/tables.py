"""Imports every module that declares tables on :class:`storage.models.Base`.

Add a line here when a package declares new tables, so ``create_all`` and Alembic see them.
"""

import storage.advisor_tables
import storage.decision_tables
import storage.feedback_tables
import storage.models
import storage.shared_state_tables
import storage.vault_tables
import telephony.call_tables

__all__ = ["storage", "telephony"]  # the imports register tables; exporting the names marks them used
