/**
 * Errand's YAML workflow language and its durable engine, built on the agent core's executor and
 * step journal. This module holds only its skeleton for now: workflows are the next capability.
 */
package dev.errand.workflows;
