package org.liandong.room.media;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Browsers connect to each other (perfect negotiation); the room only relays their messages. */
@ApplicationScoped
@DefaultBean
public class MeshBackend implements MediaBackend {

    public static final String MODE = "mesh";

    @Override
    public String mode() {
        return MODE;
    }
}
