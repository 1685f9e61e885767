package org.liandong.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.liandong.room.media.MediaBackend;
import org.liandong.room.media.MeshBackend;

/** Picks the deployment's media backend at startup from {@code liandong.media.mode}. */
@ApplicationScoped
public class MediaBackends {

    // Singleton, not a client proxy: callers ask whether it is the SfuBackend.
    @Produces
    @Singleton
    MediaBackend mediaBackend(MediaConfig config) {
        return config.mode() == MediaConfig.Mode.SFU ? new SfuBackend(config) : new MeshBackend();
    }

    void close(@Disposes MediaBackend backend) {
        if (backend instanceof SfuBackend sfu) {
            sfu.close();
        }
    }
}
