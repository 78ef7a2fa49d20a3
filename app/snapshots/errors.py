"""Why a snapshot, a merge or a restore was refused: one clear sentence, nothing changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.snapshots.plan import Change


class SnapshotError(Exception):
    """A refusal; the message is one line a liaison officer can act on."""


class NotASnapshot(SnapshotError):
    """The file is not a Liaison Desk snapshot or database at all."""


class DamagedSnapshot(SnapshotError):
    """The file is a snapshot but incomplete or damaged."""


class PassphraseNeeded(SnapshotError):
    """The snapshot is encrypted and no passphrase was given."""


class WrongPassphrase(SnapshotError):
    """The passphrase does not open the snapshot."""


class TamperedSnapshot(SnapshotError):
    """The encrypted content was altered after the snapshot was made."""


class UnsafeSnapshot(SnapshotError):
    """The file holds something Liaison Desk never writes (odd paths, triggers, views)."""


class NewerSnapshot(SnapshotError):
    """The snapshot was made by a newer Liaison Desk."""


class NotEnoughSpace(SnapshotError):
    """The disk is (or became) too full to import safely."""


class LocalChanged(SnapshotError):
    """The local database changed between inspecting and importing."""


class CannotMerge(SnapshotError):
    """The two databases cannot be merged as they are (replace is still possible)."""


class ConflictsUnresolved(SnapshotError):
    """A merge found fields changed differently on both sides with no decision given."""

    def __init__(self, conflicts: list[Change]) -> None:
        super().__init__(
            f"the merge has {len(conflicts)} conflicting change"
            f"{'' if len(conflicts) == 1 else 's'} to decide (nothing was changed)"
        )
        self.conflicts = conflicts
