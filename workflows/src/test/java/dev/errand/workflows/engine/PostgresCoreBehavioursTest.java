package dev.errand.workflows.engine;

import dev.errand.workflows.engine.testkit.TestDatabase;

/** The core behaviours on the machine's PostgreSQL, in a schema of this class's own. */
class PostgresCoreBehavioursTest extends CoreBehaviours {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
