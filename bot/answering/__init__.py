"""Answering questions: candidates, features, the trained model and the reply.

``from bot.answering import Answerer`` is the entry point; the modules are the steps:
:mod:`~bot.answering.question` (what is asked), :mod:`~bot.answering.candidates`
(spans that could answer), :mod:`~bot.answering.features` and
:mod:`~bot.answering.reading` (what the model reads), :mod:`~bot.answering.model`
(the trained trees), :mod:`~bot.answering.compose` (the reply),
:mod:`~bot.answering.fields` (report-form fields) and the English mapping.
"""

from bot.answering.answerer import Answer, Answerer, Source

__all__ = ["Answer", "Answerer", "Source"]
