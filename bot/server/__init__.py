"""The served web worker (``sdgbot serve``): webhooks that enqueue, health, readiness, metrics.

See :mod:`bot.server.asgi` (the app) and :mod:`bot.server.run` (the process).
"""
