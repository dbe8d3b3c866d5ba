"""The projector: a second-screen window that follows the selected table's phase.

window.ProjectorWindow holds the views: views.JoinView and views.QuestionView (joining,
writing), board.WallView, board.ResultsView and board.PlenaryView (the table's work).
"""

from facilitator.ui.projector.window import AUTO, FOLLOWS, VIEW_NAMES, ProjectorWindow

__all__ = ["AUTO", "FOLLOWS", "VIEW_NAMES", "ProjectorWindow"]
