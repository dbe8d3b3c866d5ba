"""The participant web server: phones join a group, post notes and follow it live.

Runs aiohttp on its own thread and event loop and never imports Qt.
"""

from facilitator.server.server import ParticipantServer

__all__ = ["ParticipantServer"]
