"""Imports every module that declares tables on :class:`storage.models.Base`.

Add a line here when a package declares new tables, so ``create_all`` and Alembic see them.
"""

import storage.advisor_tables  # noqa: F401
import storage.decision_tables  # noqa: F401
import storage.feedback_tables  # noqa: F401
import storage.models  # noqa: F401
import storage.shared_state_tables  # noqa: F401
import storage.vault_tables  # noqa: F401
import telephony.call_tables  # noqa: F401
