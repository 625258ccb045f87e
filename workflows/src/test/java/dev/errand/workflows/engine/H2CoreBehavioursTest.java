package dev.errand.workflows.engine;

import dev.errand.workflows.engine.testkit.TestDatabase;

/** The core behaviours on H2 in PostgreSQL mode, the embedded default's database. */
class H2CoreBehavioursTest extends CoreBehaviours {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
