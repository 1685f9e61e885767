package org.liandong.material;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.liandong.material.store.DatabaseMaterialStore;
import org.liandong.material.store.FileMaterialStore;
import org.liandong.material.store.MaterialStore;

/** Picks the {@link MaterialStore} named by {@code liandong.materials.store}. */
@ApplicationScoped
class MaterialStoreProducer {

    @Produces
    @ApplicationScoped
    MaterialStore materialStore(MaterialConfig config, AgroalDataSource dataSource) {
        return switch (config.store()) {
            case FILES -> new FileMaterialStore(config.dir());
            case DATABASE -> new DatabaseMaterialStore(dataSource);
        };
    }
}
