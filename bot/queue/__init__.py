"""The durable job queue: webhooks enqueue events, queue workers do their work.

* :mod:`bot.queue.tasks` — Procrastinate on PostgreSQL (why, in its docstring), the
  one task, retries and the sweeper of dead workers' jobs;
* :mod:`bot.queue.schema` — the queue's schema, created and upgraded by ``sdgbot
  migrate`` (Procrastinate's ``schema.sql`` and migration files, recorded);
* :mod:`bot.queue.store` — accepted events (unique by the platform's event id), their
  state and dead letter;
* :mod:`bot.queue.enqueue` — the web workers' enqueue, one statement per webhook;
* :mod:`bot.queue.journal` — each reply sent once, even when a job runs again;
* :mod:`bot.queue.line_worker`, :mod:`bot.queue.telegram_worker` — the adapters'
  handlers run from the queue;
* :mod:`bot.queue.ratelimit` — Telegram's send limits shared by every worker;
* :mod:`bot.queue.pushes` — reminders and notifications as queue jobs;
* :mod:`bot.queue.runtime` — the work of one job; :mod:`bot.queue.worker` — the
  ``sdgbot worker`` process.
"""
