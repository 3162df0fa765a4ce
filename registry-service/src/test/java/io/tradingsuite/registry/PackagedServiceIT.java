package io.tradingsuite.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.tradingsuite.testing.PackagedAppResource;
import io.tradingsuite.testing.PackagedServiceContract;

/** The service contract against the packaged app (quarkus-run.jar, prod profile). */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppResource.class)
class PackagedServiceIT extends PackagedServiceContract {}
