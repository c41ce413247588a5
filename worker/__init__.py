"""Background work: RQ queues, thin jobs that call services, and the periodic schedule."""
