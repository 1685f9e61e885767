package org.liandong.material;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MaterialUploadRepository implements PanacheRepositoryBase<MaterialUpload, String> {}
