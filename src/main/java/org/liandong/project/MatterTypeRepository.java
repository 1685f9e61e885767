package org.liandong.project;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MatterTypeRepository implements PanacheRepositoryBase<MatterType, String> {}
