"""SQLite: messages, code snapshots and notes."""

from __future__ import annotations

from coach_engine.models import (
    CodeSnapshot,
    Message,
    Note,
    SnapshotReason,
)
from coach_engine.store.repositories import (
    ConversationRepository,
)
from coach_engine.store.sqlite.rows import SQLiteRepository, pick, row_of


class SQLiteConversation(SQLiteRepository, ConversationRepository):
    def add_message(self, message: Message) -> Message:
        with self._tx() as conn:
            self._owns_session(message.user_id, message.session_id)
            seq = conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE session_id = ?",
                (message.session_id,),
            ).fetchone()[0]
            message = message.model_copy(update={"seq": seq})
            self._insert("messages", row_of(message))
        return message

    def list_messages(self, user_id: str, session_id: str) -> list[Message]:
        rows = self._all(
            "SELECT * FROM messages WHERE session_id = ? AND user_id = ? ORDER BY seq",
            (session_id, user_id),
        )
        return [Message.model_validate(pick(Message, r)) for r in rows]

    def save_snapshot(self, snapshot: CodeSnapshot, *, keep_autosaves: int = 20) -> CodeSnapshot:
        with self._tx() as conn:
            self._owns_session(snapshot.user_id, snapshot.session_id)
            self._insert("code_snapshots", row_of(snapshot))
            if snapshot.reason == SnapshotReason.AUTOSAVE:
                conn.execute(
                    "DELETE FROM code_snapshots WHERE session_id = ? AND reason = 'autosave' "
                    "AND id NOT IN (SELECT id FROM code_snapshots WHERE session_id = ? AND "
                    "reason = 'autosave' ORDER BY created_at DESC, rowid DESC LIMIT ?)",
                    (snapshot.session_id, snapshot.session_id, keep_autosaves),
                )
        return snapshot

    def latest_snapshot(self, user_id: str, session_id: str) -> CodeSnapshot | None:
        row = self._one(
            "SELECT * FROM code_snapshots WHERE session_id = ? AND user_id = ? "
            "ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (session_id, user_id),
        )
        return None if row is None else CodeSnapshot.model_validate(pick(CodeSnapshot, row))

    def list_snapshots(self, user_id: str, session_id: str) -> list[CodeSnapshot]:
        rows = self._all(
            "SELECT * FROM code_snapshots WHERE session_id = ? AND user_id = ? "
            "ORDER BY created_at, rowid",
            (session_id, user_id),
        )
        return [CodeSnapshot.model_validate(pick(CodeSnapshot, r)) for r in rows]

    def add_note(self, note: Note) -> Note:
        with self._tx():
            self._owns_session(note.user_id, note.session_id)
            self._insert("notes", row_of(note))
        return note

    def list_notes(self, user_id: str, session_id: str) -> list[Note]:
        rows = self._all(
            "SELECT * FROM notes WHERE session_id = ? AND user_id = ? ORDER BY created_at, rowid",
            (session_id, user_id),
        )
        return [Note.model_validate(pick(Note, r)) for r in rows]
