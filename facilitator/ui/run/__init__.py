"""Running the session: round bar, phases, timer, overview, join panel, projector control."""
