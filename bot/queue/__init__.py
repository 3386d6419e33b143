"""The durable job queue: webhooks enqueue events, queue workers do their work.

* :mod:`bot.queue.tasks` — Procrastinate on PostgreSQL (why, in its docstring), the
  one task, retries and the sweeper of dead workers' jobs;
* :mod:`bot.queue.store` — accepted events (unique by the platform's event id), their
  state and dead letter, and the journal of sends;
* :mod:`bot.queue.journal` — each reply sent once, even when a job runs again;
* :mod:`bot.queue.line_worker`, :mod:`bot.queue.telegram_worker` — the adapters'
  handlers run from the queue;
* :mod:`bot.queue.runtime` — the work of one job; :mod:`bot.queue.worker` — the
  ``sdgbot worker`` process.
"""
