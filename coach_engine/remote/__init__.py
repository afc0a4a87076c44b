"""The engine API over the network, client side: ``coach login URL``, ``coach interview
--server URL`` and the read commands' ``--server`` talk to a ``coach serve`` through this package.

- ``auth.py``: the saved logins (``logins.json``, 0600: server URL, e-mail, refresh token).
- ``http.py``: ``RemoteHttp``, REST with the access token, renewed on expiry; the server's errors
  as the engine's own ``CoachError`` types.
- ``engine.py``: ``RemoteEngine``, the attributes a front end uses on ``Engine``, over REST;
  its services in ``sessions.py`` (sessions, the interview loop), ``interviews.py`` (the
  interview flows, custom input) and ``drills.py`` (drills, feedback jobs); ``scope.py`` the
  protocols they call back through, ``wire.py`` the answers read back into engine models.
- ``signin.py``: ``coach login`` / ``coach logout``.
- ``connection.py``: one session's WebSocket (reconnect, resync, outbox).

Engine code: no UI library. The server package never imports this one, nor this one the server
(import-linter contracts in ``pyproject.toml``). Front ends reach it through ``coach_engine.api``.
"""
