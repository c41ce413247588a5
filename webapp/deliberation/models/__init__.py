"""Deliberation's tables: topics and supports, draws of representatives with their witnesses,
votes with their ballot papers and ballots."""
from .draws import Draw, DrawWitness
from .topics import Topic, TopicAuthor, TopicSupport
from .votes import Ballot, BallotPaper, Vote

__all__ = ["Ballot", "BallotPaper", "Draw", "DrawWitness", "Topic", "TopicAuthor", "TopicSupport", "Vote"]
