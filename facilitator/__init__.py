"""Facilitator: offline breakout sessions with phones, a live wall and a Word report."""

__version__ = "0.1.0"
