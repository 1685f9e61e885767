package org.liandong.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.liandong.cluster.ClusterConfig;
import org.liandong.cluster.RedisSeal;
import org.liandong.room.media.MediaBackend;
import org.liandong.room.media.MeshBackend;

/** Picks the deployment's media backend at startup from {@code liandong.media.mode}. */
@ApplicationScoped
public class MediaBackends {

    // Singleton, not a client proxy: callers ask whether it is the SfuBackend.
    @Produces
    @Singleton
    MediaBackend mediaBackend(MediaConfig config, ClusterConfig cluster, RedisSeal seal) {
        if (config.mode() != MediaConfig.Mode.SFU) {
            return new MeshBackend();
        }
        // Several nodes: Janus room secrets derived from the cluster secret, so that the node taking
        // a room over can destroy the dead owner's Janus room (docs/cluster.md "Janus").
        return new SfuBackend(config, cluster.enabled() ? seal::derive : null);
    }

    void close(@Disposes MediaBackend backend) {
        if (backend instanceof SfuBackend sfu) {
            sfu.close();
        }
    }
}
