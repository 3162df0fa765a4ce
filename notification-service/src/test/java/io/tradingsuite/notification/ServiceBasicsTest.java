package io.tradingsuite.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.ServiceBasicsContract;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ServiceBasicsTest extends ServiceBasicsContract {}
