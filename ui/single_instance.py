"""One Liaison Desk per data folder: a second start hands its files to the first and leaves.

The first instance holds a QLockFile in the data folder (released by the OS if the process
dies) and listens on a local socket named after the user and the folder. A later start fails
to take the lock, connects, sends the files it was asked to open, and exits; the first
brings its window to the front.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("liaison_desk.instance")

LOCK_NAME = "liaison-desk.lock"
_ACK = b"ok\n"


def server_name(folder: Path) -> str:
    """The local socket (Unix) / named pipe (Windows) name for this user and data folder."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name on some locked-down machines
        user = "user"
    key = f"{user}|{folder.resolve()}"
    if sys.platform == "win32":  # paths and user names are case-insensitive there
        key = key.lower()
    return "liaison-desk-" + hashlib.sha256(key.encode()).hexdigest()[:24]


class SingleInstance(QObject):
    """Take the data folder for this process, or pass a message to the process that has it."""

    sig_message_received = Signal(list)  # the files a later start asked to open

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.name = server_name(folder)
        self._lock = QLockFile(str(folder / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, QByteArray] = {}

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def acquire(self, timeout_ms: int = 300) -> bool:
        """True when this process now owns the data folder (and listens for later starts)."""
        if not self._lock.tryLock(timeout_ms):
            return False
        QLocalServer.removeServer(self.name)  # a socket file left by a crashed process
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("Cannot listen for a second start: %s", server.errorString())
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        """Stop listening and unlock the data folder."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def send_to_primary(self, files: list[str], timeout_ms: int = 3000) -> bool:
        """Ask the first instance to come to the front and open ``files``; True when it said ok."""
        _allow_foreground_switch()
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            log.warning("The running Liaison Desk did not answer: %s", socket.errorString())
            return False
        message = json.dumps({"activate": True, "open": files}).encode() + b"\n"
        socket.write(QByteArray(message))
        socket.waitForBytesWritten(timeout_ms)
        answered = False
        while socket.waitForReadyRead(timeout_ms):
            if bytes(socket.readAll().data()).startswith(_ACK):
                answered = True
                break
        socket.disconnectFromServer()
        return answered

    # --- the first instance's side --------------------------------------------------------
    def _on_server_new_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = QByteArray()
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.setdefault(socket, QByteArray())
        buffer.append(socket.readAll())
        raw = bytes(buffer.data())
        if b"\n" not in raw:
            return
        line = raw.split(b"\n", 1)[0]
        try:
            message = json.loads(line)
            files = [str(f) for f in message.get("open", [])]
        except (ValueError, AttributeError):
            log.warning("Ignored a malformed message from a second start")
            socket.disconnectFromServer()
            return
        socket.write(QByteArray(_ACK))
        socket.flush()
        log.info("A second start asked to come to the front (files: %s)", files)
        self.sig_message_received.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def _allow_foreground_switch() -> None:  # pragma: no cover - Windows only
    """Let the first instance take the foreground (Windows gives it to the newest process)."""
    if sys.platform == "win32":
        import ctypes

        asfw_any = -1
        ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)  # type: ignore[attr-defined]
