package org.liandong.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The outbox. The in-app inbox always works; e-mail goes out through Quarkus Mailer only when
 * {@code email-enabled} is true and {@code quarkus.mailer.*} points at an SMTP server (see README).
 */
@ConfigMapping(prefix = "liandong.notifications")
public interface NotificationConfig {

    /** Also send every notification by e-mail to recipients that have an address. */
    @WithDefault("false")
    boolean emailEnabled();

    /** Delivery attempts per e-mail before it is marked FAILED (it stays in the inbox regardless). */
    @WithDefault("5")
    int maxAttempts();

    /** How often the dispatcher looks for pending e-mails (a Quarkus scheduler period, e.g. 10s, 1m). */
    @WithDefault("10s")
    String dispatchEvery();

    /** E-mails sent per dispatcher run. */
    @WithDefault("50")
    int batchSize();
}
