"""Answering: from a question and the passages search found, the answer itself first."""
