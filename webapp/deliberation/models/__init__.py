"""Deliberation's tables: topics and supports, draws of representatives with their witnesses,
votes with their ballot papers and ballots, meetings with what happens at them and after."""
from .draws import Draw, DrawWitness
from .meetings import (
           AgendaItem,
           Attendance,
           Invitee,
           Meeting,
           MeetingDocument,
           MinuteLine,
           Opinion,
           Task,
           TaskUpdate,
)
from .topics import Topic, TopicAuthor, TopicRule, TopicSupport, TopicWord
from .votes import Ballot, BallotPaper, Vote

__all__ = ["AgendaItem", "Attendance", "Ballot", "BallotPaper", "Draw", "DrawWitness", "Invitee", "Meeting",
           "MeetingDocument", "MinuteLine", "Opinion", "Task", "TaskUpdate", "Topic", "TopicAuthor", "TopicRule",
           "TopicSupport", "TopicWord", "Vote"]
