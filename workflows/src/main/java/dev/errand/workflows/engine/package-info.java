/**
 * The durable engine that agent runs and YAML workflows share. A run is a row of {@code wf_run}; each
 * step a row of {@code wf_step} keyed by (run, stable step id). The database is the queue: workers claim
 * due runs with {@code SELECT ... FOR UPDATE SKIP LOCKED} and an expiring lease, replay recorded steps
 * instead of re-running them, and commit a step's result together with the run's advance. Waiting (a
 * retry's backoff, a timer, a signal) parks the run in the database; no thread waits.
 */
package dev.errand.workflows.engine;
