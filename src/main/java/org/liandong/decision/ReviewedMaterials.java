package org.liandong.decision;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Hook for the materials package: the material versions a session reviewed, as the minutes print
 * them. Until materials provide a bean of this type, the default lists none and the minutes say so.
 */
public interface ReviewedMaterials {

    /** One reviewed file version: checklist item, file name, version number, SHA-256. */
    record Line(String item, String fileName, int version, String sha256) {
    }

    List<Line> forSession(long sessionId);

    /** The default while no materials bean exists. */
    @ApplicationScoped
    @DefaultBean
    class None implements ReviewedMaterials {
        @Override
        public List<Line> forSession(long sessionId) {
            return List.of();
        }
    }
}
