package org.liandong.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.UUID;

/** This process's name in job leases and room leases: configured, or host, pid and a random suffix. */
@ApplicationScoped
public class NodeIdentity {

    private final String id;

    @Inject
    NodeIdentity(ClusterConfig config) {
        this.id = config.nodeId().orElseGet(NodeIdentity::generated);
    }

    /** Another node's identity, for tests that play several nodes in one process. */
    NodeIdentity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
