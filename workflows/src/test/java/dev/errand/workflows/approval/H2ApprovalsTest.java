package dev.errand.workflows.approval;

import dev.errand.workflows.engine.testkit.TestDatabase;

/** Approvals on H2 in PostgreSQL mode, the embedded default. */
class H2ApprovalsTest extends ApprovalBehaviours {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
