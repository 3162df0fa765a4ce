package io.tradingsuite.registry.adapter;

import io.agroal.api.AgroalDataSource;
import io.tradingsuite.registry.artifact.ArtifactReader;
import io.tradingsuite.registry.backup.BackupService;
import io.tradingsuite.registry.index.Indexer;
import io.tradingsuite.registry.query.RegistryQueries;
import io.tradingsuite.registry.store.RegistryStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the plain-Java core (reader, store, indexer, backups) to Quarkus' datasource, validator and
 * config.
 */
public class RegistryBeans {

  @Produces
  @Singleton
  RegistryStore store(AgroalDataSource dataSource) {
    return new RegistryStore(dataSource);
  }

  @Produces
  @Singleton
  RegistryQueries queries(RegistryStore store) {
    return new RegistryQueries(store);
  }

  @Produces
  @Singleton
  ArtifactReader reader(Validator validator) {
    return new ArtifactReader(validator);
  }

  @Produces
  @Singleton
  Indexer indexer(
      ArtifactReader reader,
      RegistryStore store,
      @ConfigProperty(name = "suite.var-dir") String varDir) {
    return new Indexer(Path.of(varDir), reader, store, Clock.systemUTC());
  }

  @Produces
  @Singleton
  BackupService backups(
      RegistryStore store,
      @ConfigProperty(name = "suite.var-dir") String varDir,
      @ConfigProperty(name = "registry.backups-dir") String backupsDir) {
    return new BackupService(
        Path.of(varDir),
        Path.of(backupsDir),
        new BackupService.Snapshots() {
          @Override
          public void snapshotTo(Path target) {
            store.snapshotTo(target);
          }

          @Override
          public void restoreFrom(Path source) {
            store.restoreFrom(source);
          }
        },
        Clock.systemUTC());
  }
}
