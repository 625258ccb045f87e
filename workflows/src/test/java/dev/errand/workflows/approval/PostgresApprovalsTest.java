package dev.errand.workflows.approval;

import dev.errand.workflows.engine.testkit.TestDatabase;

/** Approvals on the machine's PostgreSQL. */
class PostgresApprovalsTest extends ApprovalBehaviours {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
